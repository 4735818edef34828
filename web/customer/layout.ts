import type { Language } from '../../shared/common/contact';
import { html, trustedMarkup, type SafeHtml } from './html';
import { pageStrings } from './strings';

const languageNames: Readonly<Record<Language, string>> = { nl: 'Nederlands', fr: 'Français', en: 'English' };

/*
 * Mobile first: one column, large touch targets, system fonts, no external assets (the page must
 * load fast on a weak connection and work without JavaScript). Colours keep WCAG AA contrast.
 */
const styles = `
*{box-sizing:border-box}
body{margin:0;font:1.0625rem/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1b1f24;background:#f6f7f9}
a{color:#0b57d0}
a:focus,button:focus,input:focus,textarea:focus,label:focus-within{outline:3px solid #0b57d0;outline-offset:2px}
.skip{position:absolute;left:-999px}.skip:focus{left:1rem;top:1rem;background:#fff;padding:.5rem}
header{background:#14365d;color:#fff;padding:1rem}
header p{margin:0;font-weight:600}
nav{margin-top:.5rem;font-size:.9375rem}
nav a{color:#fff;margin-right:.75rem}
nav a[aria-current]{font-weight:700;text-decoration:none}
main{max-width:40rem;margin:0 auto;padding:1rem}
section{background:#fff;border:1px solid #d0d5dc;border-radius:.5rem;padding:1rem;margin:0 0 1rem}
h1{font-size:1.5rem;margin:.25rem 0 1rem}
h2{font-size:1.2rem;margin:0 0 .75rem}
fieldset{border:0;margin:0 0 1rem;padding:0}
legend{font-weight:600;margin-bottom:.5rem}
.day{margin:.75rem 0 .25rem;font-weight:600}
.slot{display:flex;align-items:center;gap:.75rem;min-height:3rem;padding:.5rem .75rem;margin:.25rem 0;border:1px solid #b8c0cc;border-radius:.5rem;background:#fff}
.slot input{width:1.25rem;height:1.25rem}
button,.button{display:inline-block;min-height:3rem;padding:.75rem 1.25rem;border:0;border-radius:.5rem;background:#0b57d0;color:#fff;font:inherit;font-weight:600;text-decoration:none;cursor:pointer}
.secondary{background:#e8ebef;color:#1b1f24}
.danger{background:#b3261e}
.notice{border-left:.375rem solid #1e7d32;background:#edf7ee}
.problem{border-left:.375rem solid #b3261e;background:#fdeceb}
label{display:block;font-weight:600;margin-bottom:.25rem}
.help{font-size:.9375rem;color:#4a5461;margin:.25rem 0 .5rem}
textarea,input[type=file],select{width:100%;font:inherit;padding:.5rem;border:1px solid #8a94a3;border-radius:.375rem;background:#fff}
dl{margin:0}dt{font-weight:600}dd{margin:0 0 .5rem}
`;

export interface LayoutOptions {
  readonly language: Language;
  readonly title: string;
  /** The page's own path, for the language switch. */
  readonly path: string;
  readonly script?: SafeHtml | undefined;
}

export function layout(options: LayoutOptions, content: SafeHtml): string {
  const strings = pageStrings[options.language];
  const switcher = (['nl', 'fr', 'en'] as const).map(
    (language) =>
      html`<a
        href="${options.path}?lang=${language}"
        lang="${language}"
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
        <title>${options.title} – ${strings.title}</title>
        <style>
          ${trustedMarkup(styles)}
        </style>
      </head>
      <body>
        <a class="skip" href="#main">${strings.skip}</a>
        <header>
          <p>Fieldline</p>
          <nav aria-label="${strings.languageSwitch}">${switcher}</nav>
        </header>
        <main id="main">${content}</main>
        ${options.script ?? ''}
      </body>
    </html>`.value;
}
