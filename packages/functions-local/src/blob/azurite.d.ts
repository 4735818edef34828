/**
 * Azurite ships no type declarations. These cover only the in-process pieces the embedded blob
 * part uses, as found in azurite 3.35's `dist/src` (positional constructor arguments included).
 */
declare module 'azurite/dist/src/blob/BlobConfiguration' {
  import type { MemoryExtentChunkStore } from 'azurite/dist/src/common/persistence/MemoryExtentStore';

  export default class BlobConfiguration {
    constructor(
      host: string,
      port: number,
      keepAliveTimeout: number,
      metadataDBPath: string,
      extentDBPath: string,
      persistencePathArray: readonly { locationId: string; locationPath: string; maxConcurrency: number }[],
      enableAccessLog: boolean,
      accessLogWriteStream: NodeJS.WritableStream | undefined,
      enableDebugLog: boolean,
      debugLogFilePath: string | undefined,
      loose: boolean,
      skipApiVersionCheck: boolean,
      cert: string,
      key: string,
      pwd: string,
      oauth: string | undefined,
      disableProductStyleUrl: boolean,
      isMemoryPersistence: boolean,
      memoryStore: MemoryExtentChunkStore | undefined,
    );
  }
}

declare module 'azurite/dist/src/blob/BlobServer' {
  import type { Server } from 'node:http';
  import type BlobConfiguration from 'azurite/dist/src/blob/BlobConfiguration';

  export default class BlobServer {
    constructor(configuration: BlobConfiguration);
    readonly httpServer: Server;
    start(): Promise<void>;
    close(): Promise<void>;
    clean(): Promise<void>;
  }
}

declare module 'azurite/dist/src/common/persistence/MemoryExtentStore' {
  export class MemoryExtentChunkStore {
    constructor(sizeLimit?: number);
  }
}
