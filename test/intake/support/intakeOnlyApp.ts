import * as df from 'durable-functions';
import { journeyOrchestrationName } from '../../../orchestrations/journey/contract';
import '../../../functions/intake';

/*
 * The burst test counts what intake does with 1,000 messages; a thousand full journeys would
 * measure the journey instead. The real intake function, with a journey that only starts.
 */
df.app.orchestration(journeyOrchestrationName, function* () {
  yield* [];
  return 'started';
});
