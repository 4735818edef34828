import { parseArgs } from 'node:util';
import { createServiceBusClient } from '../shared/adapters/clients';
import { runSmoke } from './smoke/smokeChecks';

const usage = `npm run smoke -- --base-url https://<app>.azurewebsites.net
  [--webhook-secret <SMS_EVENTS_WEBHOOK_SECRET>]
  [--utility SMOKE --service-bus <namespace>.servicebus.windows.net --staff-token <Entra token with the ops role> [--email you@example.com]]`;

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      'base-url': { type: 'string' },
      'webhook-secret': { type: 'string', default: process.env['SMS_EVENTS_WEBHOOK_SECRET'] },
      utility: { type: 'string' },
      'service-bus': { type: 'string', default: process.env['SERVICE_BUS_NAMESPACE'] },
      'staff-token': { type: 'string', default: process.env['FIELDLINE_STAFF_TOKEN'] },
      email: { type: 'string' },
      'timeout-seconds': { type: 'string', default: '120' },
      help: { type: 'boolean', default: false },
    },
  });
  const baseUrl = values['base-url'];
  if (values.help || baseUrl === undefined) {
    console.log(usage);
    return values.help ? 0 : 2;
  }
  const serviceBusAddress = values['service-bus'];
  // A connection string (local runtime) or a namespace reached with your Azure sign-in.
  const serviceBus =
    values.utility === undefined || serviceBusAddress === undefined
      ? undefined
      : createServiceBusClient(
          serviceBusAddress.includes('Endpoint=')
            ? { ServiceBusConnection: serviceBusAddress }
            : { ServiceBusConnection__fullyQualifiedNamespace: serviceBusAddress },
        );
  try {
    const results = await runSmoke({
      baseUrl,
      webhookSecret: values['webhook-secret'] || undefined,
      utilityCode: values.utility,
      serviceBus,
      staffToken: values['staff-token'] || undefined,
      email: values.email,
      timeoutMs: Number(values['timeout-seconds']) * 1000,
    });
    for (const result of results)
      console.log(`${result.outcome.toUpperCase().padEnd(4)}  ${result.name}: ${result.detail}`);
    const failed = results.filter((result) => result.outcome === 'fail').length;
    console.log(failed === 0 ? 'smoke test passed' : `smoke test failed: ${failed} check(s)`);
    return failed === 0 ? 0 : 1;
  } finally {
    await serviceBus?.close();
  }
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  },
);
