import { html } from '../html';
import { layout } from './layout';
import { contactBlock, hiddenLanguage, stringsOf, type PageBase } from './pageBase';

export type MessageKind =
  | 'invalidLink'
  | 'expiredLink'
  | 'inactive'
  | 'declined'
  | 'cancelledByUtility'
  | 'cancelledByOps'
  | 'tooMany'
  | 'surveyThanks'
  | 'newLinkSent'
  | 'newLinkWait';

export interface MessageOptions {
  /** Offer "send me a new link": only when the link is ours (signature checked) and we know whom to send to. */
  readonly newLink?: boolean | undefined;
}

/**
 * Every dead end has a way out: the utility's name and number, and where we can, a new link
 * sent to the contact on file (never to an address typed in here).
 */
export function renderMessagePage(
  base: Omit<PageBase, 'timeZone'>,
  kind: MessageKind,
  options: MessageOptions = {},
): string {
  const strings = stringsOf(base);
  const [title, body] = ((): [string, string] => {
    switch (kind) {
      case 'invalidLink':
        return [strings.invalidLink, strings.invalidLinkHelp];
      case 'expiredLink':
        return [strings.expiredLink, strings.expiredLinkHelp];
      case 'inactive':
        return [strings.title, strings.inactive];
      case 'declined':
        return [strings.declineTitle, strings.declined];
      case 'cancelledByUtility':
        return [strings.title, strings.cancelledByUtility];
      case 'cancelledByOps':
        return [strings.title, strings.cancelledByOps];
      case 'tooMany':
        return [strings.title, strings.tooMany];
      case 'surveyThanks':
        return [strings.survey, strings.surveyThanks];
      case 'newLinkSent':
        return [strings.newLink, strings.newLinkSent];
      case 'newLinkWait':
        return [strings.newLink, strings.newLinkWait];
      default: {
        const unhandled: never = kind;
        throw new Error(`unknown message ${String(unhandled)}`);
      }
    }
  })();
  const newLink =
    options.newLink === true
      ? html`<form method="post" action="${base.path}/new-link">
          ${hiddenLanguage({ ...base, timeZone: '' })}
          <p><button type="submit">${strings.newLink}</button></p>
        </form>`
      : '';
  return layout(
    { language: base.language, title, path: base.path, brand: base.contact.name },
    html`<h1>${title}</h1>
      <section>
        <p>${body}</p>
        ${kind === 'declined' ? html`<p>${strings.changedMind}</p>` : ''} ${newLink}
      </section>
      ${contactBlock(strings, { ...base, timeZone: '' })}`,
  );
}
