import type { OutboxMessage } from './outboxMessage';

const HTML_ESCAPES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => HTML_ESCAPES[character] ?? character);
}

function renderBody(message: OutboxMessage): string {
  if (message.text !== undefined) return `<pre class="text">${escapeHtml(message.text)}</pre>`;
  // An HTML-only email is shown as sent, but sandboxed: no scripts, no access to this page.
  if (message.html !== undefined)
    return `<iframe class="html" sandbox title="email body" srcdoc="${escapeHtml(message.html)}"></iframe>`;
  return '';
}

function renderLinks(links: readonly string[]): string {
  if (links.length === 0) return '';
  const items = links.map((link) => `<li><a href="${escapeHtml(link)}">${escapeHtml(link)}</a></li>`);
  return `<ul class="links">${items.join('')}</ul>`;
}

/** Under each SMS: answer it as the customer would (digits, YES, RESCHEDULE, STOP). */
function renderReplyBox(message: OutboxMessage, action: string): string {
  const field = `reply-${escapeHtml(message.id)}`;
  return [
    `<form class="reply" method="post" action="${escapeHtml(action)}">`,
    `<input type="hidden" name="messageId" value="${escapeHtml(message.id)}">`,
    `<label for="${field}">Reply as ${escapeHtml(message.to.join(', '))}</label> `,
    `<input id="${field}" name="text" required maxlength="2048" autocomplete="off"> `,
    '<button type="submit">Send reply</button>',
    '</form>',
  ].join('');
}

function renderMessage(message: OutboxMessage, replyAction: string | undefined): string {
  const subject = message.subject === undefined ? '' : `<h2>${escapeHtml(message.subject)}</h2>`;
  return [
    `<article class="message" data-channel="${message.channel}" data-id="${escapeHtml(message.id)}">`,
    `<p class="meta"><span class="channel">${message.channel}</span> `,
    `<time datetime="${escapeHtml(message.at)}">${escapeHtml(message.at)}</time> `,
    `from <span class="from">${escapeHtml(message.from)}</span> `,
    `to <span class="to">${escapeHtml(message.to.join(', '))}</span></p>`,
    subject,
    renderBody(message),
    renderLinks(message.links),
    message.channel === 'sms' && replyAction !== undefined ? renderReplyBox(message, replyAction) : '',
    '</article>',
  ].join('');
}

const STYLE = [
  'body{font-family:system-ui,sans-serif;margin:2rem;max-width:60rem}',
  '.message{border:1px solid #ccc;border-radius:6px;padding:1rem;margin-bottom:1rem}',
  '.meta{color:#555;margin:0 0 .5rem}',
  '.channel{font-weight:bold;text-transform:uppercase}',
  'pre{white-space:pre-wrap}',
  'iframe{width:100%;min-height:16rem;border:1px solid #eee}',
  '.reply{margin-top:.5rem}.reply input[name=text]{width:12rem}',
  '.outcome{padding:.5rem;background:#eef}',
].join('');

export interface OutboxPageOptions {
  /** Where each SMS's reply box posts; without it the page has no reply boxes. */
  readonly replyAction?: string;
  /** The last reply's outcome, shown at the top. */
  readonly replyOutcome?: string | null;
}

/** The local outbox as a page: every message sent, newest first, with its links clickable. */
export function renderOutboxPage(
  messages: readonly OutboxMessage[],
  options: OutboxPageOptions = {},
): string {
  // Reversing first keeps the latest-recorded first among messages with the same timestamp.
  const newestFirst = [...messages].reverse().sort((a, b) => Date.parse(b.at) - Date.parse(a.at));
  const body =
    newestFirst.length === 0
      ? '<p class="empty">No messages sent yet.</p>'
      : newestFirst.map((message) => renderMessage(message, options.replyAction)).join('\n');
  const outcome = options.replyOutcome
    ? `<p class="outcome" role="status">Reply ${escapeHtml(options.replyOutcome)}.</p>`
    : '';
  return [
    '<!doctype html>',
    '<html lang="en">',
    '<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>Outbox (${newestFirst.length})</title><style>${STYLE}</style></head>`,
    `<body><h1>Outbox</h1><main>${outcome}\n${body}\n</main></body>`,
    '</html>',
  ].join('\n');
}
