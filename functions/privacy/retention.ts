import { app, type InvocationContext, type Timer } from '@azure/functions';
import * as df from 'durable-functions';
import { appClock } from '../../shared/clock';
import { isPastRetention, retentionCutoff } from '../../shared/privacy/retention';
import { WorkOrder } from '../../shared/workorders/workOrder';
import { terminalWorkOrderStatuses } from '../../shared/workorders/workOrderState';
import { logLine } from '../http';
import { cosmos } from '../platform';
import { files, personalData, retentionRules } from './dependencies';
import { startErasure } from './erasures';

/** Work orders one night looks at; the rest wait for the next night, oldest first. */
export const retentionBatch = 200;

/**
 * Every night: personal data of work orders closed or cancelled more than `PersonalDataRetentionDays`
 * ago goes through the same erasure as a person's own request, and files older than
 * `FileRetentionDays` are deleted. A person with follow-up work still open keeps their data until
 * that work is done too. The query crosses partitions; it runs once a day and is bounded.
 */
export async function applyRetention(
  context: InvocationContext,
): Promise<{ erasures: number; files: number }> {
  const now = appClock().now();
  const rules = retentionRules();
  const { resources } = await cosmos()
    .container('workOrders')
    .items.query({
      query: `SELECT TOP @limit * FROM c WHERE IS_DEFINED(c.state) AND ARRAY_CONTAINS(@terminal, c.state.status) AND c.updatedAt <= @cutoff AND NOT IS_DEFINED(c.erasedAt) ORDER BY c.updatedAt`,
      parameters: [
        { name: '@limit', value: retentionBatch },
        { name: '@terminal', value: [...terminalWorkOrderStatuses] },
        { name: '@cutoff', value: retentionCutoff(now, rules.retentionDays) },
      ],
    })
    .fetchAll();
  const due = resources
    .map((resource) => WorkOrder.safeParse(resource))
    .filter((parsed) => parsed.success)
    .map((parsed) => parsed.data)
    .filter((order) => isPastRetention(order, now, rules.retentionDays));

  const store = personalData();
  const client = df.getClient(context);
  let erasures = 0;
  for (const customerId of new Set(due.map((order) => order.customerId))) {
    const records = await store.recordsOf([customerId]);
    const stillOpen = records.workOrders.some((order) => {
      const parsed = WorkOrder.safeParse(order);
      return parsed.success && !isPastRetention(parsed.data, now, rules.retentionDays);
    });
    if (stillOpen || records.customers.length === 0) continue;
    const started = await startErasure(client, {
      customerIds: [customerId],
      trigger: 'retention',
      requestedBy: 'retention',
      requestedAt: now.toISOString(),
    });
    if (started.started) erasures += 1;
  }
  const deletedFiles = await files().deleteFilesCreatedBefore(
    new Date(now.getTime() - rules.fileRetentionDays * 86_400_000),
  );
  context.log(logLine('retention applied', { candidates: due.length, erasures, filesDeleted: deletedFiles }));
  return { erasures, files: deletedFiles };
}

app.timer('personalDataRetention', {
  schedule: '0 30 2 * * *',
  extraInputs: [df.input.durableClient()],
  handler: async (_timer: Timer, context: InvocationContext) => void (await applyRetention(context)),
});
