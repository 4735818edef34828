import { slaPoliciesFromSetting, type SlaPolicies } from '../../shared/sla/slaPolicy';

type Env = Readonly<Record<string, string | undefined>>;

export const slaPoliciesSettingName = 'SlaPolicies';

let memo: { readonly raw: string | undefined; readonly policies: SlaPolicies } | undefined;

/**
 * The SLA policies from the `SlaPolicies` setting (JSON over the defaults, see
 * `shared/sla/slaPolicy.ts`), parsed once per value. A malformed setting fails the call with the
 * setting's name and the path of what is wrong, never silently falling back to the defaults.
 */
export function slaPolicies(env: Env = process.env): SlaPolicies {
  const raw = env[slaPoliciesSettingName];
  if (memo !== undefined && memo.raw === raw) return memo.policies;
  const parsed = slaPoliciesFromSetting(raw);
  if (!parsed.ok) throw new Error(parsed.error);
  memo = { raw, policies: parsed.value };
  return parsed.value;
}
