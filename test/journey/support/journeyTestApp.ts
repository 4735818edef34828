import { registerJourneyActivities, registerJourneyOrchestrator } from '../../../orchestrations/journey';
import { journeyWorld } from './journeyWorld';

/**
 * A function app with the real orchestrator and the real activities over an in-memory world
 * (no Cosmos, ACS or Service Bus), for replaying every journey path on the local Durable engine.
 */
registerJourneyOrchestrator();
registerJourneyActivities(() => {
  if (journeyWorld.current === undefined) throw new Error('install a JourneyWorld before running a journey');
  return journeyWorld.current.dependencies();
});
