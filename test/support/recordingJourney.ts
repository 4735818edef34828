import * as df from 'durable-functions';
import { journeyOrchestrationName } from '../../orchestrations/journey/contract';

/**
 * Registers a stand-in customer journey that only records the events it is sent, read back from
 * its custom status as `{ received: [{ name, payload }] }`. For tests of the functions that talk
 * to the journey; the real journey is tested in test/journey.
 */
export function registerRecordingJourney(listened: readonly string[]): void {
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
}
