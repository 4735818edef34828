/**
 * Who can sign in on the local `/.auth/login` page: the app roles of Fieldline's Entra app
 * registration and one demo user each. The technician's user id is a seeded technician's id,
 * since a technician's Entra object id is their technician id.
 */
export const demoAuth = {
  roles: ['ops', 'dispatcher', 'agent', 'technician', 'admin'],
  demoUsers: [
    { userId: 'demo-ops', name: 'Olivia Ops', roles: ['ops'] },
    { userId: 'demo-dispatcher', name: 'Dries Dispatcher', roles: ['dispatcher'] },
    { userId: 'demo-agent', name: 'Anouk Agent', roles: ['agent'] },
    { userId: 'TECH-BE-VOV-1', name: 'Technician BE-VOV 1', roles: ['technician'] },
    { userId: 'demo-admin', name: 'Ada Admin', roles: ['admin'] },
  ],
} as const;
