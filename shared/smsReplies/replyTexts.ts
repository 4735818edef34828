import type { Language } from '../common/contact';
import { formatTime } from '../journey/composeMessage';
import type { OfferedSlot } from './smsOffer';

/** The replies we text back, short enough for one or two SMS segments. */
export type ReplyText =
  | { readonly kind: 'choices'; readonly offers: readonly OfferedSlot[] }
  | { readonly kind: 'booked'; readonly window: Window }
  | { readonly kind: 'slotGone'; readonly offers: readonly OfferedSlot[] }
  | { readonly kind: 'noSlots' }
  | { readonly kind: 'alreadyBooked'; readonly window: Window }
  | { readonly kind: 'confirmed'; readonly window: Window }
  | { readonly kind: 'link'; readonly link: string }
  | { readonly kind: 'stopped' }
  | { readonly kind: 'started' }
  | { readonly kind: 'help' };

interface Window {
  readonly windowStart: string;
  readonly windowEnd: string;
}

type Phrases = Readonly<Record<ReplyText['kind'] | 'choice', string>>;

/**
 * `{choice}` is one "1 for Tue 24 Nov 08:00–12:00" item; the keywords named are the ones
 * `interpretReply` reads, in the customer's language.
 */
const phrases: Readonly<Record<Language, Phrases>> = {
  nl: {
    choice: '{n} voor {window}',
    choices: 'Antwoord {choices}.',
    booked: 'Uw afspraak staat vast: {window}. Antwoord WIJZIG om ze te verplaatsen.',
    slotGone: 'Dat moment is niet meer vrij. Antwoord {choices}.',
    noSlots: 'Er is nu geen moment vrij. Een medewerker neemt contact met u op.',
    alreadyBooked: 'U hebt al een afspraak: {window}. Antwoord WIJZIG om ze te verplaatsen.',
    confirmed: 'Bedankt voor uw bevestiging. Tot {window}.',
    link: 'Kies hier een moment: {link}',
    stopped: "U krijgt geen sms'en meer van ons. Antwoord START om ze weer te krijgen.",
    started: "U krijgt weer sms'en van ons. Antwoord STOP om ze te stoppen.",
    help: "Antwoord met het cijfer van een moment, JA om uw afspraak te bevestigen, WIJZIG om ze te verplaatsen of STOP voor geen sms'en meer. Een medewerker leest uw bericht.",
  },
  fr: {
    choice: '{n} pour {window}',
    choices: 'Répondez {choices}.',
    booked: 'Votre rendez-vous est fixé : {window}. Répondez MODIFIER pour le déplacer.',
    slotGone: "Ce créneau n'est plus libre. Répondez {choices}.",
    noSlots: "Aucun créneau n'est libre pour l'instant. Un collaborateur vous contactera.",
    alreadyBooked: 'Vous avez déjà un rendez-vous : {window}. Répondez MODIFIER pour le déplacer.',
    confirmed: 'Merci pour votre confirmation. À {window}.',
    link: 'Choisissez un moment ici : {link}',
    stopped: 'Vous ne recevrez plus de SMS de notre part. Répondez START pour les recevoir à nouveau.',
    started: 'Vous recevrez à nouveau nos SMS. Répondez STOP pour les arrêter.',
    help: 'Répondez par le chiffre d’un créneau, OUI pour confirmer votre rendez-vous, MODIFIER pour le déplacer ou STOP pour ne plus recevoir de SMS. Un collaborateur lira votre message.',
  },
  en: {
    choice: '{n} for {window}',
    choices: 'Reply {choices}.',
    booked: 'Your appointment is booked: {window}. Reply CHANGE to move it.',
    slotGone: 'That time is no longer free. Reply {choices}.',
    noSlots: 'No time is free right now. A colleague will contact you.',
    alreadyBooked: 'You already have an appointment: {window}. Reply CHANGE to move it.',
    confirmed: 'Thank you for confirming. See you {window}.',
    link: 'Choose a time here: {link}',
    stopped: 'You will get no more texts from us. Reply START to get them again.',
    started: 'You will get our texts again. Reply STOP to stop them.',
    help: 'Reply with the number of a time, YES to confirm your appointment, CHANGE to move it or STOP for no more texts. A colleague will read your message.',
  },
};

const locales: Readonly<Record<Language, string>> = { nl: 'nl-BE', fr: 'fr-BE', en: 'en-GB' };

/** "Tue 24 Nov 08:00–12:00": the day and window, short, in the customer's language and time zone. */
export function shortWindow(window: Window, language: Language, timeZone: string): string {
  const start = new Date(window.windowStart);
  const day = new Intl.DateTimeFormat(locales[language], {
    timeZone,
    weekday: 'short',
    day: 'numeric',
    month: 'short',
  }).format(start);
  const end = formatTime(new Date(window.windowEnd), language, timeZone);
  return `${day} ${formatTime(start, language, timeZone)}–${end}`;
}

const fill = (template: string, values: Readonly<Record<string, string>>): string =>
  template.replace(/\{([a-z]+)\}/g, (whole, name: string) => values[name] ?? whole);

function choiceList(offers: readonly OfferedSlot[], language: Language, timeZone: string): string {
  return offers
    .map((offer, index) =>
      fill(phrases[language].choice, {
        n: String(index + 1),
        window: shortWindow(offer, language, timeZone),
      }),
    )
    .join(', ');
}

export function replyText(text: ReplyText, language: Language, timeZone: string): string {
  const template = phrases[language][text.kind];
  switch (text.kind) {
    case 'choices':
    case 'slotGone':
      return fill(template, { choices: choiceList(text.offers, language, timeZone) });
    case 'booked':
    case 'alreadyBooked':
    case 'confirmed':
      return fill(template, { window: shortWindow(text.window, language, timeZone) });
    case 'link':
      return fill(template, { link: text.link });
    case 'noSlots':
    case 'stopped':
    case 'started':
    case 'help':
      return template;
    default: {
      const unhandled: never = text;
      throw new Error(`unknown reply text ${JSON.stringify(unhandled)}`);
    }
  }
}
