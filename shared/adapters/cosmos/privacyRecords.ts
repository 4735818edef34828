import { randomUUID } from 'node:crypto';
import { accessLogEntry, type AccessLogEntry } from '../../privacy/accessLog';
import type { CosmosStore } from '../clients/cosmos';

/** The access log and the export/erasure records: append-only, ids and counts only. */
export function privacyRecords(store: CosmosStore) {
  return {
    async recordAccess(entry: Omit<AccessLogEntry, 'id' | 'docType' | 'day'>): Promise<void> {
      await store.container('accessLog').items.create(accessLogEntry(entry, randomUUID().slice(0, 8)));
    },
    async save(record: { readonly id: string; readonly docType: 'erasure' | 'export' }): Promise<void> {
      await store.container('privacy').items.upsert(record);
    },
    /** Exports made of any of these customers: one query, run only by an erasure. */
    async exportIdsOf(customerIds: readonly string[]): Promise<readonly string[]> {
      const { resources } = await store
        .container('privacy')
        .items.query<{ id: string }>({
          query:
            "SELECT c.id FROM c WHERE c.docType = 'export' AND EXISTS(SELECT VALUE x FROM x IN c.customerIds WHERE ARRAY_CONTAINS(@ids, x))",
          parameters: [{ name: '@ids', value: [...customerIds] }],
        })
        .fetchAll();
      return resources.map((resource) => resource.id);
    },
    async read(id: string): Promise<Record<string, unknown> | undefined> {
      try {
        const { resource } = await store.container('privacy').item(id, id).read<Record<string, unknown>>();
        return resource ?? undefined;
      } catch (error) {
        if ((error as { code?: unknown }).code === 404) return undefined;
        throw error;
      }
    },
  };
}

export type PrivacyRecords = ReturnType<typeof privacyRecords>;
