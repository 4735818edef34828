import { createHttpsServer } from '@vercel/cosmosdb-server';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import type { Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ContainerDefinition } from '../resources';
import { generateLoopbackCertificate } from './loopbackCertificate';
import { installIndexedDocuments } from './indexedDocuments';
import { emulateTransactionalBatch } from './transactionalBatch';
import { journalWrites } from './writeJournal';
import { provisionDatabase } from './provision';

export interface EmbeddedCosmosOptions {
  /** 0 (default) picks a free port. */
  readonly port?: number;
  /** The database created at start; `local` by default. */
  readonly databaseName?: string;
  /** Containers created at start (none by default). */
  readonly containers?: readonly ContainerDefinition[];
  /** A journal of every write, replayed at start so the data survives restarts; in memory only when absent. */
  readonly journalFile?: string;
  /** Where the CA PEM is written; by default a fresh temporary directory, removed by `stop()`. */
  readonly directory?: string;
}

export interface EmbeddedCosmos {
  /** `https://127.0.0.1:<port>/` */
  readonly endpoint: string;
  readonly key: string;
  /** The `CosmosDbConnection` app setting. */
  readonly connectionString: string;
  /** The `CosmosDbCaCertificatePath` app setting: PEM of the CA that signed the server certificate. */
  readonly caCertificatePath: string;
  stop(): Promise<void>;
}

const HOST = '127.0.0.1';

/**
 * A Cosmos DB SQL API over HTTPS on loopback, in this process, with the database and containers
 * created up front so the app finds what the Bicep template would have deployed.
 */
export async function startEmbeddedCosmos(options: EmbeddedCosmosOptions = {}): Promise<EmbeddedCosmos> {
  installIndexedDocuments();
  const certificate = await generateLoopbackCertificate(new Date());
  const ownsDirectory = options.directory === undefined;
  const directory = options.directory ?? (await mkdtemp(join(tmpdir(), 'functions-local-cosmos-')));
  const caCertificatePath = join(directory, 'cosmos-ca.pem');
  await writeFile(caCertificatePath, certificate.caPem);

  const server: Server = createHttpsServer({
    cert: certificate.certificateChainPem,
    key: certificate.privateKeyPem,
    // The SDK keeps connections open; without this the server answers `connection: close` to each.
    keepAlive: true,
  });
  // Before the journal, which then records and replays a batch as the client saw it.
  emulateTransactionalBatch(server);
  let closeJournal: (() => void) | undefined;
  const cleanUp = async (): Promise<void> => {
    await closeServer(server);
    closeJournal?.();
    await rm(ownsDirectory ? directory : caCertificatePath, { recursive: true, force: true });
  };

  try {
    await listen(server, options.port ?? 0);
    const { port } = server.address() as AddressInfo;
    const endpoint = `https://${HOST}:${port}/`;
    if (options.journalFile)
      closeJournal = await journalWrites(server, options.journalFile, `${HOST}:${port}`);
    // The server does not check request signatures; a random key still keeps the client's auth path real.
    const key = randomBytes(64).toString('base64');
    await provisionDatabase({
      endpoint,
      key,
      caPem: certificate.caPem,
      databaseName: options.databaseName ?? 'local',
      containers: options.containers ?? [],
    });
    let stopped: Promise<void> | undefined;
    return {
      endpoint,
      key,
      connectionString: `AccountEndpoint=${endpoint};AccountKey=${key};`,
      caCertificatePath,
      stop: () => (stopped ??= cleanUp()),
    };
  } catch (error) {
    await cleanUp();
    throw error;
  }
}

function listen(server: Server, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, HOST, () => {
      server.off('error', reject);
      resolve();
    });
  });
}

function closeServer(server: Server): Promise<void> {
  if (!server.listening) return Promise.resolve();
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}
