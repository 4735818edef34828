import { registerJourneyActivities, registerJourneyOrchestrator } from '../../orchestrations/journey';
import { journeyDependencies } from './dependencies';

registerJourneyOrchestrator();
registerJourneyActivities(() => journeyDependencies());
