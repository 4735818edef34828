import * as df from 'durable-functions';
import { erasureOrchestrationName } from './contract';
import { personalDataErasure } from './orchestrator';

export * from './contract';
export { registerErasureActivities, type ErasureDependencies, type ErasureRecord } from './activities';

export function registerErasureOrchestrator(): void {
  df.app.orchestration(erasureOrchestrationName, personalDataErasure);
}
