import type { ServiceBusClient } from '@azure/service-bus';
import { randomUUID } from 'node:crypto';
import { webhookSecretHeader } from '../../functions/eventGridWebhook';
import { encodePrincipal } from '../../shared/identity/principal';
import { queueName } from '../../shared/resources';
import { workOrderIdFor } from '../../shared/workorders/workOrderId';
import { generateWorkOrders } from '../utility/workOrderGenerator';

/** One check's verdict; `skip` only where the check needs something the caller did not give. */
export interface CheckResult {
  readonly name: string;
  readonly outcome: 'pass' | 'fail' | 'skip';
  readonly detail: string;
}

export interface SmokeOptions {
  /** https://<app>.azurewebsites.net (no /api). */
  readonly baseUrl: string;
  /** The Event Grid webhook secret (azd env get-value SMS_EVENTS_WEBHOOK_SECRET). */
  readonly webhookSecret?: string | undefined;
  /** For the end-to-end check: a utility code the real utility ignores, e.g. SMOKE. */
  readonly utilityCode?: string | undefined;
  /** For the end-to-end check: a client on the deployment's Service Bus namespace. */
  readonly serviceBus?: ServiceBusClient | undefined;
  /**
   * For the end-to-end check: an Entra access token of a user or app holding the ops role, to
   * read the communication log (ops routes take a sign-in, never a function key). App Service
   * Authentication accepts it as a bearer token for the app registration's audience.
   */
  readonly staffToken?: string | undefined;
  /** Instead of a token, the headers of a session (the local runtime's sign-in, in tests). */
  readonly staffHeaders?: Readonly<Record<string, string>> | undefined;
  /** Where the invitation goes; a mailbox you read, or a domain that bounces. */
  readonly email?: string | undefined;
  readonly timeoutMs?: number | undefined;
  readonly fetch?: typeof fetch | undefined;
}

type Check = (options: SmokeOptions) => Promise<Omit<CheckResult, 'name'>>;

const pass = (detail: string) => ({ outcome: 'pass' as const, detail });
const fail = (detail: string) => ({ outcome: 'fail' as const, detail });
const skip = (detail: string) => ({ outcome: 'skip' as const, detail });

const url = (options: SmokeOptions, path: string): string => `${options.baseUrl.replace(/\/+$/, '')}${path}`;
const call = (options: SmokeOptions, path: string, init?: RequestInit): Promise<Response> =>
  (options.fetch ?? fetch)(url(options, path), { ...init, signal: AbortSignal.timeout(30_000) });

const jsonOf = async (response: Response): Promise<unknown> => {
  try {
    return await response.json();
  } catch {
    return undefined;
  }
};

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** /api/health reports every setting problem (unset SMS sender, unresolved Key Vault reference, …). */
const health: Check = async (options) => {
  const response = await call(options, '/api/health');
  const body = (await jsonOf(response)) as { status?: string; problems?: string[] } | undefined;
  if (response.status === 200 && body?.status === 'ok') return pass('200, settings complete');
  return fail(`${response.status}: ${(body?.problems ?? [JSON.stringify(body)]).join(' | ')}`);
};

const openApi: Check = async (options) => {
  const response = await call(options, '/api/openapi.json');
  const body = (await jsonOf(response)) as { openapi?: string; paths?: Record<string, unknown> } | undefined;
  const paths = Object.keys(body?.paths ?? {});
  if (response.status === 200 && body?.openapi?.startsWith('3.') && paths.length > 0) {
    return pass(`OpenAPI ${body.openapi}, ${paths.length} paths`);
  }
  return fail(`${response.status}: not an OpenAPI 3 document with paths`);
};

/**
 * A caller-made x-ms-client-principal claiming the ops role must get nowhere: App Service
 * Authentication drops client-sent copies ("External requests aren't allowed to set these
 * headers", https://learn.microsoft.com/azure/app-service/configure-authentication-user-identities).
 * A 2xx means the staff APIs trust anyone (authentication off, or not stripping the header).
 */
const forgedPrincipal: Check = async (options) => {
  const forged = encodePrincipal({
    userId: randomUUID(),
    roles: ['ops', 'agent', 'dispatcher', 'technician'],
  });
  const plain = await call(options, '/api/cases');
  const response = await call(options, '/api/cases', { headers: { 'x-ms-client-principal': forged } });
  if (plain.status !== 401)
    return fail(`GET /api/cases without a principal answered ${plain.status}, expected 401`);
  if (response.status === 401 || response.status === 403)
    return pass(`forged ops principal refused (${response.status})`);
  return fail(
    `forged ops principal answered ${response.status}: the staff APIs trust a header anyone can send`,
  );
};

/** Event Grid's handshake on the SMS webhook, with the secret header; without it, refused. */
const eventGridHandshake: Check = async (options) => {
  const validationCode = randomUUID();
  const body = JSON.stringify([
    {
      id: randomUUID(),
      topic: '/smoke-test',
      subject: '',
      eventType: 'Microsoft.EventGrid.SubscriptionValidationEvent',
      eventTime: new Date().toISOString(),
      data: { validationCode },
      dataVersion: '1',
      metadataVersion: '1',
    },
  ]);
  const headers = { 'content-type': 'application/json', 'aeg-event-type': 'SubscriptionValidation' };
  const unsigned = await call(options, '/api/events/sms-received', { method: 'POST', headers, body });
  if (unsigned.status !== 401)
    return fail(`without the webhook secret it answered ${unsigned.status}, expected 401`);
  if (options.webhookSecret === undefined)
    return skip('refused without the secret (401); give --webhook-secret to check the handshake');
  const signed = await call(options, '/api/events/sms-received', {
    method: 'POST',
    headers: { ...headers, [webhookSecretHeader]: options.webhookSecret },
    body,
  });
  const answer = (await jsonOf(signed)) as { validationResponse?: string } | undefined;
  if (signed.status === 200 && answer?.validationResponse === validationCode) {
    return pass('validation code echoed; refused without the secret (401)');
  }
  return fail(`with the secret it answered ${signed.status} ${JSON.stringify(answer)}`);
};

/**
 * The Durable Functions HTTP management API must want a key: the extension protects it with the
 * host's system key (https://learn.microsoft.com/azure/azure-functions/durable/durable-functions-http-api).
 */
const durableManagementApi: Check = async (options) => {
  const response = await call(options, '/runtime/webhooks/durabletask/instances?top=1');
  if (response.status === 401 || response.status === 403)
    return pass(`refused without a key (${response.status})`);
  return fail(`answered ${response.status} without a key: orchestration history is open to anyone`);
};

/** One test work order: accepted on the outbound queue, and the journey's invitation recorded. */
const workOrderEndToEnd: Check = async (options) => {
  const { utilityCode, serviceBus } = options;
  const staff =
    options.staffHeaders ??
    (options.staffToken === undefined ? undefined : { authorization: `Bearer ${options.staffToken}` });
  if (utilityCode === undefined || serviceBus === undefined || staff === undefined) {
    return skip('give --utility, --service-bus and --staff-token to send one test work order');
  }
  const timeoutMs = options.timeoutMs ?? 120_000;
  const generated = generateWorkOrders({ utilityCode, seed: Date.now() % 100_000, from: new Date() }).next();
  if (generated.done) return fail('no work order generated');
  const externalId = `SMOKE-${Date.now().toString(36).toUpperCase()}`;
  const order = {
    ...generated.value,
    externalId,
    customer: {
      name: 'Smoke Test',
      email: options.email ?? 'smoke-test@example.org',
      language: 'en' as const,
    },
  };
  const workOrderId = workOrderIdFor(utilityCode, externalId);
  const outbound = serviceBus.createReceiver(queueName('utilityOutbound'));
  const sender = serviceBus.createSender(queueName('workOrdersInbound'));
  try {
    // Peeked, not received: the utility's own consumer may share the queue.
    let next = (await outbound.peekMessages(1))[0]?.sequenceNumber;
    await sender.sendMessages({
      body: order,
      contentType: 'application/json',
      messageId: randomUUID(),
      subject: 'create',
    });
    const deadline = Date.now() + timeoutMs;
    let accepted = false;
    while (!accepted && Date.now() < deadline) {
      const batch = await outbound.peekMessages(100, next === undefined ? {} : { fromSequenceNumber: next });
      for (const message of batch) {
        const body = message.body as { kind?: string; workOrderId?: string; externalId?: string };
        if (body.externalId === externalId && body.kind === 'rejected')
          return fail(`rejected: ${JSON.stringify(message.body)}`);
        if (body.workOrderId === workOrderId && body.kind === 'accepted') accepted = true;
      }
      const last = batch.at(-1)?.sequenceNumber;
      if (last !== undefined) next = last.add(1);
      if (!accepted) await sleep(1000);
    }
    if (!accepted)
      return fail(
        `no "accepted" for ${externalId} on ${queueName('utilityOutbound')} in ${timeoutMs / 1000} s`,
      );
    while (Date.now() < deadline) {
      const response = await call(
        options,
        `/api/ops/journeys/${encodeURIComponent(workOrderId)}/communications`,
        {
          headers: staff,
        },
      );
      if (response.status !== 200) return fail(`communication log answered ${response.status}`);
      const log = (await jsonOf(response)) as { notifications?: { purpose: string; status: string }[] };
      const invitation = log.notifications?.find(
        (n) => n.purpose === 'invitation' && n.status !== 'suppressed',
      );
      if (invitation) return pass(`${workOrderId} accepted, invitation ${invitation.status}`);
      await sleep(1000);
    }
    return fail(`${workOrderId} accepted but no invitation recorded in ${timeoutMs / 1000} s`);
  } finally {
    await sender.close();
    await outbound.close();
  }
};

export const smokeChecks: readonly (readonly [string, Check])[] = [
  ['health', health],
  ['OpenAPI document', openApi],
  ['forged x-ms-client-principal refused', forgedPrincipal],
  ['Event Grid validation handshake', eventGridHandshake],
  ['Durable management API needs a key', durableManagementApi],
  ['one work order end to end', workOrderEndToEnd],
];

/** Runs every check in order; a check that throws fails with the error, the others still run. */
export async function runSmoke(options: SmokeOptions): Promise<CheckResult[]> {
  const results: CheckResult[] = [];
  for (const [name, check] of smokeChecks) {
    try {
      results.push({ name, ...(await check(options)) });
    } catch (error) {
      results.push({ name, outcome: 'fail', detail: error instanceof Error ? error.message : String(error) });
    }
  }
  return results;
}
