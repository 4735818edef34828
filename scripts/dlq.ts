import { parseArgs } from 'node:util';
import { createServiceBusClient } from '../shared/adapters/clients';
import { queueName, resources, type QueueKey } from '../shared/resources';
import { listDeadLetters, resubmitDeadLetters, summarise } from './utility/deadLetters';
import { toolSettings } from './utility/toolSettings';

const usage = `npm run dlq -- list [--queue workOrdersInbound]
npm run dlq -- show <sequenceNumber> [--queue …]
npm run dlq -- resubmit [<sequenceNumber> …|--all] [--queue …]`;

const isQueueKey = (key: string): key is QueueKey => key in resources.serviceBus.queues;

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      queue: { type: 'string', default: 'workOrdersInbound' },
      all: { type: 'boolean', default: false },
    },
  });
  const [command, ...rest] = positionals;
  if (!isQueueKey(values.queue)) {
    throw new Error(`--queue must be one of ${Object.keys(resources.serviceBus.queues).join(', ')}`);
  }
  const queue = queueName(values.queue);
  const client = createServiceBusClient(toolSettings());
  try {
    switch (command) {
      case 'list': {
        const messages = await listDeadLetters(client, queue);
        console.log(JSON.stringify(messages.map(summarise), null, 2));
        return;
      }
      case 'show': {
        const wanted = rest[0];
        const message = (await listDeadLetters(client, queue, 1_000)).find(
          (candidate) => candidate.sequenceNumber?.toString() === wanted,
        );
        if (message === undefined) throw new Error(`no dead letter with sequence number ${String(wanted)}`);
        console.log(
          JSON.stringify(
            {
              ...summarise(message),
              applicationProperties: message.applicationProperties,
              body: message.body,
            },
            null,
            2,
          ),
        );
        return;
      }
      case 'resubmit': {
        if (!values.all && rest.length === 0)
          throw new Error(`name sequence numbers or pass --all\n${usage}`);
        const done = await resubmitDeadLetters(client, queue, values.all ? undefined : new Set(rest));
        console.log(JSON.stringify({ resubmitted: done.map((message) => message.sequenceNumber) }));
        return;
      }
      default:
        throw new Error(usage);
    }
  } finally {
    await client.close();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
