import { performance } from 'node:perf_hooks';
import type { ServiceBusReceivedMessage, ServiceBusReceiver } from '@azure/service-bus';
import type { FunctionDescriptor } from '../host';
import type { Invoker } from './bindingPipeline';
import type { RuntimeLog } from './runtimeLog';
import type { ServiceBusConnections } from './serviceBusConnections';
import { messageBodyData, messageTriggerMetadata } from './serviceBusMessages';

export interface ServiceBusTriggerOptions {
  /** Queue, or topic with subscription, after `%Setting%` expressions were resolved. */
  readonly entity:
    { readonly queueName: string } | { readonly topicName: string; readonly subscriptionName: string };
  readonly maxConcurrentCalls: number;
  /** 0 turns lock renewal off. */
  readonly maxAutoLockRenewalMs: number;
  /**
   * Messages of the entity not yet settled, when the broker can tell (the embedded one can): lets
   * `idle()` also wait for messages the receiver has not been handed yet.
   */
  readonly pendingMessages?: () => number;
}

/** How long `idle()` waits for the broker to hand over pending messages before giving up. */
const pendingPatienceMs = 5_000;

export const entityLabel = (entity: ServiceBusTriggerOptions['entity']): string =>
  'queueName' in entity ? entity.queueName : `${entity.topicName}/${entity.subscriptionName}`;

/**
 * Feeds one Service Bus–triggered function through the real SDK in peek-lock mode, as the host's
 * message pump does: complete after success, abandon after a throw (the broker redelivers it, and
 * dead-letters it once the delivery count passes the queue's maximum).
 */
export class ServiceBusTrigger {
  readonly #fn: FunctionDescriptor;
  readonly #options: ServiceBusTriggerOptions;
  readonly #invoke: Invoker;
  readonly #log: RuntimeLog;
  readonly #receiver: ServiceBusReceiver;
  readonly #inFlight = new Set<Promise<void>>();
  #subscription: { close(): Promise<void> } | undefined;
  #stopped: Promise<void> | undefined;

  constructor(
    fn: FunctionDescriptor,
    options: ServiceBusTriggerOptions,
    connections: ServiceBusConnections,
    invoke: Invoker,
    log: RuntimeLog,
  ) {
    this.#fn = fn;
    this.#options = options;
    this.#invoke = invoke;
    this.#log = log;
    const connection = typeof fn.trigger['connection'] === 'string' ? fn.trigger['connection'] : undefined;
    const client = connections.client(connection);
    const receiverOptions = {
      receiveMode: 'peekLock' as const,
      // The raw body, so text and bytes reach the function as the host hands them over.
      skipParsingBodyAsJson: true,
      maxAutoLockRenewalDurationInMs: options.maxAutoLockRenewalMs,
    };
    const entity = options.entity;
    this.#receiver =
      'queueName' in entity
        ? client.createReceiver(entity.queueName, receiverOptions)
        : client.createReceiver(entity.topicName, entity.subscriptionName, receiverOptions);
  }

  start(): void {
    this.#subscription = this.#receiver.subscribe(
      {
        processMessage: (message) => this.#track(this.#handle(message)),
        processError: async (args) => {
          // Stopping suspends the receiver, and the SDK reports its pending credit request as aborted.
          if (this.#stopped) return;
          this.#log.warn('service bus receiver error', {
            functionName: this.#fn.name,
            entity: entityLabel(this.#options.entity),
            errorSource: args.errorSource,
            error: args.error,
          });
        },
      },
      {
        autoCompleteMessages: false,
        maxConcurrentCalls: this.#options.maxConcurrentCalls,
      },
    );
  }

  /** Resolves once no message of this trigger is being processed. */
  async idle(): Promise<void> {
    const pending = this.#options.pendingMessages ?? (() => 0);
    const giveUpAt = performance.now() + pendingPatienceMs;
    for (;;) {
      while (this.#inFlight.size > 0) await Promise.allSettled([...this.#inFlight]);
      if (this.#stopped || pending() === 0) return;
      if (performance.now() > giveUpAt) {
        this.#log.warn('service bus messages still pending; not waiting for them', {
          functionName: this.#fn.name,
          entity: entityLabel(this.#options.entity),
        });
        return;
      }
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  }

  /** Stops taking messages, lets the ones being processed finish and settle, then closes the link. */
  stop(): Promise<void> {
    this.#stopped ??= (async () => {
      await this.#subscription?.close();
      await this.idle();
      await this.#receiver.close();
    })();
    return this.#stopped;
  }

  #track(work: Promise<void>): Promise<void> {
    this.#inFlight.add(work);
    return work.finally(() => this.#inFlight.delete(work));
  }

  async #handle(message: ServiceBusReceivedMessage): Promise<void> {
    const fields = {
      functionName: this.#fn.name,
      entity: entityLabel(this.#options.entity),
      messageId: String(message.messageId ?? ''),
      deliveryCount: (message.deliveryCount ?? 0) + 1,
    };
    try {
      await this.#invoke(this.#fn.name, {
        trigger: messageBodyData(message.body),
        triggerMetadata: messageTriggerMetadata(message),
      });
    } catch (error) {
      this.#log.error('service bus invocation failed; abandoning the message', {
        ...fields,
        error: error instanceof Error ? error : new Error(String(error)),
      });
      await this.#settle(() => this.#receiver.abandonMessage(message), fields);
      return;
    }
    await this.#settle(() => this.#receiver.completeMessage(message), fields);
  }

  async #settle(settle: () => Promise<void>, fields: Record<string, unknown>): Promise<void> {
    try {
      await settle();
    } catch (error) {
      // A lost lock is not the function's failure: the broker redelivers, as in Azure.
      this.#log.warn('could not settle the message', { ...fields, error: error as Error });
    }
  }
}
