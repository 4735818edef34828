import { message as amqpMessage, types } from 'rhea';
import { z } from 'zod';
import { badRequest, notImplemented, type BrokerError } from './amqpErrors';
import type { SubQueue } from './entityAddress';
import { contentFromMessage } from './messageContent';
import { lockTokenFromUuid, uuidFromLockToken } from './lockToken';
import type { Disposition, MessageEntity, ReceiveMode } from './messageEntity';
import { encodeRuleDescription, ruleFromAddRequest } from './rules/ruleCodec';
import type { Subscription, Topic } from './topic';

/** What a `$management` link addressed: a queue, subscription or dead-letter queue, or a topic. */
export type ManagementTarget =
  | {
      readonly kind: 'entity';
      readonly entity: MessageEntity;
      readonly subQueue: SubQueue;
      /** Set when the entity is a subscription's main entity: its rules can be managed. */
      readonly subscription: Subscription | undefined;
    }
  | { readonly kind: 'topic'; readonly topic: Topic };

/** A `$management` reply: status in the application properties, payload as an amqp-value map. */
export interface ManagementResponse {
  readonly statusCode: number;
  readonly statusDescription: string;
  readonly errorCondition?: string;
  readonly body?: Readonly<Record<string, unknown>>;
}

const okResponse = (body: Readonly<Record<string, unknown>>): ManagementResponse => ({
  statusCode: 200,
  statusDescription: 'OK',
  body,
});

const errorResponse = (error: BrokerError): ManagementResponse => ({
  statusCode: error.status,
  statusDescription: error.description,
  errorCondition: error.condition,
});

// The SDK sends sequence numbers as AMQP longs; rhea hands back a number, or 8 bytes beyond 2^53.
const SequenceNumber = z.union([
  z.number().int(),
  z
    .instanceof(Buffer)
    .refine((bytes) => bytes.length === 8)
    .transform((bytes) => Number(bytes.readBigInt64BE(0))),
]);
const LockTokens = z.array(z.instanceof(Buffer).refine((bytes) => bytes.length === 16));
const ApplicationProperties = z.record(z.string(), z.unknown());

const RenewLockRequest = z.object({ 'lock-tokens': LockTokens });
const PeekRequest = z.object({
  'from-sequence-number': SequenceNumber,
  'message-count': z.number().int().min(1),
});
const ScheduleRequest = z.object({
  messages: z.array(z.object({ message: z.instanceof(Buffer) })),
});
const SequenceNumbersRequest = z.object({ 'sequence-numbers': z.array(SequenceNumber) });
const ReceiveBySequenceRequest = z.object({
  'sequence-numbers': z.array(SequenceNumber),
  'receiver-settle-mode': z.number().int().min(0).max(1),
});
const UpdateDispositionRequest = z.object({
  'lock-tokens': LockTokens,
  'disposition-status': z.enum(['completed', 'abandoned', 'suspended', 'defered']),
  'deadletter-reason': z.string().optional(),
  'deadletter-description': z.string().optional(),
  'properties-to-modify': ApplicationProperties.optional(),
});

type DispositionStatus = z.infer<typeof UpdateDispositionRequest>['disposition-status'];

function dispositionOf(request: z.infer<typeof UpdateDispositionRequest>): Disposition {
  const status: DispositionStatus = request['disposition-status'];
  const properties = request['properties-to-modify'] ?? {};
  switch (status) {
    case 'completed':
      return { kind: 'complete' };
    case 'abandoned':
      return { kind: 'abandon', properties };
    case 'defered':
      return { kind: 'defer', properties };
    case 'suspended':
      return {
        kind: 'deadLetter',
        reason: request['deadletter-reason'],
        description: request['deadletter-description'],
        properties,
      };
    default: {
      const unknown: never = status;
      throw new Error(`unknown disposition status ${String(unknown)}`);
    }
  }
}

function scheduledAt(encoded: Buffer): number | undefined {
  const annotations: unknown = amqpMessage.decode(encoded).message_annotations;
  if (typeof annotations !== 'object' || annotations === null) return undefined;
  const value: unknown = (annotations as Record<string, unknown>)['x-opt-scheduled-enqueue-time'];
  return value instanceof Date ? value.getTime() : undefined;
}

type Handler = (entity: MessageEntity, body: unknown, subQueue: SubQueue) => ManagementResponse;

const parse = <T>(
  schema: z.ZodType<T>,
  body: unknown,
  run: (request: T) => ManagementResponse,
): ManagementResponse => {
  const parsed = schema.safeParse(body);
  return parsed.success
    ? run(parsed.data)
    : errorResponse(badRequest(`malformed request: ${parsed.error.message}`));
};

const SessionRequest = z.object({ 'session-id': z.string().min(1) });
const SetSessionStateRequest = SessionRequest.extend({
  'session-state': z.instanceof(Buffer).nullish(),
});

const handlers: Readonly<Record<string, Handler>> = {
  'com.microsoft:renew-session-lock': (entity, body) =>
    parse(SessionRequest, body, (request) => {
      const renewed = entity.renewSessionLock(request['session-id']);
      return renewed.ok
        ? okResponse({ expiration: types.wrap_timestamp(renewed.value) })
        : errorResponse(renewed.error);
    }),

  'com.microsoft:get-session-state': (entity, body) =>
    parse(SessionRequest, body, (request) => {
      const state = entity.getSessionState(request['session-id']);
      return state.ok ? okResponse({ 'session-state': state.value ?? null }) : errorResponse(state.error);
    }),

  'com.microsoft:set-session-state': (entity, body) =>
    parse(SetSessionStateRequest, body, (request) => {
      const set = entity.setSessionState(request['session-id'], request['session-state'] ?? undefined);
      return set.ok ? okResponse({}) : errorResponse(set.error);
    }),

  'com.microsoft:renew-lock': (entity, body) =>
    parse(RenewLockRequest, body, (request) => {
      const expirations: number[] = [];
      for (const token of request['lock-tokens']) {
        const renewed = entity.renewLock(lockTokenFromUuid(token));
        if (!renewed.ok) return errorResponse(renewed.error);
        expirations.push(renewed.value);
      }
      return okResponse({ expirations: types.wrap_array(expirations, 0x83, undefined) });
    }),

  'com.microsoft:update-disposition': (entity, body) =>
    parse(UpdateDispositionRequest, body, (request) => {
      const disposition = dispositionOf(request);
      for (const token of request['lock-tokens']) {
        const settled = entity.settle(lockTokenFromUuid(token), disposition);
        if (!settled.ok) return errorResponse(settled.error);
      }
      return okResponse({});
    }),

  'com.microsoft:peek-message': (entity, body) =>
    parse(PeekRequest, body, (request) => {
      const found = entity.peek(request['from-sequence-number'], request['message-count']);
      if (found.length === 0) return { statusCode: 204, statusDescription: 'No messages' };
      return okResponse({ messages: found.map((message) => ({ message })) });
    }),

  'com.microsoft:schedule-message': (entity, body, subQueue) =>
    parse(ScheduleRequest, body, (request) => {
      if (subQueue !== 'main')
        return errorResponse(badRequest('messages cannot be scheduled on a dead-letter queue'));
      const sequenceNumbers: number[] = [];
      for (const { message } of request.messages) {
        const at = scheduledAt(message);
        if (at === undefined)
          return errorResponse(badRequest('a scheduled message needs x-opt-scheduled-enqueue-time'));
        sequenceNumbers.push(entity.schedule(contentFromMessage(amqpMessage.decode(message)), at));
      }
      return okResponse({ 'sequence-numbers': types.wrap_array(sequenceNumbers, 0x81, undefined) });
    }),

  'com.microsoft:cancel-scheduled-message': (entity, body) =>
    parse(SequenceNumbersRequest, body, (request) => {
      entity.cancelScheduled(request['sequence-numbers']);
      return okResponse({});
    }),

  'com.microsoft:receive-by-sequence-number': (entity, body) =>
    parse(ReceiveBySequenceRequest, body, (request) => {
      const mode: ReceiveMode = request['receiver-settle-mode'] === 0 ? 'receiveAndDelete' : 'peekLock';
      const received = entity.receiveDeferred(request['sequence-numbers'], mode);
      if (!received.ok) return errorResponse(received.error);
      return okResponse({
        messages: received.value.map((delivered) => ({
          'lock-token': types.wrap_uuid(
            uuidFromLockToken(delivered.lockToken ?? '00000000-0000-0000-0000-000000000000'),
          ),
          message: delivered.bytes,
        })),
      });
    }),
};

const AddRuleName = z.object({ 'rule-name': z.string().min(1) });
const EnumerateRulesRequest = z.object({
  top: z.number().int().min(0),
  skip: z.number().int().min(0),
});

type RuleHandler = (subscription: Subscription, body: unknown) => ManagementResponse;

/**
 * The rule manager's operations (`ServiceBusClient.createRuleManager`), on a subscription's
 * `$management` link (https://learn.microsoft.com/azure/service-bus-messaging/service-bus-amqp-request-response#rule-operations).
 */
const ruleHandlers: Readonly<Record<string, RuleHandler>> = {
  'com.microsoft:add-rule': (subscription, body) => {
    const rule = ruleFromAddRequest(body);
    if (!rule.ok) return errorResponse(badRequest(rule.error));
    const added = subscription.addRule(rule.value);
    return added.ok ? okResponse({}) : errorResponse(added.error);
  },
  'com.microsoft:remove-rule': (subscription, body) =>
    parse(AddRuleName, body, (request) => {
      const removed = subscription.removeRule(request['rule-name']);
      return removed.ok ? okResponse({}) : errorResponse(removed.error);
    }),
  'com.microsoft:enumerate-rules': (subscription, body) =>
    parse(EnumerateRulesRequest, body, (request) => {
      const page = subscription.rules.slice(request.skip, request.skip + request.top);
      if (page.length === 0) return { statusCode: 204, statusDescription: 'No rules' };
      return okResponse({ rules: page.map(encodeRuleDescription) });
    }),
};

const ScheduleOnTopic = ScheduleRequest;

/** A topic's own `$management` link: senders schedule and cancel there; nothing can be peeked or received. */
const topicHandlers: Readonly<Record<string, (topic: Topic, body: unknown) => ManagementResponse>> = {
  'com.microsoft:schedule-message': (topic, body) =>
    parse(ScheduleOnTopic, body, (request) => {
      const sequenceNumbers: number[] = [];
      for (const { message } of request.messages) {
        const at = scheduledAt(message);
        if (at === undefined)
          return errorResponse(badRequest('a scheduled message needs x-opt-scheduled-enqueue-time'));
        const scheduled = topic.schedule(contentFromMessage(amqpMessage.decode(message)), at);
        if (!scheduled.ok) return errorResponse(scheduled.error);
        sequenceNumbers.push(scheduled.value);
      }
      return okResponse({ 'sequence-numbers': types.wrap_array(sequenceNumbers, 0x81, undefined) });
    }),
  'com.microsoft:cancel-scheduled-message': (topic, body) =>
    parse(SequenceNumbersRequest, body, (request) => {
      topic.store.cancelScheduled(request['sequence-numbers']);
      return okResponse({});
    }),
};

const unsupported = (operation: unknown, where: string): ManagementResponse =>
  errorResponse(
    notImplemented(
      `The local broker does not support the management operation '${String(operation)}' on ${where}.`,
    ),
  );

/** Serves one `$management` request against the entity the link addressed. */
export function handleManagementRequest(
  target: ManagementTarget,
  operation: unknown,
  body: unknown,
): ManagementResponse {
  const name = typeof operation === 'string' ? operation : '';
  if (target.kind === 'topic') {
    const handler = topicHandlers[name];
    return handler ? handler(target.topic, body) : unsupported(operation, `the topic '${target.topic.path}'`);
  }
  const ruleHandler = ruleHandlers[name];
  if (ruleHandler) {
    return target.subscription && target.subQueue === 'main'
      ? ruleHandler(target.subscription, body)
      : unsupported(operation, `'${target.entity.path}', which is not a subscription`);
  }
  const handler = handlers[name];
  if (!handler) return unsupported(operation, `'${target.entity.path}'`);
  return handler(target.entity, body, target.subQueue);
}
