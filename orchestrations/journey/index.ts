import * as df from 'durable-functions';
import { journeyOrchestrationName } from './contract';
import { customerJourney } from './orchestrator';

export * from './activityContracts';
export * from './client';
export * from './contract';
export { registerJourneyActivities, journeyActivities, type JourneyActivityDependencies } from './activities';
export { customerJourney } from './orchestrator';
export { JourneyRunInput, JourneyContinuation } from './runInput';

/**
 * Registers the orchestrator under its contract name. It calls activities by name only, so a test
 * app may pair it with in-memory activities instead of `registerJourneyActivities`.
 */
export function registerJourneyOrchestrator(): void {
  df.app.orchestration(journeyOrchestrationName, customerJourney);
}
