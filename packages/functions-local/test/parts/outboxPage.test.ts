import { describe, expect, it } from 'vitest';
import { renderOutboxPage, type OutboxMessage } from '../../src/outbox';
import { extractLinks } from '../../src/outbox/extractLinks';

const message = (overrides: Partial<OutboxMessage>): OutboxMessage => ({
  id: 'm',
  channel: 'sms',
  to: ['+32470000001'],
  from: '+3220000000',
  text: 'hello',
  at: '2026-01-05T09:00:00.000Z',
  links: [],
  ...overrides,
});

describe('renderOutboxPage', () => {
  it('lists messages newest first, latest recorded first on equal timestamps', () => {
    const html = renderOutboxPage([
      message({ id: 'older', at: '2026-01-05T09:00:00.000Z' }),
      message({ id: 'newest', at: '2026-01-05T10:00:00.000Z' }),
      message({ id: 'same-time-first', at: '2026-01-05T09:30:00.000Z' }),
      message({ id: 'same-time-second', at: '2026-01-05T09:30:00.000Z' }),
    ]);
    const order = [...html.matchAll(/data-id="([^"]+)"/g)].map((match) => match[1]);
    expect(order).toEqual(['newest', 'same-time-second', 'same-time-first', 'older']);
  });

  it('escapes every field and makes links clickable', () => {
    const html = renderOutboxPage([
      message({
        channel: 'email',
        subject: '<script>alert(1)</script>',
        from: 'a"b@x.test',
        text: 'Open https://book.test/s/1?a=1&b=2',
        links: ['https://book.test/s/1?a=1&b=2'],
      }),
    ]);
    expect(html).not.toContain('<script>');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('a&quot;b@x.test');
    expect(html).toContain('<a href="https://book.test/s/1?a=1&amp;b=2">');
  });

  it('shows an HTML-only email in a sandboxed frame, never inline', () => {
    const html = renderOutboxPage([
      message({ channel: 'email', text: undefined, html: '<img src=x onerror="alert(1)">' }),
    ]);
    expect(html).toContain('<iframe class="html" sandbox');
    expect(html).toContain('srcdoc="&lt;img src=x onerror=&quot;alert(1)&quot;&gt;"');
    expect(html).not.toContain('<img');
  });

  it('says so when nothing was sent', () => {
    expect(renderOutboxPage([])).toContain('No messages sent yet.');
  });
});

describe('extractLinks', () => {
  it('finds http(s) URLs in text and HTML, decoded, deduplicated, without trailing punctuation', () => {
    expect(
      extractLinks([
        'Pick a slot (https://book.test/s/1?a=1). Or http://127.0.0.1:7071/s/2, thanks!',
        '<a href="https://book.test/s/1?a=1">again</a><a href=\'https://book.test/s/3?x=1&amp;y=2\'>3</a>',
        undefined,
        'ftp://not.a.link mailto:ann@example.test',
      ]),
    ).toEqual(['https://book.test/s/1?a=1', 'http://127.0.0.1:7071/s/2', 'https://book.test/s/3?x=1&y=2']);
  });
});
