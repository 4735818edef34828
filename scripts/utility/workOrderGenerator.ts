import type { CreateWorkOrderMessage } from '../../shared/contracts/inbound/messages';
import type { WorkType } from '../../shared/contracts/inbound/workType';
import { pick, seededRandom } from './randomSource';

const places = [
  { city: 'Gent', postcode: '9000', region: 'BE-VOV', latitude: 51.0543, longitude: 3.7174, language: 'nl' },
  {
    city: 'Antwerpen',
    postcode: '2000',
    region: 'BE-VAN',
    latitude: 51.2194,
    longitude: 4.4025,
    language: 'nl',
  },
  {
    city: 'Leuven',
    postcode: '3000',
    region: 'BE-VBR',
    latitude: 50.8798,
    longitude: 4.7005,
    language: 'nl',
  },
  {
    city: 'Brugge',
    postcode: '8000',
    region: 'BE-VWV',
    latitude: 51.2093,
    longitude: 3.2247,
    language: 'nl',
  },
  { city: 'Namur', postcode: '5000', region: 'BE-WNA', latitude: 50.4669, longitude: 4.8675, language: 'fr' },
  { city: 'Liège', postcode: '4000', region: 'BE-WLG', latitude: 50.6326, longitude: 5.5797, language: 'fr' },
  {
    city: 'Charleroi',
    postcode: '6000',
    region: 'BE-WHT',
    latitude: 50.4108,
    longitude: 4.4446,
    language: 'fr',
  },
  {
    city: 'Bruxelles',
    postcode: '1000',
    region: 'BE-BRU',
    latitude: 50.8467,
    longitude: 4.3525,
    language: 'fr',
  },
] as const;

const streets = {
  nl: ['Kerkstraat', 'Stationsstraat', 'Dorpsstraat', 'Molenstraat', 'Schoolstraat', 'Nieuwstraat'],
  fr: ['Rue de la Station', "Rue de l'Église", 'Rue du Moulin', 'Rue Haute', 'Avenue des Tilleuls'],
} as const;

const names = {
  nl: ['Jan Peeters', 'An Janssens', 'Wouter Maes', 'Els Jacobs', 'Tom Willems', 'Sofie Claes'],
  fr: ['Luc Dubois', 'Marie Lambert', 'Julien Dupont', 'Céline Martin', 'Nicolas Simon'],
  en: ['Alex Morgan', 'Sam Taylor', 'Chris Walker'],
} as const;

const workTypes: readonly { workType: WorkType; skills: readonly string[] }[] = [
  { workType: 'installation', skills: ['fibre-splicing'] },
  { workType: 'installation', skills: ['fibre-splicing', 'ont-install'] },
  { workType: 'repair', skills: ['fibre-splicing'] },
  { workType: 'inspection', skills: [] },
  { workType: 'meterExchange', skills: ['smart-meter'] },
];

export interface GeneratorOptions {
  readonly utilityCode?: string;
  readonly seed?: number;
  /** Due dates are spread over the weeks after this day. */
  readonly from?: Date;
}

/**
 * Realistic `create` messages as a Belgian utility would send them: Dutch-, French- and
 * English-speaking customers, phone-only, email-only and both, addresses with coordinates and
 * planning regions. Deterministic for a seed.
 */
export function* generateWorkOrders(options: GeneratorOptions = {}): Generator<CreateWorkOrderMessage> {
  const random = seededRandom(options.seed ?? 1);
  const utilityCode = options.utilityCode ?? 'FIBERCO';
  const from = options.from ?? new Date('2026-11-23T00:00:00Z');
  for (let index = 1; ; index++) {
    const place = pick(random, places);
    const language = random() < 0.1 ? 'en' : place.language;
    const name = pick(random, names[language]);
    const reach = random();
    const phone = reach < 0.75 ? `+3247${String(Math.floor(random() * 1e7)).padStart(7, '0')}` : undefined;
    const email =
      reach >= 0.45 || phone === undefined
        ? `${name.toLowerCase().replace(/[^a-z]+/g, '.')}${index}@example.org`
        : undefined;
    const work = pick(random, workTypes);
    const due = new Date(from.getTime() + (14 + Math.floor(random() * 42)) * 86_400_000);
    yield {
      schemaVersion: 1,
      kind: 'create',
      utilityCode,
      externalId: `${utilityCode}-${String(index).padStart(7, '0')}`,
      revision: 1,
      sentAt: from.toISOString(),
      workType: work.workType,
      priority: random() < 0.05 ? 'high' : 'normal',
      dueDate: due.toISOString().slice(0, 10),
      requiredSkills: [...work.skills],
      site: {
        street: `${pick(random, streets[place.language])} ${1 + Math.floor(random() * 180)}`,
        postcode: place.postcode,
        city: place.city,
        country: 'BE',
        latitude: Number((place.latitude + (random() - 0.5) * 0.05).toFixed(5)),
        longitude: Number((place.longitude + (random() - 0.5) * 0.05).toFixed(5)),
        region: place.region,
      },
      customer: {
        name,
        ...(phone === undefined ? {} : { phone }),
        ...(email === undefined ? {} : { email }),
        ...(phone !== undefined && email !== undefined
          ? { preferredChannel: random() < 0.5 ? 'sms' : 'email' }
          : {}),
        language,
      },
    };
  }
}

/** Ways a utility message goes wrong in practice, each caught by a different rule. */
export const invalidVariants: readonly ((message: CreateWorkOrderMessage) => unknown)[] = [
  (message) => ({
    ...message,
    customer: { name: message.customer.name, language: message.customer.language },
  }),
  (message) => ({ ...message, priority: 'asap' }),
  (message) => ({ ...message, schemaVersion: 2 }),
  (message) => ({ ...message, site: { ...message.site, latitude: 123 } }),
  (message) => `${JSON.stringify(message).slice(0, 40)}`,
];
