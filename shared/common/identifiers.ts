import { z } from 'zod';

/**
 * The utility's short code, e.g. "FLUVIUS". Letters and digits only: it is the first segment of
 * every work-order id, so it must never contain that id's separator.
 */
export const UtilityCode = z
  .string()
  .regex(/^[A-Z0-9]{2,16}$/, 'must be 2–16 characters A–Z or 0–9, e.g. FLUVIUS');
export type UtilityCode = z.infer<typeof UtilityCode>;

/** The utility's own id for the work order; any printable text, encoded into our ids. */
export const ExternalId = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[\x21-\x7E]+$/, 'must be 1–64 printable ASCII characters without spaces');
export type ExternalId = z.infer<typeof ExternalId>;

/** Revisions count up from 1 for each change the utility makes to one work order. */
export const Revision = z.int().min(1);

/** An opaque id we issue (work order, case, appointment, ...), safe as a Cosmos id. */
export const EntityId = z
  .string()
  .min(1)
  .max(100)
  .regex(/^[^/\\?#\s]+$/, 'must not contain /, \\, ?, # or whitespace');

export const Skill = z
  .string()
  .regex(/^[a-z][a-z0-9-]{0,47}$/, 'must be a lower-case skill code, e.g. fibre-splicing');
export type Skill = z.infer<typeof Skill>;
