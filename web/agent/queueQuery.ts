import { z } from 'zod';
import { CasePriority, CaseType } from '../../shared/cases/case';
import type { CaseRecord } from '../../shared/cases/caseRecord';
import type { CaseSlas } from '../../shared/cases/caseSlas';
import { attentionOf, worstAttention } from './slaCell';

/** An empty `<select>` choice ("any") arrives as `name=`; it means the filter is off. */
const choice = <T extends z.ZodType>(schema: T) =>
  z.preprocess((value) => (value === '' ? undefined : value), schema.optional());

/** The queue's query string: filters and order, so a filtered queue is a link an agent can share. */
export const QueueQuery = z.object({
  state: choice(z.enum(['Active', 'Resolved', 'Cancelled'])).default('Active'),
  priority: choice(CasePriority),
  category: choice(CaseType),
  sla: choice(z.enum(['attention', 'warning', 'breached'])),
  sort: choice(z.enum(['due', 'priority', 'opened'])).default('due'),
});
export type QueueQuery = z.infer<typeof QueueQuery>;

export interface QueueRow {
  readonly record: CaseRecord;
  readonly slas: CaseSlas;
}

const priorityRank: Readonly<Record<CasePriority, number>> = { Critical: 0, High: 1, Normal: 2, Low: 3 };

/**
 * When the case is next due: the earliest target of a clock still counting (or missed), so a case
 * whose first response is late sorts before one with hours left to resolve. Paused clocks have no
 * deadline; such a case falls back on the one stored for the queue's order.
 */
function dueOf(row: QueueRow): string {
  const counting = [row.slas.firstResponse, row.slas.resolution]
    .filter((view) => view.state === 'running' || view.state === 'warning' || view.state === 'failed')
    .map((view) => view.failedAt)
    .filter((at): at is string => at !== undefined)
    .sort();
  return counting[0] ?? row.record.resolveBy ?? '9999';
}

const byDue = (a: QueueRow, b: QueueRow) => dueOf(a).localeCompare(dueOf(b));

function ordering(sort: QueueQuery['sort']): (a: QueueRow, b: QueueRow) => number {
  switch (sort) {
    case 'due':
      return (a, b) => byDue(a, b) || a.record.id.localeCompare(b.record.id);
    case 'priority':
      return (a, b) => priorityRank[a.record.priority] - priorityRank[b.record.priority] || byDue(a, b);
    case 'opened':
      return (a, b) =>
        b.record.createdAt.localeCompare(a.record.createdAt) || a.record.id.localeCompare(b.record.id);
    default: {
      const unknown: never = sort;
      throw new Error(`unknown sort ${String(unknown)}`);
    }
  }
}

/** The SLA filter and the order, over rows already narrowed by state and priority in the store. */
export function queueRows(rows: readonly QueueRow[], query: QueueQuery): QueueRow[] {
  const attention = (row: QueueRow) => worstAttention([row.slas.firstResponse, row.slas.resolution]);
  return rows
    .filter((row) => query.category === undefined || row.record.type === query.category)
    .filter((row) => {
      switch (query.sla) {
        case undefined:
          return true;
        case 'attention':
          return attention(row) !== 'none';
        case 'breached':
          return attention(row) === 'breached';
        case 'warning':
          return [row.slas.firstResponse, row.slas.resolution].some(
            (view) => attentionOf(view) === 'warning',
          );
        default: {
          const unknown: never = query.sla;
          throw new Error(`unknown SLA filter ${String(unknown)}`);
        }
      }
    })
    .sort(ordering(query.sort));
}

/** The query string for the queue with some parts changed (a sort header, the refresh URL). */
export function queueHref(query: QueueQuery, changes: Partial<QueueQuery> = {}): string {
  const merged = { ...query, ...changes };
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(merged))
    if (value !== undefined) params.set(name, String(value));
  return `/api/agent/cases?${params.toString()}`;
}
