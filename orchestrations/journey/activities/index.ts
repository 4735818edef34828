import * as df from 'durable-functions';
import type { InvocationContext } from '@azure/functions';
import { maskPersonalText } from '../../../shared/observability/personalData';
import { journeyActivityNames, type JourneyActivityKey } from '../activityContracts';
import type { JourneyActivityDependencies } from './dependencies';
import { loadProfile } from './loadProfile';
import { notifyUtility } from './notifyUtility';
import { projectJourney } from './projectJourney';
import { recordEvent } from './recordEvent';
import { sendMessage } from './sendMessage';
import { updateWorkOrder } from './updateWorkOrder';

export type { JourneyActivityDependencies } from './dependencies';
export { alreadyInEffect } from './updateWorkOrder';

type Activity = (input: unknown, deps: JourneyActivityDependencies) => Promise<unknown>;

export const journeyActivities: Readonly<Record<JourneyActivityKey, Activity>> = {
  loadProfile,
  updateWorkOrder,
  sendMessage,
  notifyUtility,
  recordEvent,
  projectJourney,
};

const idsOf = (input: unknown): Record<string, string> => {
  const { workOrderId, correlationId } = (input ?? {}) as Record<string, unknown>;
  return {
    ...(typeof workOrderId === 'string' ? { workOrderId } : {}),
    ...(typeof correlationId === 'string' ? { correlationId } : {}),
  };
};

/**
 * Registers the real activities under the names the orchestrator calls. Dependencies are asked
 * for on the first invocation, never at import, so the app loads without settings.
 */
export function registerJourneyActivities(dependencies: () => JourneyActivityDependencies): void {
  for (const key of Object.keys(journeyActivities) as JourneyActivityKey[]) {
    const activity = journeyActivities[key];
    df.app.activity(journeyActivityNames[key], {
      handler: async (input: unknown, context: InvocationContext) => {
        try {
          return await activity(input, dependencies());
        } catch (error) {
          context.error(
            JSON.stringify({
              message: 'journey activity failed',
              activity: journeyActivityNames[key],
              ...idsOf(input),
              error: maskPersonalText(error instanceof Error ? error.message : String(error)),
            }),
          );
          throw error;
        }
      },
    });
  }
}
