import { parseArgs } from 'node:util';
import { createServiceBusClient } from '../shared/adapters/clients';
import { queueName } from '../shared/resources';
import { planSimulation, sendSimulation } from './utility/simulation';
import { toolSettings } from './utility/toolSettings';

const usage =
  'npm run simulate -- --count N [--invalid 0.02] [--duplicates 0.05] [--seed 1] [--utility FIBERCO]';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      count: { type: 'string', default: '10' },
      invalid: { type: 'string', default: '0' },
      duplicates: { type: 'string', default: '0' },
      seed: { type: 'string', default: String(Date.now() % 100_000) },
      utility: { type: 'string', default: 'FIBERCO' },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    console.log(usage);
    return;
  }
  const count = Number(values.count);
  const invalid = Number(values.invalid);
  const duplicates = Number(values.duplicates);
  if (!Number.isInteger(count) || count < 1) throw new Error(`--count must be a whole number ≥ 1\n${usage}`);
  for (const [name, share] of [
    ['invalid', invalid],
    ['duplicates', duplicates],
  ] as const) {
    if (!(share >= 0 && share <= 1)) throw new Error(`--${name} must be a share between 0 and 1\n${usage}`);
  }
  const plan = planSimulation({
    count,
    invalid,
    duplicates,
    seed: Number(values.seed),
    utilityCode: values.utility,
    from: new Date(),
  });
  const client = createServiceBusClient(toolSettings());
  const sender = client.createSender(queueName('workOrdersInbound'));
  try {
    await sendSimulation(sender, plan);
  } finally {
    await sender.close();
    await client.close();
  }
  const tally = plan.reduce<Record<string, number>>((counts, { expectation }) => {
    counts[expectation] = (counts[expectation] ?? 0) + 1;
    return counts;
  }, {});
  console.log(JSON.stringify({ sent: plan.length, queue: queueName('workOrdersInbound'), ...tally }));
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
