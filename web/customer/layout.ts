import type { Language } from '../../shared/common/contact';
import { customerAssets } from './assets';
import { html, type SafeHtml } from '../html';
import { pageStrings } from './strings';

const languageNames: Readonly<Record<Language, string>> = { nl: 'Nederlands', fr: 'Français', en: 'English' };

export interface LayoutOptions {
  readonly language: Language;
  readonly title: string;
  /** The page's own path, for the language switch. */
  readonly path: string;
  /** Who the customer deals with, shown in the header. */
  readonly brand: string;
  /** Query kept when switching language (e.g. `day=…`), without `lang`. */
  readonly query?: string | undefined;
}

/** No inline script or style anywhere: the CSP allows only the app's own files (see assets.ts). */
export function layout(options: LayoutOptions, content: SafeHtml): string {
  const strings = pageStrings[options.language];
  const keep = options.query ? `${options.query}&` : '';
  const switcher = (['nl', 'fr', 'en'] as const).map(
    (language) =>
      html`<a
        href="${options.path}?${keep}lang=${language}"
        lang="${language}"
        hreflang="${language}"
        ${language === options.language ? html`aria-current="true"` : ''}
        >${languageNames[language]}</a
      >`,
  );
  return html`<!doctype html>
    <html lang="${options.language}">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="robots" content="noindex" />
        <meta name="referrer" content="no-referrer" />
        <title>${options.title} – ${options.brand}</title>
        <link rel="icon" href="${customerAssets.favicon.path}" type="image/svg+xml" />
        <link rel="stylesheet" href="${customerAssets.css.path}" />
        <script src="${customerAssets.js.path}" defer></script>
      </head>
      <body>
        <a class="skip" href="#main">${strings.skip}</a>
        <header>
          <p>${options.brand}</p>
          <nav class="lang" aria-label="${strings.languageSwitch}">${switcher}</nav>
        </header>
        <main id="main">${content}</main>
      </body>
    </html>`.value;
}
