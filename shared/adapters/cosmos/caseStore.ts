import type { Container, SqlParameter } from '@azure/cosmos';
import { CaseRecord } from '../../cases/caseRecord';
import type { CaseListFilter, CaseRepository } from '../../cases/ports';
import type { CosmosStore } from '../clients/cosmos';
import { createItem, readItem, replaceItemAt } from './items';

/** Cases in the `cases` container (partition `/id` = case number): point reads, ETag replaces. */
export function cosmosCaseRepository(store: CosmosStore): CaseRepository {
  const cases: Container = store.container('cases');
  return {
    async get(caseId) {
      const item = await readItem(cases, caseId, caseId);
      return item === undefined ? undefined : { value: CaseRecord.parse(item.resource), etag: item.etag };
    },
    create: (record) => createItem(cases, record),
    replace: (record, etag) => replaceItemAt(cases, record, record.id, etag),
    async list(filter: CaseListFilter) {
      const clauses = ["c.docType = 'case'"];
      const parameters: SqlParameter[] = [{ name: '@limit', value: filter.limit }];
      const add = (clause: string, name: string, value: string | undefined) => {
        if (value === undefined) return;
        clauses.push(clause);
        parameters.push({ name, value });
      };
      add('c.state.status = @status', '@status', filter.status);
      add('c.priority = @priority', '@priority', filter.priority);
      add('c.owner.id = @ownerId', '@ownerId', filter.ownerId);
      add('c.customerId = @customerId', '@customerId', filter.customerId);
      add(
        'ARRAY_CONTAINS(c.workOrders, { "workOrderId": @workOrderId }, true)',
        '@workOrderId',
        filter.workOrderId,
      );
      // The agent queue (open cases) comes soonest deadline first; history newest first.
      const order = filter.status === 'Active' ? 'c.resolveBy ASC' : 'c.createdAt DESC';
      const { resources } = await cases.items
        .query({
          query: `SELECT TOP @limit * FROM c WHERE ${clauses.join(' AND ')} ORDER BY ${order}`,
          parameters,
        })
        .fetchAll();
      return resources.map((resource) => CaseRecord.parse(resource));
    },
  };
}
