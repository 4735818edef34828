import { once } from 'node:events';
import type { AddressInfo, Server, Socket } from 'node:net';
import { create_container, types } from 'rhea';
import type { Connection, Delivery, EventContext, Message, Receiver, Sender } from 'rhea';
import { createLogger, type Logger } from '../log';
import { systemClock, type Clock } from '../clock';
import {
  amqpError,
  decodeError,
  entityNotFound,
  messageSizeExceeded,
  notAllowed,
  notImplemented,
  sessionLockLost,
  type BrokerError,
} from './amqpErrors';
import { Consumer } from './consumer';
import { entityPathOf, parseLinkAddress, type SubQueue } from './entityAddress';
import type { BrokerJournal } from './brokerJournal';
import { handleManagementRequest, type ManagementTarget } from './management';
import { contentFromMessage } from './messageContent';
import { lockTokenFromDeliveryTag } from './lockToken';
import type { MessageEntity } from './messageEntity';
import { incomingMessages, transferSize } from './incomingMessages';
import type { QueueDefinition } from './queueDefinition';
import { QueueRegistry, type QueueStats } from './queueRegistry';
import type { Topic } from './topic';
import type { TopicDefinition } from './topicDefinition';
import {
  confirmedOutcome,
  localAttach,
  rejectedOutcome,
  settleFinally,
  type OutcomeName,
} from './rheaInternals';
import { dispositionOfOutcome } from './settlement';

export interface ServiceBusBrokerOptions {
  readonly queues: readonly QueueDefinition[];
  /** Topics with their subscriptions and rules; none when absent. */
  readonly topics?: readonly TopicDefinition[];
  /** TCP port on the loopback interface; 0 (the default) picks a free one. */
  readonly port?: number;
  readonly host?: string;
  /** Drives lock expiry, scheduled enqueue and time-to-live; real time by default. */
  readonly clock?: Clock;
  readonly logger?: Logger;
  /** Advertised on every link; the SDK sizes batches by it. Default 256 KiB, as the Standard tier. */
  readonly maxMessageSizeBytes?: number;
  /** Keeps messages and sequence numbers across restarts (e.g. `openFileBrokerJournal`); memory only when absent. */
  readonly journal?: BrokerJournal;
}

export type { QueueStats } from './queueRegistry';

export interface ServiceBusBroker {
  readonly host: string;
  readonly port: number;
  /** An emulator-style connection string for `new ServiceBusClient(connectionString)`. */
  readonly connectionString: string;
  /** Counts for a queue or a subscription (`<topic>/Subscriptions/<name>`); throws for one the broker does not have. */
  stats(path: string): QueueStats;
  close(): Promise<void>;
}

/** What an incoming link (a client's sender) is for. */
type RequestLink =
  | { readonly kind: 'cbs' }
  | { readonly kind: 'management'; readonly target: ManagementTarget }
  | { readonly kind: 'intake'; readonly entity: MessageEntity }
  | { readonly kind: 'topicIntake'; readonly topic: Topic };

const defaultMaxMessageSize = 256 * 1024;
const sessionFilter = 'com.microsoft:session-filter';
const lockedUntilProperty = 'com.microsoft:locked-until-utc';
const dotNetEpochTicks = 621_355_968_000_000_000n;

/** An instant as .NET ticks in an AMQP long, as the SDK's convertTicksToDate reads it. */
function dotNetTicks(epochMs: number): unknown {
  const bytes = Buffer.alloc(8);
  bytes.writeBigInt64BE(BigInt(epochMs) * 10_000n + dotNetEpochTicks);
  return types.wrap_long(bytes);
}
const silentLogger = createLogger({ write: () => undefined });

/**
 * Starts a broker that speaks AMQP 1.0 the way Azure Service Bus does, for the real `@azure/service-bus`
 * SDK: CBS put-token, peek-lock and receive-and-delete receivers, settlement on the link or through
 * `$management`, lock renewal, deferral, scheduling, peeking and dead-letter queues.
 */
export async function startServiceBusBroker(options: ServiceBusBrokerOptions): Promise<ServiceBusBroker> {
  const clock = options.clock ?? systemClock;
  const logger = options.logger ?? silentLogger;
  const host = options.host ?? '127.0.0.1';
  const maxMessageSize = options.maxMessageSizeBytes ?? defaultMaxMessageSize;
  const queues = new QueueRegistry(options.queues, clock, options.journal, options.topics ?? []);
  queues.restore();

  const consumersByEntity = new Map<MessageEntity, Set<Consumer>>();
  const consumerOfLink = new WeakMap<Sender, Consumer>();
  const requestLinks = new WeakMap<Receiver, RequestLink>();
  const pendingDispatch = new Set<MessageEntity>();
  const connections = new Set<Connection>();
  const sockets = new Set<Socket>();
  let endpoint = 'sb://localhost/';

  const lookup = (path: string, subQueue: SubQueue): MessageEntity | undefined =>
    queues.entity(path, subQueue);

  const dispatch = (entity: MessageEntity): void => {
    const consumers = [...(consumersByEntity.get(entity) ?? [])];
    let progressed = true;
    // Round-robin over receivers with credit, so competing consumers share the queue.
    while (progressed && entity.hasAvailable) {
      progressed = false;
      for (const consumer of consumers) {
        if (consumer.deliverOne()) progressed = true;
      }
    }
    for (const consumer of consumers) consumer.finishDrain();
  };

  const scheduleDispatch = (entity: MessageEntity): void => {
    if (pendingDispatch.has(entity)) return;
    pendingDispatch.add(entity);
    // Coalesces a batch of arrivals into one pass, after rhea has processed the frames that caused them.
    setImmediate(() => {
      pendingDispatch.delete(entity);
      dispatch(entity);
    });
  };

  for (const entity of queues.entities()) {
    entity.onAvailable(() => scheduleDispatch(entity));
    entity.onSessionLockLost((sessionId, owner) => {
      for (const consumer of consumersByEntity.get(entity) ?? []) {
        if (consumer.sessionId === sessionId && consumer.link.name === owner) {
          refuse(consumer.link, sessionLockLost(sessionId));
        }
      }
    });
  }

  const refuse = (link: Sender | Receiver, error: BrokerError): void => {
    logger.warn('servicebus link refused', {
      link: link.name,
      condition: error.condition,
      reason: error.description,
    });
    link.close(amqpError(error));
  };

  const removeConsumer = (link: Sender): void => {
    const consumer = consumerOfLink.get(link);
    if (!consumer) return;
    consumerOfLink.delete(link);
    consumersByEntity.get(consumer.entity)?.delete(consumer);
    if (consumer.sessionId !== undefined) consumer.entity.releaseSession(consumer.sessionId, link.name);
  };

  const onSenderOpen = (sender: Sender): void => {
    const attach = localAttach(sender);
    attach.max_message_size = maxMessageSize;
    const address = parseLinkAddress(sender.source?.address);
    switch (address.kind) {
      case 'cbs':
      case 'management':
        // A reply link: responses are sent on it, addressed by the requester's `reply_to`.
        return;
      case 'unsupported':
        refuse(
          sender,
          notImplemented(
            `The local broker does not support the address '${address.address}': ${address.reason}.`,
          ),
        );
        return;
      case 'entity': {
        const entity = lookup(address.path, address.subQueue);
        if (!entity) {
          refuse(
            sender,
            queues.topic(address.path)
              ? notAllowed(
                  `Messages cannot be received from a topic: '${address.path}'; receive from one of its subscriptions.`,
                )
              : entityNotFound(endpoint, entityPathOf(address.path, address.subQueue)),
          );
          return;
        }
        const filter: unknown = sender.source.filter;
        const wantsSession =
          typeof filter === 'object' &&
          filter !== null &&
          sessionFilter in (filter as Record<string, unknown>);
        if (wantsSession !== entity.requiresSession) {
          refuse(
            sender,
            notAllowed(
              wantsSession
                ? `It is not possible for an entity that does not require sessions to create a session receiver: '${entity.path}'.`
                : `It is not possible for an entity that requires sessions to create a non-sessionful message receiver: '${entity.path}'.`,
            ),
          );
          return;
        }
        let sessionId: string | undefined;
        if (wantsSession) {
          // A null filter value asks for the next free session; the broker answers with the one it
          // locked in the attach's source filter and its expiry in the link properties.
          const requested = (filter as Record<string, unknown>)[sessionFilter];
          const lease = entity.acceptSession(
            typeof requested === 'string' ? requested : undefined,
            sender.name,
          );
          if (!lease.ok) {
            refuse(sender, lease.error);
            return;
          }
          sessionId = lease.value.sessionId;
          sender.set_source({ ...sender.source, filter: { [sessionFilter]: sessionId } });
          localAttach(sender).properties = { [lockedUntilProperty]: dotNetTicks(lease.value.lockedUntil) };
        }
        const receiveAndDelete = sender.snd_settle_mode === 1;
        attach.snd_settle_mode = sender.snd_settle_mode;
        attach.rcv_settle_mode = sender.rcv_settle_mode;
        const consumer = new Consumer(
          sender,
          receiveAndDelete ? 'receiveAndDelete' : 'peekLock',
          entity,
          sessionId,
        );
        consumerOfLink.set(sender, consumer);
        const consumers = consumersByEntity.get(entity) ?? new Set<Consumer>();
        consumers.add(consumer);
        consumersByEntity.set(entity, consumers);
        return;
      }
      default: {
        const unknown: never = address;
        throw new Error(`unknown address ${JSON.stringify(unknown)}`);
      }
    }
  };

  const onReceiverOpen = (receiver: Receiver): void => {
    localAttach(receiver).max_message_size = maxMessageSize;
    const address = parseLinkAddress(receiver.target?.address);
    switch (address.kind) {
      case 'cbs':
        requestLinks.set(receiver, { kind: 'cbs' });
        return;
      case 'unsupported':
        refuse(
          receiver,
          notImplemented(
            `The local broker does not support the address '${address.address}': ${address.reason}.`,
          ),
        );
        return;
      case 'management':
      case 'entity': {
        const topic = address.subQueue === 'main' ? queues.topic(address.path) : undefined;
        if (topic) {
          requestLinks.set(
            receiver,
            address.kind === 'management'
              ? { kind: 'management', target: { kind: 'topic', topic } }
              : { kind: 'topicIntake', topic },
          );
          return;
        }
        const entity = lookup(address.path, address.subQueue);
        if (!entity) {
          refuse(receiver, entityNotFound(endpoint, entityPathOf(address.path, address.subQueue)));
          return;
        }
        const subscription = queues.subscription(address.path);
        if (address.kind === 'management') {
          requestLinks.set(receiver, {
            kind: 'management',
            target: { kind: 'entity', entity, subQueue: address.subQueue, subscription },
          });
        } else if (subscription) {
          refuse(
            receiver,
            notAllowed(
              `Messages cannot be sent to a subscription: '${subscription.path}'; send to its topic.`,
            ),
          );
        } else if (address.subQueue === 'main') {
          requestLinks.set(receiver, { kind: 'intake', entity });
        } else {
          refuse(receiver, notImplemented('Messages cannot be sent to a dead-letter queue.'));
        }
        return;
      }
      default: {
        const unknown: never = address;
        throw new Error(`unknown address ${JSON.stringify(unknown)}`);
      }
    }
  };

  /** Replies travel on the requester's receiving link, found by the `reply_to` it named. */
  const reply = (connection: Connection, replyTo: unknown, response: Message): void => {
    let target: Sender | undefined;
    connection.each_link((link: Sender) => {
      if (target || !link.is_sender() || !link.is_open()) return;
      if (link.name === replyTo || link.target?.address === replyTo) target = link;
    });
    if (target) target.send(response);
    else logger.warn('servicebus reply link not found', { replyTo: String(replyTo) });
  };

  const intake = (entity: MessageEntity | Topic, context: EventContext, delivery: Delivery): void => {
    // rhea decodes standard-format messages and hands other formats (batches) over as raw bytes.
    const format: unknown = (context as EventContext & { readonly format?: number }).format;
    const size = transferSize(context.message);
    if (size > maxMessageSize) {
      const refused = messageSizeExceeded(delivery.id, size, maxMessageSize);
      logger.warn('servicebus message refused', { entity: entity.path, reason: refused.description });
      delivery.update(true, rejectedOutcome(amqpError(refused)));
      return;
    }
    try {
      const contents = incomingMessages(context.message, format).map(contentFromMessage);
      const topicRefusal = 'refusal' in entity ? entity.refusal(contents) : undefined;
      if (topicRefusal) {
        delivery.update(true, rejectedOutcome(amqpError(topicRefusal)));
        return;
      }
      if (
        'requiresSession' in entity &&
        entity.requiresSession &&
        contents.some((content) => typeof content.rest.group_id !== 'string')
      ) {
        delivery.update(
          true,
          rejectedOutcome(
            amqpError(
              notAllowed(
                'The SessionId was not set on a message, and it cannot be sent to the entity. Entities that have ' +
                  'session support enabled can only receive messages that have the SessionId set to a valid value.',
              ),
            ),
          ),
        );
        return;
      }
      for (const content of contents) entity.enqueue(content);
      delivery.accept();
    } catch (error) {
      logger.warn('servicebus message refused', {
        entity: entity.path,
        error: error instanceof Error ? error : String(error),
      });
      delivery.update(true, rejectedOutcome(amqpError(decodeError('The message could not be decoded.'))));
    }
  };

  const onMessage = (context: EventContext): void => {
    const receiver = context.receiver;
    const delivery = context.delivery;
    const link = receiver ? requestLinks.get(receiver) : undefined;
    if (!receiver || !delivery || !link) return;
    const request = context.message;
    switch (link.kind) {
      case 'intake':
        intake(link.entity, context, delivery);
        return;
      case 'topicIntake':
        intake(link.topic, context, delivery);
        return;
      case 'cbs':
        delivery.accept();
        // Tokens are not checked: the broker only listens on loopback for local development.
        reply(context.connection, request?.reply_to, {
          correlation_id: request?.message_id,
          application_properties: { 'status-code': 202, 'status-description': 'Accepted' },
          body: undefined,
        });
        return;
      case 'management': {
        delivery.accept();
        const properties: unknown = request?.application_properties;
        const operation =
          typeof properties === 'object' && properties !== null
            ? (properties as Record<string, unknown>).operation
            : undefined;
        const response = handleManagementRequest(link.target, operation, request?.body);
        const status: Record<string, unknown> = {
          statusCode: response.statusCode,
          statusDescription: response.statusDescription,
        };
        if (response.errorCondition !== undefined) status.errorCondition = response.errorCondition;
        reply(context.connection, request?.reply_to, {
          correlation_id: request?.message_id,
          application_properties: status,
          body: response.body,
        });
        return;
      }
      default: {
        const unknown: never = link;
        throw new Error(`unknown request link ${JSON.stringify(unknown)}`);
      }
    }
  };

  const onOutcome = (name: OutcomeName, context: EventContext): void => {
    const sender = context.sender;
    const delivery = context.delivery;
    const consumer = sender ? consumerOfLink.get(sender) : undefined;
    if (!consumer || !delivery || delivery.settled) return;
    const tag = delivery.tag;
    const lockToken = Buffer.isBuffer(tag) ? tag : Buffer.from(tag);
    const settled = consumer.entity.settle(
      lockTokenFromDeliveryTag(lockToken),
      dispositionOfOutcome(name, delivery.remote_state),
    );
    settleFinally(delivery, settled.ok ? confirmedOutcome(name) : rejectedOutcome(amqpError(settled.error)));
  };

  const container = create_container({
    id: 'functions-local-servicebus',
    // Every outcome is handled here: intake accepts only once a message is stored, and a modified
    // outcome (abandon, defer) must not be reported as a plain release.
    autoaccept: false,
    treat_modified_as_released: false,
  });
  container.on('connection_open', (context: EventContext) => connections.add(context.connection));
  const forget = (context: EventContext): void => {
    connections.delete(context.connection);
    context.connection.each_link((link: Sender) => {
      if (link.is_sender()) removeConsumer(link);
    });
  };
  container.on('connection_close', forget);
  container.on('disconnected', forget);
  container.on('sender_open', (context: EventContext) => {
    if (context.sender) onSenderOpen(context.sender);
  });
  container.on('receiver_open', (context: EventContext) => {
    if (context.receiver) onReceiverOpen(context.receiver);
  });
  const onSenderGone = (context: EventContext): void => {
    if (context.sender) removeConsumer(context.sender);
  };
  container.on('sender_close', onSenderGone);
  container.on('sender_error', onSenderGone);
  container.on('receiver_error', () => undefined);
  container.on('sendable', (context: EventContext) => {
    const consumer = context.sender ? consumerOfLink.get(context.sender) : undefined;
    if (consumer) dispatch(consumer.entity);
  });
  container.on('sender_draining', (context: EventContext) => {
    const consumer = context.sender ? consumerOfLink.get(context.sender) : undefined;
    if (consumer) dispatch(consumer.entity);
  });
  container.on('message', onMessage);
  const outcomes: readonly OutcomeName[] = ['accepted', 'released', 'rejected', 'modified'];
  for (const name of outcomes) container.on(name, (context: EventContext) => onOutcome(name, context));
  container.on('error', (error: unknown) => {
    logger.warn('servicebus connection error', { error: error instanceof Error ? error : String(error) });
  });

  const server: Server = container.listen({ port: options.port ?? 0, host });
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });
  await once(server, 'listening');
  const port = (server.address() as AddressInfo).port;
  const endpointHost = host === '127.0.0.1' ? 'localhost' : host;
  endpoint = `sb://${endpointHost}:${port}/`;
  logger.info('servicebus broker listening', {
    host,
    port,
    queues: options.queues.length,
    topics: options.topics?.length ?? 0,
  });

  return {
    host,
    port,
    connectionString: `Endpoint=sb://${endpointHost}:${port};SharedAccessKeyName=RootManageSharedAccessKey;SharedAccessKey=SAS_KEY_VALUE;UseDevelopmentEmulator=true;`,
    stats: (path) => queues.stats(path),
    async close() {
      for (const entity of queues.entities()) entity.close();
      options.journal?.close();
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      for (const connection of connections) connection.close();
      // Peers get a moment to see the close frame; then sockets are cut so `server.close` can finish.
      await new Promise((resolve) => setTimeout(resolve, 20));
      for (const socket of sockets) socket.destroy();
      await closed;
    },
  };
}
