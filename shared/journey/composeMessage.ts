import { z } from 'zod';
import type { Channel, Language } from '../common/contact';
import { err, ok, type Result } from '../result';
import type { JourneyPurpose } from './purposes';
import { templateFiles } from './templateFiles';

/** A template file: the SMS text and the email subject and body, with `{{placeholders}}`. */
export const MessageTemplate = z.strictObject({
  sms: z.string().min(1).max(480),
  email: z.strictObject({ subject: z.string().min(1).max(200), text: z.string().min(1) }),
});
export type MessageTemplate = z.infer<typeof MessageTemplate>;

export type ComposedMessage =
  | { readonly channel: 'sms'; readonly text: string }
  | { readonly channel: 'email'; readonly subject: string; readonly text: string };

const placeholder = /\{\{([a-zA-Z]+)\}\}/g;

/** Placeholders a template uses, so a test can check every file against what the journey supplies. */
export const placeholdersOf = (template: MessageTemplate): Set<string> =>
  new Set(
    [template.sms, template.email.subject, template.email.text].flatMap((text) =>
      [...text.matchAll(placeholder)].map((match) => match[1] ?? ''),
    ),
  );

function fill(text: string, values: Readonly<Record<string, string>>): Result<string, string> {
  const missing = [...text.matchAll(placeholder)].map((m) => m[1] ?? '').filter((name) => !(name in values));
  if (missing.length > 0) return err(`no value for ${[...new Set(missing)].join(', ')}`);
  return ok(text.replace(placeholder, (_, name: string) => values[name] ?? ''));
}

export function templateFor(purpose: JourneyPurpose, language: Language): Result<MessageTemplate, string> {
  const parsed = MessageTemplate.safeParse(templateFiles[language][purpose]);
  return parsed.success ? ok(parsed.data) : err(`template ${language}/${purpose} is malformed`);
}

/**
 * The message for one purpose in the customer's language on one channel. A placeholder without
 * a value is an error, never sent as `{{link}}` or left blank.
 */
export function composeMessage(
  purpose: JourneyPurpose,
  language: Language,
  channel: Channel,
  values: Readonly<Record<string, string>>,
): Result<ComposedMessage, string> {
  const template = templateFor(purpose, language);
  if (!template.ok) return template;
  if (channel === 'sms') {
    const text = fill(template.value.sms, values);
    return text.ok ? ok({ channel, text: text.value }) : err(`${language}/${purpose}: ${text.error}`);
  }
  const subject = fill(template.value.email.subject, values);
  const text = fill(template.value.email.text, values);
  if (!subject.ok) return err(`${language}/${purpose}: ${subject.error}`);
  if (!text.ok) return err(`${language}/${purpose}: ${text.error}`);
  return ok({ channel, subject: subject.value, text: text.value });
}

const locales: Readonly<Record<Language, string>> = { nl: 'nl-BE', fr: 'fr-BE', en: 'en-GB' };

/** "Tuesday 10 March, 08:00–10:00" in the customer's language and time zone. */
export function formatWindow(start: Date, end: Date, language: Language, timeZone: string): string {
  const day = new Intl.DateTimeFormat(locales[language], {
    timeZone,
    weekday: 'long',
    day: 'numeric',
    month: 'long',
  }).format(start);
  return `${day}, ${formatTime(start, language, timeZone)}–${formatTime(end, language, timeZone)}`;
}

export const formatTime = (instant: Date, language: Language, timeZone: string): string =>
  new Intl.DateTimeFormat(locales[language], {
    timeZone,
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(instant);
