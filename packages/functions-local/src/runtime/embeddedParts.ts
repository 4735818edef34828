import { join } from 'node:path';
import { startEmbeddedBlob, type EmbeddedBlob } from '../blob';
import type { Clock } from '../clock';
import { startEmbeddedCosmos, type EmbeddedCosmos } from '../cosmos';
import { renderOutboxPage, smsReplyHandler, startOutbox, type Outbox, type SmsReplyTarget } from '../outbox';
import {
  openFileBrokerJournal,
  queuesFromManifest,
  topicsFromManifest,
  startServiceBusBroker,
  type QueueDefinition,
  type ServiceBusBroker,
} from '../servicebus';
import type { ConnectionSettingNames, ResourceManifest } from '../resources';
import type { Logger } from '../log';
import type { MountedHandler } from './httpHost';
import type { SettingsMap } from './settings';

/** Each part's own handle, for tests and tools (e.g. the outbox's messages, the broker's stats). */
interface PartHandles {
  readonly serviceBus: ServiceBusBroker;
  readonly cosmos: EmbeddedCosmos;
  readonly blob: EmbeddedBlob;
  readonly outbox: Outbox;
}

export type EmbeddedPartName = keyof PartHandles;

/** A local stand-in for an Azure service, started because the app has no connection for it. */
interface StartedPartOf<K extends EmbeddedPartName> {
  readonly name: K;
  /** App settings that point the app at this part. */
  readonly settings: Readonly<Record<string, string>>;
  /** Lines for the start-up banner. */
  readonly banner: readonly string[];
  /** Pages the runtime mounts for this part, by path. */
  readonly pages: ReadonlyMap<string, MountedHandler>;
  readonly handle: PartHandles[K];
  stop(): Promise<void>;
}

export type StartedPart = { [K in EmbeddedPartName]: StartedPartOf<K> }[EmbeddedPartName];

/** The secret Event Grid's subscription would send, read from the app's own setting (first of a rotation list). */
function deliveryHeadersFor(target: SmsReplyTarget, settings: SettingsMap): Record<string, string> {
  if (target.secretSetting === undefined || target.secretHeader === undefined) return {};
  const secret = settings[target.secretSetting]?.split(',')[0]?.trim();
  return secret ? { [target.secretHeader]: secret } : {};
}

export interface PartStartContext {
  readonly clock: Clock;
  readonly log: Logger;
  /** Queues of the embedded broker; the resource manifest's by default. */
  readonly queues?: readonly QueueDefinition[];
  /** What the app expects to exist: the parts create it at start. */
  readonly resources: ResourceManifest;
  readonly connectionSettings: ConnectionSettingNames;
  /** The app's settings as the runtime merged them. */
  readonly settings: SettingsMap;
  readonly smsReplies?: SmsReplyTarget;
  /** Where parts keep their data across runs; in memory when absent. */
  readonly stateDirectory?: string;
}

interface PartDefinitionOf<K extends EmbeddedPartName> {
  readonly name: K;
  /** Connection settings this part can provide; it starts when any of them is not configured. */
  readonly provides: readonly (keyof ConnectionSettingNames)[];
  start(
    context: PartStartContext,
  ): Promise<Omit<StartedPartOf<K>, 'name' | 'settings'> & { connection: Record<string, string> }>;
}

type PartDefinition = { [K in EmbeddedPartName]: PartDefinitionOf<K> }[EmbeddedPartName];

const definitions: readonly PartDefinition[] = [
  {
    name: 'serviceBus',
    provides: ['serviceBus'],
    async start({ clock, log, queues, resources, connectionSettings, stateDirectory }) {
      const broker = await startServiceBusBroker({
        ...(stateDirectory
          ? { journal: openFileBrokerJournal(join(stateDirectory, 'servicebus.jsonl')) }
          : {}),
        port: 0,
        queues: queues ?? queuesFromManifest(resources),
        topics: topicsFromManifest(resources),
        clock,
        logger: log.child({ part: 'serviceBus' }),
      });
      return {
        connection: { [connectionSettings.serviceBus.connectionString]: broker.connectionString },
        banner: [`Service Bus sb://127.0.0.1:${broker.port} (embedded broker)`],
        pages: new Map(),
        handle: broker,
        stop: () => broker.close(),
      };
    },
  },
  {
    name: 'cosmos',
    provides: ['cosmos'],
    async start({ resources, connectionSettings, stateDirectory }) {
      const cosmos = await startEmbeddedCosmos({
        ...(stateDirectory ? { journalFile: join(stateDirectory, 'cosmos.jsonl') } : {}),
        ...(resources.cosmos ? { databaseName: resources.cosmos.databaseName } : {}),
        containers: Object.values(resources.cosmos?.containers ?? {}),
      });
      return {
        connection: {
          [connectionSettings.cosmos.connectionString]: cosmos.connectionString,
          CosmosDbCaCertificatePath: cosmos.caCertificatePath,
        },
        banner: [`Cosmos DB   ${cosmos.endpoint} (embedded)`],
        pages: new Map(),
        handle: cosmos,
        stop: () => cosmos.stop(),
      };
    },
  },
  {
    // One Azurite serves both the app's blob storage and the host storage, as UseDevelopmentStorage does.
    name: 'blob',
    provides: ['storage', 'hostStorage'],
    async start({ resources, connectionSettings, settings, stateDirectory }) {
      const blob = await startEmbeddedBlob({
        ...(stateDirectory ? { directory: join(stateDirectory, 'blob') } : {}),
        containers: Object.values(resources.storage?.blobContainers ?? {}).map((container) => container.name),
      });
      return {
        connection: {
          // Every `UseDevelopmentStorage=true` setting points at this Azurite, as it points at a local
          // Azurite under Core Tools (https://learn.microsoft.com/azure/storage/common/storage-use-azurite#connection-strings).
          ...Object.fromEntries(
            Object.entries(settings)
              .filter(([, value]) => isDevelopmentStorage(value))
              .map(([name]) => [name, blob.connectionString]),
          ),
          [connectionSettings.storage.connectionString]: blob.connectionString,
          [connectionSettings.hostStorage.connectionString]: blob.connectionString,
        },
        banner: [`Blob        ${blob.blobEndpoint} (embedded)`],
        pages: new Map(),
        handle: blob,
        stop: () => blob.stop(),
      };
    },
  },
  {
    // Email and SMS are recorded, not delivered; the runtime shows them at /dev/outbox.
    name: 'outbox',
    provides: ['communication'],
    async start({ clock, log, connectionSettings, settings, smsReplies, stateDirectory }) {
      const outbox = await startOutbox({
        clock,
        logger: log.child({ part: 'outbox' }),
        ...(stateDirectory ? { journalFile: join(stateDirectory, 'outbox.jsonl') } : {}),
      });
      const reply =
        smsReplies === undefined
          ? undefined
          : smsReplyHandler({
              messages: () => outbox.messages(),
              now: () => clock.now(),
              // Event Grid calls the app's public endpoint; locally that is this runtime's own port.
              webhookUrl: (request) => `http://${request.headers.host ?? '127.0.0.1'}${smsReplies.path}`,
              deliveryHeaders: deliveryHeadersFor(smsReplies, settings),
              pagePath: '/dev/outbox',
            });
      const page: MountedHandler = (request, response) => {
        const url = new URL(request.url ?? '/', 'http://outbox');
        if (reply !== undefined && url.pathname === '/dev/outbox/reply') return reply(request, response);
        response.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
        response.end(
          renderOutboxPage(outbox.messages(), {
            ...(reply === undefined ? {} : { replyAction: '/dev/outbox/reply' }),
            replyOutcome: url.searchParams.get('reply'),
          }),
        );
      };
      return {
        connection: {
          [connectionSettings.communication.connectionString]: outbox.connectionString,
        },
        banner: [`Outbox      ${outbox.endpoint} (email/SMS recorded, not sent; page at /dev/outbox)`],
        pages: new Map([['/dev/outbox', page]]),
        handle: outbox,
        stop: () => outbox.stop(),
      };
    },
  },
];

/** The storage emulator shortcut; it names no account, so the embedded Azurite provides one. */
const isDevelopmentStorage = (value: string | undefined): boolean =>
  value !== undefined && /^\s*UseDevelopmentStorage\s*=\s*true\s*;?\s*$/i.test(value);

async function startPart<K extends EmbeddedPartName>(
  definition: PartDefinitionOf<K>,
  settings: SettingsMap,
  context: PartStartContext,
): Promise<StartedPartOf<K>> {
  const { connection, ...part } = await definition.start(context);
  const filled = Object.entries(connection).filter(
    ([name]) => settings[name] === undefined || isDevelopmentStorage(settings[name]),
  );
  return { ...part, name: definition.name, settings: Object.fromEntries(filled) };
}

const isConfigured = (
  settings: SettingsMap,
  connectionSettings: ConnectionSettingNames,
  key: keyof ConnectionSettingNames,
): boolean => {
  const names = connectionSettings[key];
  const connectionString = settings[names.connectionString];
  return Boolean((connectionString && !isDevelopmentStorage(connectionString)) || settings[names.identity]);
};

/**
 * Starts every enabled part whose connection the settings lack. A part only fills in the settings
 * that were missing: a configured connection (e.g. a real Service Bus namespace) is never replaced.
 */
export async function startEmbeddedParts(
  settings: SettingsMap,
  enabled: (name: EmbeddedPartName) => boolean,
  context: PartStartContext,
): Promise<StartedPart[]> {
  const started: StartedPart[] = [];
  try {
    for (const definition of definitions) {
      const missing = definition.provides.filter(
        (key) => !isConfigured(settings, context.connectionSettings, key),
      );
      if (!enabled(definition.name) || missing.length === 0) continue;
      // Each definition yields its own part; TypeScript cannot correlate the union members here.
      started.push((await startPart(definition, settings, context)) as StartedPart);
    }
  } catch (error) {
    await Promise.allSettled(started.map((part) => part.stop()));
    throw error;
  }
  return started;
}
