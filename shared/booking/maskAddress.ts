import type { Site } from '../contracts/inbound/site';

/**
 * Enough of the address for the customer to recognise it, not enough for anyone who finds the
 * link to locate them: street name, postcode and city, with the house number and box hidden.
 */
export function maskAddress(site: Pick<Site, 'street' | 'postcode' | 'city'>): string {
  const street = site.street
    .replace(/\d[\w/-]*/g, '••')
    .replace(/\b(bus|boîte|bte|box)\b.*$/i, '')
    .trim();
  return `${street}, ${site.postcode} ${site.city}`;
}
