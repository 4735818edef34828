export type SubQueue = 'main' | 'deadLetter';

/**
 * What a link's address names, as the SDK writes addresses (entity paths, not URLs). `path` is a
 * queue or topic name, or `<topic>/Subscriptions/<subscription>`.
 */
export type LinkAddress =
  | { readonly kind: 'cbs' }
  | { readonly kind: 'entity'; readonly path: string; readonly subQueue: SubQueue }
  | { readonly kind: 'management'; readonly path: string; readonly subQueue: SubQueue }
  | { readonly kind: 'unsupported'; readonly address: string; readonly reason: string };

const deadLetterSuffix = '/$deadletterqueue';
const managementSuffix = '/$management';
const subscriptionPath = /^[^/]+\/subscriptions\/[^/]+$/i;

function entityPath(path: string): { path: string; subQueue: SubQueue } | { reason: string } {
  const lower = path.toLowerCase();
  if (lower.endsWith(deadLetterSuffix)) {
    const main = path.slice(0, -deadLetterSuffix.length);
    if (main.toLowerCase().endsWith('/$transfer'))
      return { reason: 'transfer dead-letter queues are not supported' };
    const parsed = entityPath(main);
    return 'reason' in parsed ? parsed : { path: parsed.path, subQueue: 'deadLetter' };
  }
  if (path.includes('/') && !subscriptionPath.test(path))
    return {
      reason:
        'sub-queues other than $deadletterqueue and paths other than <topic>/Subscriptions/<name> are not supported',
    };
  return { path, subQueue: 'main' };
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

export const entityPathOf = (path: string, subQueue: SubQueue): string =>
  subQueue === 'main' ? path : `${path}/$DeadLetterQueue`;
