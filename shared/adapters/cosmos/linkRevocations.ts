import { laterRevocation, LinkRevocation, linkRevocationIdFor } from '../../links/revocation';
import type { CosmosStore } from '../clients/cosmos';
import { createItem, readItem, replaceItemAt } from './items';

export interface LinkRevocations {
  current(workOrderId: string): Promise<LinkRevocation | undefined>;
  /** Refuses every link of the work order issued before `at` (ms); a later revocation always wins. */
  revoke(workOrderId: string, at: number): Promise<void>;
}

/** Revocations in the `workOrders` container beside their work order (`LR-<workOrderId>`). */
export function cosmosLinkRevocations(store: CosmosStore): LinkRevocations {
  const workOrders = store.container('workOrders');
  return {
    async current(workOrderId) {
      const id = linkRevocationIdFor(workOrderId);
      const item = await readItem(workOrders, id, id);
      return item === undefined ? undefined : LinkRevocation.parse(item.resource);
    },
    async revoke(workOrderId, at) {
      const id = linkRevocationIdFor(workOrderId);
      for (let attempt = 0; attempt < 10; attempt++) {
        const item = await readItem(workOrders, id, id);
        if (item === undefined) {
          if ((await createItem(workOrders, laterRevocation(undefined, workOrderId, at))) === 'created')
            return;
          continue;
        }
        const current = LinkRevocation.parse(item.resource);
        if (current.revokedBefore >= at) return;
        const next = laterRevocation(current, workOrderId, at);
        if ((await replaceItemAt(workOrders, next, id, item.etag)) === 'replaced') return;
      }
      throw new Error('link revocation kept changing; retry');
    },
  };
}

/** The work order a customer document belongs to: the inverse of `customerIdFor` (one customer per work order). */
export const workOrderIdOfCustomer = (customerId: string): string => `WO-${customerId.replace(/^CU-/, '')}`;
