import * as df from 'durable-functions';
import { dispatchOrchestrationName } from './contract';
import { dispatchPlanning } from './orchestrator';

export * from './contract';
export { registerDispatchActivities, planRegionDay, type DispatchDependencies } from './activities';
export { dispatchPlanning } from './orchestrator';

export function registerDispatchOrchestrator(): void {
  df.app.orchestration(dispatchOrchestrationName, dispatchPlanning);
}
