import { app } from '@azure/functions';

/** Liveness for load balancers and the local runtime's readiness check; touches no dependency. */
app.http('health', {
  route: 'health',
  methods: ['GET'],
  authLevel: 'anonymous',
  handler: () => ({ jsonBody: { status: 'ok' } }),
});
