import { z } from 'zod';
import { EmailAddress } from '../common/contact';
import { LocalTime, TimeZone } from '../common/time';
import { isKnownHolidayCalendar } from '../journey/restDays';

/** As the adapters take it: a connection string, or a service address reached with managed identity. */
export const ConnectionConfig = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('connectionString'), value: z.string().min(1) }),
  z.object({ kind: z.literal('identity'), address: z.string().min(1) }),
]);
export type ConnectionConfig = z.infer<typeof ConnectionConfig>;

/** Two keys during a rotation: the first signs new links, every listed key still verifies old ones. */
export const LinkSigningKey = z.object({
  kid: z.string().regex(/^[A-Za-z0-9_-]{1,32}$/, 'kid must be 1–32 characters A–Z, a–z, 0–9, _ or -'),
  secret: z.string().min(32, 'secret must be at least 32 characters'),
});
export type LinkSigningKey = z.infer<typeof LinkSigningKey>;

export const LinkSigningKeys = z
  .array(LinkSigningKey)
  .min(1, 'needs at least one key')
  .refine((keys) => new Set(keys.map((key) => key.kid)).size === keys.length, 'kids must be unique');

const isHttpsOrLoopbackHttp = (value: string): boolean => {
  try {
    const url = new URL(value);
    if (url.protocol === 'https:') return true;
    return url.protocol === 'http:' && ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname);
  } catch {
    return false;
  }
};

/** Base of customer self-service links; stored without a trailing slash so `${base}/b/…` has one. */
export const PublicBaseUrl = z
  .string()
  .refine(isHttpsOrLoopbackHttp, 'must be an https:// URL (http:// only on loopback)')
  .refine((value) => !/[?#]/.test(value), 'must not have a query or fragment')
  .transform((value) => value.replace(/\/+$/, ''));

export const JourneyTuning = z.object({
  contactAttempts: z.int().min(1).max(10),
  contactIntervalHours: z.number().positive().max(720),
  onHoldMaxDays: z.int().min(1).max(365),
  quietHours: z.object({
    start: LocalTime,
    end: LocalTime,
    /** The customer's zone when neither the work order nor its utility names one. */
    timeZone: TimeZone,
    restDays: z.object({ start: LocalTime, end: LocalTime }),
    holidays: z.string().refine(isKnownHolidayCalendar, 'must be a date-holidays code, e.g. BE or DE-BY'),
  }),
  /** Each utility's own zone by utility code, for work orders that do not name one. */
  utilityTimeZones: z.record(z.string(), TimeZone),
});

export const AppConfig = z.object({
  connections: z.object({
    hostStorage: ConnectionConfig,
    serviceBus: ConnectionConfig,
    cosmos: ConnectionConfig,
    storage: ConnectionConfig,
    communication: ConnectionConfig,
  }),
  cosmosCaCertificatePath: z.string().min(1).optional(),
  email: z.object({ sender: EmailAddress }),
  /** `from` absent: SMS off (AcsSmsFrom `none` or unset; /api/health reports unset). */
  sms: z.object({ from: z.string().min(1).optional(), replies: z.boolean() }),
  links: z.object({ signingKeys: LinkSigningKeys, publicBaseUrl: PublicBaseUrl }),
  journey: JourneyTuning,
  cases: z.object({
    /** Resolve a work order's open field-service cases when the work order closes. */
    closureCascade: z.boolean(),
  }),
});
export type AppConfig = z.output<typeof AppConfig>;
