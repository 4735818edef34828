import { loadConfig } from './loadConfig';
import type { optionalSettingNames } from './settingNames';
import { smsSenderSetting } from './smsSender';

type Env = Readonly<Record<string, string | undefined>>;

const webhookSecretSetting: (typeof optionalSettingNames)[number] = 'SmsEventsWebhookSecret';

/**
 * What keeps a deployment from doing its job, for /api/health: invalid settings, and the two the
 * app starts without but must not run without unnoticed. An unset SMS sender silently left
 * phone-only customers uncontacted; an unset webhook secret shuts the Event Grid endpoints.
 * Setting names and reasons only, never values (several are secrets).
 */
export function readinessProblems(env: Env): string[] {
  const problems: string[] = [];
  const loaded = loadConfig(env);
  if (!loaded.ok) problems.push(loaded.error);
  if (!env[smsSenderSetting]?.trim()) {
    problems.push(
      `${smsSenderSetting}: not set, so SMS is off and customers with only a phone number cannot be reached; set a number, an alphanumeric sender ID or "none" (docs/DEPLOY.md, SMS per country)`,
    );
  }
  const secrets = (env[webhookSecretSetting] ?? '').split(',').map((secret) => secret.trim());
  if (secrets.some((secret) => secret.length < 32)) {
    problems.push(
      `${webhookSecretSetting}: missing or shorter than 32 characters, so the Event Grid endpoints refuse every delivery`,
    );
  }
  return problems;
}
