import type { Role } from '../../shared/identity/principal';

/** The areas of the staff app; each audience's screens live under its own route and folder. */
export const StaffArea = ['journeys', 'dispatch', 'kpis', 'cases', 'customers', 'technician'] as const;
export type StaffArea = (typeof StaffArea)[number];

export interface NavigationLink {
  readonly area: StaffArea;
  readonly label: string;
  readonly href: string;
}

const links: Readonly<Record<StaffArea, NavigationLink>> = {
  journeys: { area: 'journeys', label: 'Journeys', href: '/api/console/journeys' },
  dispatch: { area: 'dispatch', label: 'Dispatch board', href: '/api/console/dispatch' },
  kpis: { area: 'kpis', label: 'KPIs', href: '/api/console/kpis' },
  cases: { area: 'cases', label: 'Cases', href: '/api/agent/cases' },
  customers: { area: 'customers', label: 'Customers', href: '/api/agent/customers' },
  technician: { area: 'technician', label: 'My day', href: '/api/tech/' },
};

/** What each role works with, in the order they use it; mirrors the grants in shared/identity/access.ts. */
const areasOf = (role: Role): readonly StaffArea[] => {
  switch (role) {
    case 'ops':
      return ['journeys', 'dispatch', 'kpis', 'cases', 'customers'];
    case 'dispatcher':
      return ['dispatch', 'journeys', 'cases', 'customers'];
    case 'agent':
      return ['cases', 'customers', 'kpis'];
    case 'technician':
      return ['technician'];
    case 'admin':
      return ['journeys', 'dispatch', 'kpis', 'cases', 'customers'];
    default: {
      const unknown: never = role;
      throw new Error(`no areas for role ${String(unknown)}`);
    }
  }
};

export function navigationFor(roles: readonly Role[]): readonly NavigationLink[] {
  const areas = new Set(roles.flatMap(areasOf));
  return StaffArea.filter((area) => areas.has(area)).map((area) => links[area]);
}

/** Where a signed-in person lands: the area they use first in their first role. */
export function homeFor(roles: readonly Role[]): string | undefined {
  const first = roles.map(areasOf).find((areas) => areas.length > 0)?.[0];
  return first === undefined ? undefined : links[first].href;
}
