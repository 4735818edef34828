import * as df from 'durable-functions';
import { journeyEvents, journeyOrchestrationName } from '../../../orchestrations/journey/contract';
import '../../../functions/smsReplies';

/**
 * The SMS reply function as deployed, beside a stand-in customer journey that only records the
 * events it hears (the real journey is tested in test/journey), read back from its custom status.
 */
const listened = [journeyEvents.appointmentBooked.name, journeyEvents.smsPreferenceChanged.name];

df.app.orchestration(journeyOrchestrationName, function* (context) {
  const received: Array<{ name: string; payload: unknown }> = [];
  context.df.setCustomStatus({ received });
  for (;;) {
    const waits = listened.map((name) => context.df.waitForExternalEvent(name));
    const winner: unknown = yield context.df.Task.any(waits);
    const index = waits.findIndex((wait) => wait === winner);
    received.push({ name: listened[index] ?? 'unknown', payload: waits[index]?.result });
    context.df.setCustomStatus({ received });
  }
});
