import { ServiceBusClient, type ServiceBusSender } from '@azure/service-bus';
import { DefaultAzureCredential, type TokenCredential } from '@azure/identity';
import type { SettingsMap } from './settings';

let credential: TokenCredential | undefined;

/** One credential per process, as the host keeps: it caches tokens. */
const azureCredential = (): TokenCredential => (credential ??= new DefaultAzureCredential());

/** The host's default when a Service Bus binding names no connection. */
export const defaultServiceBusConnection = 'AzureWebJobsServiceBus';

/** The problem with the connection a Service Bus binding names, or undefined when it is configured. */
export function serviceBusConnectionProblem(
  connectionName: unknown,
  settings: SettingsMap,
): string | undefined {
  const name =
    typeof connectionName === 'string' && connectionName !== ''
      ? connectionName
      : defaultServiceBusConnection;
  if (settings[name] || settings[`${name}__fullyQualifiedNamespace`]) return undefined;
  return `connection "${name}" is not configured: set "${name}" or "${name}__fullyQualifiedNamespace"`;
}

/**
 * One `ServiceBusClient` per connection setting a binding names, shared by the triggers and the
 * output bindings that use it, and a cached sender per queue (opening a link per message is slow).
 */
export class ServiceBusConnections {
  readonly #settings: SettingsMap;
  readonly #clients = new Map<string, ServiceBusClient>();
  readonly #senders = new Map<string, ServiceBusSender>();

  constructor(settings: SettingsMap) {
    this.#settings = settings;
  }

  client(connectionName: string | undefined): ServiceBusClient {
    const name = connectionName || defaultServiceBusConnection;
    let client = this.#clients.get(name);
    if (!client) {
      // A connection string in `<name>`, else identity-based with `<name>__fullyQualifiedNamespace`.
      const connectionString = this.#settings[name];
      const namespace = this.#settings[`${name}__fullyQualifiedNamespace`];
      if (!connectionString && !namespace) throw new Error(`connection "${name}" is not configured`);
      client = connectionString
        ? new ServiceBusClient(connectionString)
        : new ServiceBusClient(namespace ?? '', azureCredential());
      this.#clients.set(name, client);
    }
    return client;
  }

  sender(connectionName: string | undefined, queueOrTopic: string): ServiceBusSender {
    const key = `${connectionName || defaultServiceBusConnection}\u0000${queueOrTopic}`;
    let sender = this.#senders.get(key);
    if (!sender) {
      sender = this.client(connectionName).createSender(queueOrTopic);
      this.#senders.set(key, sender);
    }
    return sender;
  }

  async close(): Promise<void> {
    await Promise.allSettled([...this.#senders.values()].map((sender) => sender.close()));
    await Promise.allSettled([...this.#clients.values()].map((client) => client.close()));
    this.#senders.clear();
    this.#clients.clear();
  }
}
