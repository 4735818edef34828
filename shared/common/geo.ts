import { z } from 'zod';

export const Latitude = z.number().min(-90).max(90);
export const Longitude = z.number().min(-180).max(180);

export const GeoPoint = z.object({ latitude: Latitude, longitude: Longitude });
export type GeoPoint = z.infer<typeof GeoPoint>;

/** ISO 3166-1 alpha-2, upper case. */
export const CountryCode = z
  .string()
  .regex(/^[A-Z]{2}$/, 'must be an ISO 3166-1 alpha-2 country code, e.g. BE');

/**
 * A planning region (e.g. "BE-ANT"): technicians, capacity and appointments are grouped by it,
 * and it is the partition key of the capacity container.
 */
export const RegionCode = z
  .string()
  .regex(/^[A-Z0-9][A-Z0-9-]{0,31}$/, 'must be a region code: A–Z, 0–9 and "-", e.g. BE-ANT');
export type RegionCode = z.infer<typeof RegionCode>;
