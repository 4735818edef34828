import type { EasyAuthOptions } from '../auth';
import type { Clock } from '../clock';
import type { ConnectionSettingNames, ResourceManifest } from '../resources';
import type { RuntimePlugin } from '../host';
import type { SmsReplyTarget } from '../outbox';
import type { QueueDefinition } from '../servicebus';
import type { EmbeddedPartName } from './embeddedParts';
import type { MountedHandler } from './httpHost';

export interface LocalRuntimeOptions {
  /** Loads the app's entry module, e.g. `() => import('../functions')` or a `require` of `package.json` main. */
  readonly app: () => Promise<unknown> | unknown;
  /** Where host.json and local.settings.json are read; defaults to the working directory. */
  readonly directory?: string;
  /** HTTP port on 127.0.0.1; 7071 like `func start` by default, 0 for a free one. */
  readonly port?: number;
  /** Settings under local.settings.json and the environment (lowest precedence), e.g. an app's dev defaults. */
  readonly defaultSettings?: Readonly<Record<string, string>>;
  /** Settings over local.settings.json and the environment (highest precedence). */
  readonly settings?: Readonly<Record<string, string>>;
  /**
   * Ignore local.settings.json and the process environment: only `settings` (and what the runtime
   * fills in) reach the app. Tests use this so a developer's own settings never leak into them.
   */
  readonly hermetic?: boolean;
  /** Drives timers, broker locks and `appClock()`; real time by default. */
  readonly clock?: Clock;
  /** Parts serving other trigger and input types, e.g. the Durable engine. */
  readonly plugins?: readonly RuntimePlugin[];
  /**
   * Which embedded parts may start (each only when its connection setting is absent); all by
   * default. `false` starts none.
   */
  readonly embedded?: boolean | Partial<Record<EmbeddedPartName, boolean>>;
  /**
   * The queues, databases, containers and blob containers the app expects (e.g. the app's resource
   * manifest); the embedded parts create them at start. Nothing by default.
   */
  readonly resources?: ResourceManifest;
  /** The setting names the app reads its connections from; the host's defaults otherwise. */
  readonly connectionSettings?: ConnectionSettingNames;
  /** Where the outbox page's reply box delivers SMS-received events; no reply box without it. */
  readonly smsReplies?: SmsReplyTarget;
  /** Queues of the embedded Service Bus broker, instead of those of `resources`. */
  readonly queues?: readonly QueueDefinition[];
  /**
   * Keeps every embedded part's state here across restarts and crashes (broker messages, Cosmos
   * documents, blobs, keys); in memory when absent, as tests want. The directory must exist.
   */
  readonly stateDirectory?: string;
  /** Where JSON log lines go; stdout by default. */
  readonly log?: (line: string) => void;
  /**
   * App Service Authentication in front of every route (`/.auth/login`, `/.auth/me`,
   * `/.auth/logout`, principal headers only from a session); on unless `false`, which is like an
   * app with authentication off (client headers then pass through, as they would in Azure).
   */
  readonly auth?: EasyAuthOptions | false;
  /** Extra handlers by path prefix, e.g. a dev page. */
  readonly mounts?: Readonly<Record<string, MountedHandler>>;
}
