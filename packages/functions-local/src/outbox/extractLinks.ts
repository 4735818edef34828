const URL_PATTERN = /https?:\/\/[^\s"'<>`]+/gi;
/** Sentence punctuation that ends up glued to a URL in prose, never part of one the app builds. */
const TRAILING_PUNCTUATION = /[.,;:!?)\]]+$/;

const ENTITIES: Readonly<Record<string, string>> = { amp: '&', quot: '"', apos: "'", lt: '<', gt: '>' };

function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, entity: string) => {
    if (entity.startsWith('#x') || entity.startsWith('#X'))
      return String.fromCodePoint(parseInt(entity.slice(2), 16));
    if (entity.startsWith('#')) return String.fromCodePoint(parseInt(entity.slice(1), 10));
    return ENTITIES[entity.toLowerCase()] ?? whole;
  });
}

/**
 * The http(s) URLs in a message body, deduplicated in order of first appearance. HTML bodies are
 * entity-decoded first so `href="…?a=1&amp;b=2"` yields the URL a browser would follow.
 */
export function extractLinks(bodies: readonly (string | undefined)[]): readonly string[] {
  const links = new Set<string>();
  for (const body of bodies) {
    if (body === undefined) continue;
    for (const match of decodeEntities(body).matchAll(URL_PATTERN)) {
      links.add(match[0].replace(TRAILING_PUNCTUATION, ''));
    }
  }
  return [...links];
}
