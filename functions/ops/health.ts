import { app } from '@azure/functions';
import { appSettingNames, readinessProblems } from '../../shared/config';

/**
 * Health for probes, the smoke test (`npm run smoke`) and the local runtime: 200 when the settings
 * let the app do its job, 503 naming each problem (never a value) when not, so a deployment
 * without an SMS sender or webhook secret is reported instead of quietly contacting nobody.
 * Touches no dependency: it reads the settings only.
 */
type Env = Readonly<Record<string, string | undefined>>;

const readsSetting = (key: string) =>
  appSettingNames.some((name) => key === name || key.startsWith(`${name}__`));

/**
 * The settings' verdict, worked out again only when a setting it reads has changed: probes call
 * this every few seconds and loading the configuration is not free (calendars, key sets). In Azure
 * a settings change restarts the app; on the local runtime one process may start hosts with
 * different settings, hence the key.
 */
let last: { readonly key: string; readonly problems: readonly string[] } | undefined;
function currentProblems(env: Env): readonly string[] {
  const key = JSON.stringify(
    Object.keys(env)
      .filter(readsSetting)
      .sort()
      .map((name) => [name, env[name]]),
  );
  if (last?.key !== key) last = { key, problems: readinessProblems(env) };
  return last.problems;
}

app.http('health', {
  route: 'health',
  methods: ['GET'],
  authLevel: 'anonymous',
  handler: () => {
    const problems = currentProblems(process.env);
    return problems.length === 0
      ? { jsonBody: { status: 'ok' } }
      : { status: 503, jsonBody: { status: 'unhealthy', problems } };
  },
});
