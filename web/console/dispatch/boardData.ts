import type { BoardRefusal } from '../../../shared/dispatch/boardChanges';
import type { PlanTechnician } from '../../../shared/dispatch/dayInput';
import type { StoredPlan } from '../../../shared/dispatch/storedPlan';
import type { Identity } from '../../../shared/identity/principal';
import type { MapTiles } from './routeMap';

export const boardPath = '/api/console/dispatch';
/** The board's live panels, polled by the console script. */
export const boardLivePath = `${boardPath}/live`;

export const boardUrl = (region: string, day: string, extra: Record<string, string> = {}): string =>
  `${boardPath}?${new URLSearchParams({ region, day, ...extra }).toString()}`;

export const boardLiveUrl = (region: string, day: string, run?: string): string =>
  `${boardLivePath}?${new URLSearchParams({ region, day, ...(run === undefined ? {} : { run }) }).toString()}`;

export type BoardNotice = 'moved' | 'pinned' | 'unpinned' | 'replanning';

export interface BoardRun {
  readonly instanceId: string;
  /** The orchestration's runtime status, or undefined while it is not known yet. */
  readonly status: string | undefined;
}

export interface BoardData {
  readonly region: string;
  readonly day: string;
  readonly regions: readonly string[];
  /** The region's technicians working that day, as the planner sees them. */
  readonly technicians: readonly PlanTechnician[];
  readonly names: Readonly<Record<string, string>>;
  readonly plan: StoredPlan | undefined;
  /** The live version this board was drawn from (the ETag its live panels poll with). */
  readonly liveTag?: string | undefined;
  /** Azure Maps tiles under the map, where configured; the plain SVG map otherwise. */
  readonly tiles?: MapTiles | undefined;
  readonly run?: BoardRun | undefined;
  readonly notice?: BoardNotice | undefined;
  readonly refusal?: BoardRefusal | undefined;
  readonly errors?: readonly string[];
}

export interface BoardViewer {
  readonly identity: Identity;
  readonly csrfToken: string;
}
