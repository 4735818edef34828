import { z } from 'zod';
import { EmailAddress } from '../common/contact';
import { err, ok, type Result } from '../result';
import {
  JourneyTuning,
  LinkSigningKeys,
  PublicBaseUrl,
  type AppConfig,
  type ConnectionConfig,
} from './appConfig';
import { connectionStringProblems } from './connectionString';
import { connectionSettings, type ConnectionKey } from './settingNames';
import { SmsSender, smsSenderSetting } from './smsSender';

type Env = Readonly<Record<string, string | undefined>>;

const defaults = {
  JourneyContactAttempts: '3',
  JourneyContactIntervalHours: '48',
  QuietHoursStart: '21:00',
  QuietHoursEnd: '08:00',
  QuietHoursTimeZone: 'Europe/Brussels',
  QuietHoursRestDayStart: '21:00',
  QuietHoursRestDayEnd: '10:00',
  PublicHolidays: 'BE',
  UtilityTimeZones: '{}',
  OnHoldMaxDays: '14',
  CaseClosureCascade: 'true',
} as const;

const isHttpsUrl = (value: string): boolean => {
  try {
    return new URL(value).protocol === 'https:';
  } catch {
    return false;
  }
};

const identityAddressProblems: Readonly<Record<ConnectionKey, (value: string) => string | undefined>> = {
  hostStorage: (value) => (/^[a-z0-9]{3,24}$/.test(value) ? undefined : 'must be a storage account name'),
  serviceBus: (value) =>
    /^[a-z0-9][a-z0-9.-]*\.[a-z]{2,}$/i.test(value)
      ? undefined
      : 'must be a namespace host name, e.g. fieldline.servicebus.windows.net',
  cosmos: (value) => (isHttpsUrl(value) ? undefined : 'must be an https:// account endpoint'),
  storage: (value) => (isHttpsUrl(value) ? undefined : 'must be an https:// blob service URI'),
  communication: (value) => (isHttpsUrl(value) ? undefined : 'must be an https:// endpoint'),
};

/** Collects every problem before failing, so one start-up attempt shows all that needs fixing. */
class SettingsReader {
  readonly problems: string[] = [];

  constructor(private readonly env: Env) {}

  private raw(name: string): string | undefined {
    const value = this.env[name]?.trim();
    return value === '' ? undefined : value;
  }

  connection(key: ConnectionKey): ConnectionConfig | undefined {
    const names = connectionSettings[key];
    const connectionString = this.raw(names.connectionString);
    if (connectionString !== undefined) {
      const problem = connectionStringProblems[key === 'hostStorage' ? 'storage' : key](connectionString);
      return this.accept(names.connectionString, problem, {
        kind: 'connectionString',
        value: connectionString,
      });
    }
    const address = this.raw(names.identity);
    if (address !== undefined) {
      return this.accept(names.identity, identityAddressProblems[key](address), {
        kind: 'identity',
        address,
      });
    }
    this.problems.push(
      `${names.connectionString}: missing; set ${names.connectionString} (connection string) or ${names.identity} (managed identity)`,
    );
    return undefined;
  }

  /** A required setting read with a schema; values are never echoed, some are secrets. */
  required<S extends z.ZodType>(name: string, schema: S, decode: (raw: string) => unknown = (raw) => raw) {
    const raw = this.raw(name);
    if (raw === undefined) {
      this.problems.push(`${name}: missing`);
      return undefined;
    }
    return this.parse(name, schema, raw, decode);
  }

  optional<S extends z.ZodType>(name: keyof typeof defaults, schema: S, decode: (raw: string) => unknown) {
    return this.parse(name, schema, this.raw(name) ?? defaults[name], decode);
  }

  optionalText(name: string): string | undefined {
    return this.raw(name);
  }

  /** A setting that may be absent (the feature it enables is then off) but must be valid when set. */
  optionalParsed<S extends z.ZodType>(name: string, schema: S): z.infer<S> | undefined {
    const raw = this.raw(name);
    return raw === undefined ? undefined : this.parse(name, schema, raw, (value) => value);
  }

  private parse<S extends z.ZodType>(
    name: string,
    schema: S,
    raw: string,
    decode: (raw: string) => unknown,
  ): z.infer<S> | undefined {
    let decoded: unknown;
    try {
      decoded = decode(raw);
    } catch {
      this.problems.push(`${name}: is not valid JSON`);
      return undefined;
    }
    const parsed = schema.safeParse(decoded);
    if (parsed.success) return parsed.data;
    const reasons = parsed.error.issues.map((issue) =>
      issue.path.length > 0 ? `${issue.path.join('.')}: ${issue.message}` : issue.message,
    );
    this.problems.push(`${name}: ${reasons.join('; ')}`);
    return undefined;
  }

  private accept<T>(name: string, problem: string | undefined, value: T): T | undefined {
    if (problem === undefined) return value;
    this.problems.push(`${name}: ${problem}`);
    return undefined;
  }
}

const wholeNumber = (raw: string): unknown => (/^\d+$/.test(raw) ? Number(raw) : raw);
const decimal = (raw: string): unknown => (/^\d+(\.\d+)?$/.test(raw) ? Number(raw) : raw);
const flag = (raw: string): unknown => ({ true: true, false: false })[raw.toLowerCase()] ?? raw;

const tuning = JourneyTuning.shape;

/**
 * Reads the app settings once at start-up. Every missing or malformed setting is named in the one
 * error message; setting values are never repeated in it because several are secrets.
 */
export function loadConfig(env: Env): Result<AppConfig, string> {
  const read = new SettingsReader(env);
  const connections = {
    hostStorage: read.connection('hostStorage'),
    serviceBus: read.connection('serviceBus'),
    cosmos: read.connection('cosmos'),
    storage: read.connection('storage'),
    communication: read.connection('communication'),
  };
  const sender = read.required('AcsEmailSender', EmailAddress);
  // Unset starts the app with SMS off (email only) so a first deployment runs; /api/health then
  // reports it as a problem until a sender or an explicit `none` is chosen.
  const sms = read.optionalParsed(smsSenderSetting, SmsSender);
  const signingKeys = read.required('LinkSigningKeys', LinkSigningKeys, (raw) => JSON.parse(raw));
  const publicBaseUrl = read.required('PublicBaseUrl', PublicBaseUrl);
  const contactAttempts = read.optional('JourneyContactAttempts', tuning.contactAttempts, wholeNumber);
  const contactIntervalHours = read.optional(
    'JourneyContactIntervalHours',
    tuning.contactIntervalHours,
    decimal,
  );
  const start = read.optional('QuietHoursStart', tuning.quietHours.shape.start, String);
  const end = read.optional('QuietHoursEnd', tuning.quietHours.shape.end, String);
  const timeZone = read.optional('QuietHoursTimeZone', tuning.quietHours.shape.timeZone, String);
  const restDays = tuning.quietHours.shape.restDays.shape;
  const restStart = read.optional('QuietHoursRestDayStart', restDays.start, String);
  const restEnd = read.optional('QuietHoursRestDayEnd', restDays.end, String);
  const holidays = read.optional('PublicHolidays', tuning.quietHours.shape.holidays, String);
  const utilityTimeZones = read.optional('UtilityTimeZones', tuning.utilityTimeZones, (raw) =>
    JSON.parse(raw),
  );
  const onHoldMaxDays = read.optional('OnHoldMaxDays', tuning.onHoldMaxDays, wholeNumber);
  const closureCascade = read.optional('CaseClosureCascade', z.boolean(), flag);
  const cosmosCaCertificatePath = read.optionalText('CosmosDbCaCertificatePath');

  if (read.problems.length > 0) {
    return err(`Invalid app settings (${read.problems.length}):\n- ${read.problems.join('\n- ')}`);
  }
  const present = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error('a setting without a problem has a value');
    return value;
  };
  return ok({
    connections: {
      hostStorage: present(connections.hostStorage),
      serviceBus: present(connections.serviceBus),
      cosmos: present(connections.cosmos),
      storage: present(connections.storage),
      communication: present(connections.communication),
    },
    ...(cosmosCaCertificatePath === undefined ? {} : { cosmosCaCertificatePath }),
    email: { sender: present(sender) },
    sms: sms ?? { replies: false },
    links: { signingKeys: present(signingKeys), publicBaseUrl: present(publicBaseUrl) },
    journey: {
      contactAttempts: present(contactAttempts),
      contactIntervalHours: present(contactIntervalHours),
      onHoldMaxDays: present(onHoldMaxDays),
      quietHours: {
        start: present(start),
        end: present(end),
        timeZone: present(timeZone),
        restDays: { start: present(restStart), end: present(restEnd) },
        holidays: present(holidays),
      },
      utilityTimeZones: present(utilityTimeZones),
    },
    cases: { closureCascade: present(closureCascade) },
  });
}

/** For function start-up: the settings of this process, or a thrown error listing every bad one. */
export function configFromEnvironment(env: Env = process.env): AppConfig {
  const loaded = loadConfig(env);
  if (!loaded.ok) throw new Error(loaded.error);
  return loaded.value;
}
