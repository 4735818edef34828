import type { CaseRequests } from '../../cases/ports';
import type { CosmosStore } from '../clients/cosmos';
import { createItem, readItem } from './items';

/**
 * Case requests in the `idempotency` container (partition `/id`, 30-day TTL: far longer than a
 * phone stays offline). A create-only write is the reservation, so of two copies of one request
 * racing each other exactly one number holds; the other reads it back.
 */
export function cosmosCaseRequests(store: CosmosStore): CaseRequests {
  const container = store.container('idempotency');
  const idOf = (requestKey: string) => `CR-${requestKey}`;
  const find = async (requestKey: string): Promise<string | undefined> => {
    const item = await readItem(container, idOf(requestKey), idOf(requestKey));
    const caseId = (item?.resource as { caseId?: unknown } | undefined)?.caseId;
    return typeof caseId === 'string' ? caseId : undefined;
  };
  return {
    find,
    async reserve(requestKey, caseId) {
      if ((await createItem(container, { id: idOf(requestKey), caseId })) === 'created') return caseId;
      const held = await find(requestKey);
      if (held === undefined) throw new Error('a case request reservation vanished while being read');
      return held;
    },
  };
}
