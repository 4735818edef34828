import { technicianScope } from './serviceWorker';

/** Installable from the browser: its own window, the app's colours, opening on today's route. */
export const manifestJson = (iconPath: string): string =>
  JSON.stringify({
    name: 'Fieldline – technician',
    short_name: 'Fieldline',
    description: 'Today’s route, work orders and visit reports, online or not.',
    id: technicianScope,
    start_url: technicianScope,
    scope: technicianScope,
    display: 'standalone',
    orientation: 'portrait',
    background_color: '#f4f5f7',
    theme_color: '#14365d',
    icons: [{ src: iconPath, sizes: 'any', type: 'image/svg+xml', purpose: 'any' }],
  });
