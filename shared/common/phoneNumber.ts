import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/min';
import { PhoneE164 } from './contact';

/** The app setting naming the country a number typed without its country code belongs to. */
export const defaultPhoneCountrySetting = 'DefaultPhoneCountry';

/** The contract's country unless configured: the utilities Fieldline serves today are Belgian. */
export const defaultPhoneCountry = (settings: Readonly<Record<string, string | undefined>> = process.env) =>
  (settings[defaultPhoneCountrySetting] || 'BE').toUpperCase();

/**
 * A phone number as a person types or reads it out, in E.164, or undefined when it is not one.
 * With a country code (`+` or `00`) it is taken as written, spaces, dots, dashes and brackets
 * aside; in national form ("0470 12 34 56") the trunk prefix and the country's own rules are
 * libphonenumber's (Google's metadata), because they differ by country (Italy keeps its 0).
 */
export function phoneFromTyped(text: string, country: string = defaultPhoneCountry()): string | undefined {
  const compact = text
    .trim()
    .replace(/[\s().-]/g, '')
    .replace(/^00/, '+');
  if (compact.startsWith('+')) return PhoneE164.safeParse(compact).success ? compact : undefined;
  if (!/^\d{6,15}$/.test(compact)) return undefined;
  const parsed = parsePhoneNumberFromString(compact, country as CountryCode);
  return parsed?.isPossible() && PhoneE164.safeParse(parsed.number).success ? parsed.number : undefined;
}
