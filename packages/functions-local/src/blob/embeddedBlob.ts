// eslint-disable-next-line @typescript-eslint/triple-slash-reference -- the app build reaches this file through node_modules, where ambient declarations are only found by reference
/// <reference path="./azurite.d.ts" />
// First: it keeps Azurite from patching the host's modules (see the file).
import { restoreEnvironment } from './unpatchedHost';
import { BlobServiceClient, type CorsRule } from '@azure/storage-blob';
import BlobConfiguration from 'azurite/dist/src/blob/BlobConfiguration';
import BlobServer from 'azurite/dist/src/blob/BlobServer';
import { MemoryExtentChunkStore } from 'azurite/dist/src/common/persistence/MemoryExtentStore';
import { mkdirSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';

restoreEnvironment();

export interface EmbeddedBlobOptions {
  /** 0 (default) picks a free port. */
  readonly port?: number;
  /**
   * Keeps blobs on disk in this directory (Azurite's own persistence: LokiJS metadata, saved every
   * few seconds, and extent files); in memory when absent.
   */
  readonly directory?: string;
  /** Blob containers to create at start (none by default). */
  readonly containers?: readonly string[];
}

export interface EmbeddedBlob {
  /** `http://127.0.0.1:<port>/devstoreaccount1` */
  readonly blobEndpoint: string;
  readonly accountName: string;
  readonly accountKey: string;
  /** The `StorageConnection` app setting. */
  readonly connectionString: string;
  stop(): Promise<void>;
}

const HOST = '127.0.0.1';
/** Azurite's built-in development account; it is public and only ever valid against Azurite. */
const ACCOUNT_NAME = 'devstoreaccount1';
const ACCOUNT_KEY =
  'Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==';
const KEEP_ALIVE_SECONDS = 5;

/** The rule `infra/app/storage.bicep` deploys, so the booking page's direct uploads behave as in Azure. */
const UPLOAD_CORS_RULE: CorsRule = {
  allowedOrigins: '*',
  allowedMethods: 'PUT',
  allowedHeaders: 'content-type,x-ms-blob-type,x-ms-version,x-ms-date',
  exposedHeaders: 'etag',
  maxAgeInSeconds: 600,
};

/**
 * Azurite's blob service in this process, data in memory only: nothing is written to disk and a
 * stopped instance leaves nothing behind. Each instance has its own chunk store, so two instances in
 * one process (parallel tests) never see each other's data.
 */
export async function startEmbeddedBlob(options: EmbeddedBlobOptions = {}): Promise<EmbeddedBlob> {
  const onDisk = options.directory;
  if (onDisk) mkdirSync(onDisk, { recursive: true });
  const server = new BlobServer(
    new BlobConfiguration(
      HOST,
      options.port ?? 0,
      KEEP_ALIVE_SECONDS,
      onDisk ? join(onDisk, 'blob-metadata.json') : 'functions-local-blob-metadata',
      onDisk ? join(onDisk, 'blob-extents.json') : 'functions-local-blob-extents',
      onDisk ? [{ locationId: 'Default', locationPath: join(onDisk, 'extents'), maxConcurrency: 4 }] : [],
      false,
      undefined,
      false,
      undefined,
      false,
      // The SDK speaks a newer service version than Azurite 3.35 knows; the surface we use is unchanged.
      true,
      '',
      '',
      '',
      undefined,
      false,
      !onDisk,
      onDisk ? undefined : new MemoryExtentChunkStore(),
    ),
  );
  const closed = new Promise<void>((resolve) => server.httpServer.once('close', () => resolve()));
  let stopped: Promise<void> | undefined;
  const stop = (): Promise<void> =>
    (stopped ??= (async () => {
      await server.close();
      await closed;
      // `clean` deletes the stored data: only an in-memory instance is thrown away.
      if (!onDisk) await server.clean();
    })());

  await server.start();
  try {
    const { port } = server.httpServer.address() as AddressInfo;
    const blobEndpoint = `http://${HOST}:${port}/${ACCOUNT_NAME}`;
    const connectionString =
      `DefaultEndpointsProtocol=http;AccountName=${ACCOUNT_NAME};AccountKey=${ACCOUNT_KEY};` +
      `BlobEndpoint=${blobEndpoint};`;
    await provision(BlobServiceClient.fromConnectionString(connectionString), options.containers ?? []);
    return { blobEndpoint, accountName: ACCOUNT_NAME, accountKey: ACCOUNT_KEY, connectionString, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

async function provision(client: BlobServiceClient, containers: readonly string[]): Promise<void> {
  await client.setProperties({ cors: [UPLOAD_CORS_RULE] });
  for (const name of containers) await client.getContainerClient(name).createIfNotExists();
}
