export type SubQueue = 'main' | 'deadLetter';

/** What a link's address names, as the SDK writes addresses (entity paths, not URLs). */
export type LinkAddress =
  | { readonly kind: 'cbs' }
  | { readonly kind: 'entity'; readonly queue: string; readonly subQueue: SubQueue }
  | { readonly kind: 'management'; readonly queue: string; readonly subQueue: SubQueue }
  | { readonly kind: 'unsupported'; readonly address: string; readonly reason: string };

const deadLetterSuffix = '/$deadletterqueue';
const managementSuffix = '/$management';

function entityPath(path: string): { queue: string; subQueue: SubQueue } | { reason: string } {
  const lower = path.toLowerCase();
  if (lower.endsWith(deadLetterSuffix)) {
    const queue = path.slice(0, -deadLetterSuffix.length);
    if (queue.toLowerCase().endsWith('/$transfer'))
      return { reason: 'transfer dead-letter queues are not supported' };
    return { queue, subQueue: 'deadLetter' };
  }
  if (path.includes('/'))
    return { reason: 'topics, subscriptions and sub-queues other than $deadletterqueue are not supported' };
  return { queue: path, subQueue: 'main' };
}

export function parseLinkAddress(raw: string | undefined): LinkAddress {
  const address = (raw ?? '').replace(/^(amqps?|sb):\/\/[^/]+\//i, '');
  if (address === '') return { kind: 'unsupported', address, reason: 'a link needs an address' };
  if (address === '$cbs') return { kind: 'cbs' };
  const isManagement = address.toLowerCase().endsWith(managementSuffix);
  const path = isManagement ? address.slice(0, -managementSuffix.length) : address;
  const parsed = entityPath(path);
  if ('reason' in parsed) return { kind: 'unsupported', address, reason: parsed.reason };
  return { kind: isManagement ? 'management' : 'entity', ...parsed };
}

export const entityPathOf = (queue: string, subQueue: SubQueue): string =>
  subQueue === 'main' ? queue : `${queue}/$DeadLetterQueue`;
