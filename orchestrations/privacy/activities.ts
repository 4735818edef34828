import type { InvocationContext } from '@azure/functions';
import * as df from 'durable-functions';
import { z } from 'zod';
import type { PersonFiles } from '../../shared/adapters/blob/personFiles';
import type { PersonalDataStore } from '../../shared/adapters/cosmos/personalDataStore';
import { JourneyStatus } from '../../shared/journey/journeyStatus';
import { ErasureInput } from '../../shared/privacy/privacyRequest';
import { maskPersonalText } from '../../shared/observability/personalData';
import { raiseJourneyEvent } from '../journey/client';
import { journeyInstanceId } from '../journey/contract';
import {
  erasureActivityNames,
  ErasureOutcome,
  type ErasureActivityKey,
  type ErasureScope,
  type JourneyEnd,
  type StepCounts,
} from './contract';

export interface ErasureRecord {
  readonly id: string;
  readonly docType: 'erasure';
  readonly trigger: string;
  readonly requestedBy: string;
  readonly requestedAt: string;
  readonly completedAt: string;
  readonly customerIds: readonly string[];
  readonly outcome: ErasureOutcome;
}

/** What the erasure's activities touch; built on first use so the app loads without settings. */
export interface ErasureDependencies {
  readonly records: PersonalDataStore;
  readonly files: PersonFiles;
  /** Gives a booked slot back, as every other cancel does. */
  readonly releaseBooking: (workOrderId: string) => Promise<void>;
  readonly saveErasureRecord: (record: ErasureRecord) => Promise<void>;
  readonly exportIdsOf: (customerIds: readonly string[]) => Promise<readonly string[]>;
  readonly now: () => Date;
}

const WorkOrderRef = z.object({ workOrderId: z.string().min(1) });
const Erase = z.object({ erasedAt: z.string().min(1) });
const live = new Set<string>([
  df.OrchestrationRuntimeStatus.Running,
  df.OrchestrationRuntimeStatus.Pending,
  df.OrchestrationRuntimeStatus.ContinuedAsNew,
]);

type Activity = (input: unknown, deps: ErasureDependencies, context: InvocationContext) => Promise<unknown>;

async function journeyStatusOf(context: InvocationContext, workOrderId: string) {
  try {
    const status = await df.getClient(context).getStatus(journeyInstanceId(workOrderId));
    return status?.instanceId ? status : undefined;
  } catch (error) {
    // The client answers a missing instance with a 404 error; anything else is a real failure.
    if (String((error as Error).message).includes('404')) return undefined;
    throw error;
  }
}

const activities: Readonly<Record<ErasureActivityKey, Activity>> = {
  async findRecords(input, deps): Promise<ErasureScope> {
    const { customerIds } = z.object({ customerIds: z.array(z.string()) }).parse(input);
    const records = await deps.records.recordsOf(customerIds);
    return {
      workOrderIds: records.workOrders.map((order) => String(order['id'])),
      caseIds: records.cases.map((record) => String(record['id'])),
    };
  },

  /**
   * A live journey is cancelled the way ops cancel one, so the utility hears "cancelled" and the
   * slot goes back; the erasure waits for it to finish before touching its records.
   */
  async endJourney(input, deps, context): Promise<JourneyEnd> {
    const { workOrderId } = WorkOrderRef.parse(input);
    const status = await journeyStatusOf(context, workOrderId);
    if (status === undefined) return 'none';
    if (!live.has(String(status.runtimeStatus))) return 'finished';
    const custom = JourneyStatus.safeParse(status.customStatus);
    if (!custom.success || custom.data.stage !== 'cancelled') {
      await raiseJourneyEvent(df.getClient(context), workOrderId, 'cancellationRequested', {
        by: 'ops',
        reason: 'personal data erasure',
      });
      await deps.releaseBooking(workOrderId);
    }
    return 'running';
  },

  async eraseWorkOrder(input, deps): Promise<StepCounts> {
    const { workOrderId, erasedAt } = WorkOrderRef.extend(Erase.shape).parse(input);
    return deps.records.eraseWorkOrder(workOrderId, erasedAt);
  },

  async deleteFiles(input, deps): Promise<number> {
    return deps.files.deleteFilesOf(WorkOrderRef.parse(input).workOrderId);
  },

  async deleteExports(input, deps): Promise<number> {
    const { customerIds } = z.object({ customerIds: z.array(z.string()) }).parse(input);
    let deleted = 0;
    for (const exportId of await deps.exportIdsOf(customerIds))
      deleted += await deps.files.deleteExport(exportId);
    return deleted;
  },

  /** The journey's history holds the customer profile its activities loaded: purged once it has ended. */
  async purgeJourney(input, _deps, context): Promise<number> {
    const { workOrderId } = WorkOrderRef.parse(input);
    const status = await journeyStatusOf(context, workOrderId);
    if (status === undefined || live.has(String(status.runtimeStatus))) return 0;
    const result = await df.getClient(context).purgeInstanceHistory(journeyInstanceId(workOrderId));
    return result.instancesDeleted;
  },

  async eraseCase(input, deps): Promise<StepCounts> {
    const { caseId, erasedAt } = z
      .object({ caseId: z.string().min(1) })
      .extend(Erase.shape)
      .parse(input);
    return deps.records.eraseCase(caseId, erasedAt);
  },

  async eraseCustomer(input, deps): Promise<StepCounts> {
    const { customerId, erasedAt } = z
      .object({ customerId: z.string().min(1) })
      .extend(Erase.shape)
      .parse(input);
    return deps.records.eraseCustomer(customerId, erasedAt);
  },

  async recordErasure(input, deps): Promise<undefined> {
    const { input: request, outcome } = z
      .object({ input: ErasureInput, outcome: ErasureOutcome })
      .parse(input);
    await deps.saveErasureRecord({
      id: request.erasureId,
      docType: 'erasure',
      trigger: request.trigger,
      requestedBy: request.requestedBy,
      requestedAt: request.requestedAt,
      completedAt: deps.now().toISOString(),
      customerIds: request.customerIds,
      outcome,
    });
    return undefined;
  },
};

/** Registers the erasure's activities; the two that manage journeys get a Durable client. */
export function registerErasureActivities(dependencies: () => ErasureDependencies): void {
  for (const key of Object.keys(activities) as ErasureActivityKey[]) {
    df.app.activity(erasureActivityNames[key], {
      extraInputs: [df.input.durableClient()],
      handler: async (input: unknown, context: InvocationContext) => {
        try {
          return await activities[key](input, dependencies(), context);
        } catch (error) {
          context.error(
            JSON.stringify({
              message: 'erasure activity failed',
              activity: erasureActivityNames[key],
              error: maskPersonalText(String((error as Error).message)),
            }),
          );
          throw error;
        }
      },
    });
  }
}
