import { app } from '@azure/functions';
import { readinessProblems } from '../../shared/config';

/**
 * Health for probes, the smoke test (`npm run smoke`) and the local runtime: 200 when the settings
 * let the app do its job, 503 naming each problem (never a value) when not, so a deployment
 * without an SMS sender or webhook secret is reported instead of quietly contacting nobody.
 * Touches no dependency: it reads the settings only.
 */
app.http('health', {
  route: 'health',
  methods: ['GET'],
  authLevel: 'anonymous',
  handler: () => {
    const problems = readinessProblems(process.env);
    return problems.length === 0
      ? { jsonBody: { status: 'ok' } }
      : { status: 503, jsonBody: { status: 'unhealthy', problems } };
  },
});
