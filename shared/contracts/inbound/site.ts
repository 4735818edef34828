import { z } from 'zod';
import { CountryCode, Latitude, Longitude, RegionCode } from '../../common/geo';
import { TimeZone } from '../../common/time';

/** Where the work happens. Coordinates are required: scheduling plans travel from them. */
export const Site = z.strictObject({
  street: z
    .string()
    .trim()
    .min(1)
    .max(200)
    .meta({ description: 'Street and house number, e.g. "Kerkstraat 12 bus 3"' }),
  postcode: z.string().trim().min(2).max(12),
  city: z.string().trim().min(1).max(100),
  country: CountryCode,
  latitude: Latitude,
  longitude: Longitude,
  region: RegionCode.meta({ description: 'Planning region; technicians and capacity are grouped by it' }),
  accessNotes: z.string().max(1000).optional(),
  timeZone: TimeZone.optional().meta({
    description:
      "IANA time zone of the customer at this site, e.g. Europe/Lisbon; messages, quiet hours and the times shown follow it. Absent: the utility's zone",
  }),
});
export type Site = z.infer<typeof Site>;
