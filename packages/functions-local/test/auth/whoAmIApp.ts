import { app } from '@azure/functions';

/** Echoes the identity headers the app receives, to see what the platform let through. */
app.http('whoAmI', {
  route: 'whoami',
  methods: ['GET', 'POST'],
  authLevel: 'anonymous',
  handler: (request) => ({
    jsonBody: Object.fromEntries([...request.headers.entries()].filter(([name]) => name.startsWith('x-ms-'))),
  }),
});
