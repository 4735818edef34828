import type { Container } from '@azure/cosmos';
import type { CosmosStore } from '../../../shared/adapters/clients/cosmos';
import { containerDefinition, type ContainerKey } from '../../../shared/resources';

/** One request the adapters sent, as Cosmos DB would receive it. */
export interface CosmosRequest {
  readonly container: ContainerKey;
  readonly operation: 'read' | 'create' | 'upsert' | 'replace' | 'delete' | 'batch';
  readonly partitionKey: string;
  readonly status: number;
}

interface Stored {
  readonly body: Record<string, unknown>;
  readonly etag: string;
}

/** Thrown by `crashAt`, to stand for the function host dying before a request. */
export class CosmosCrash extends Error {}

const failure = (code: number): Error => Object.assign(new Error(`Cosmos DB answered ${code}`), { code });

/**
 * Cosmos DB in memory, for counting round trips: the point operations the Cosmos adapters use
 * (`item().read/replace/delete`, `items.create/upsert`), with the service's answers (404 on a
 * missing read, 409 on a duplicate create, 412 on a stale ETag), each one request logged with
 * its container and partition key. Queries are not offered: intake asks none.
 */
export class CountingCosmos {
  readonly requests: CosmosRequest[] = [];
  readonly #documents = new Map<string, Stored>();
  #etag = 0;
  #crashAt: number | undefined;

  readonly store: CosmosStore = {
    database: undefined as never,
    container: (key) => this.#container(key),
  };

  /** The `n`th request from now (1 = the next) fails before Cosmos DB sees it: a crash at that point. */
  crashAt(n: number): void {
    this.#crashAt = this.requests.length + n;
  }

  /** Every stored document by `container partitionKey id`, without ETags: what two runs are compared on. */
  documents(): Record<string, unknown> {
    return Object.fromEntries([...this.#documents].map(([key, stored]) => [key, stored.body]).sort());
  }

  /** Requests since `mark`, by `container operation` (e.g. `customers read`). */
  since(mark: number): Record<string, number> {
    const counts: Record<string, number> = {};
    for (const request of this.requests.slice(mark)) {
      const key = `${request.container} ${request.operation}`;
      counts[key] = (counts[key] ?? 0) + 1;
    }
    return counts;
  }

  #log(
    container: ContainerKey,
    operation: CosmosRequest['operation'],
    partitionKey: string,
    status: number,
    throwsOnFailure = true,
  ) {
    if (this.requests.length + 1 === this.#crashAt) {
      this.#crashAt = undefined;
      throw new CosmosCrash(`crash before ${container} ${operation}`);
    }
    this.requests.push({ container, operation, partitionKey, status });
    if (throwsOnFailure && status >= 400) throw failure(status);
  }

  #container(key: ContainerKey): Container {
    const field = containerDefinition(key).partitionKeyPath.slice(1);
    const at = (id: string, partitionKey: string) => `${key} ${partitionKey} ${id}`;
    const partitionOf = (body: Record<string, unknown>) => String(body[field]);
    const put = (body: Record<string, unknown>) => {
      const etag = `"${++this.#etag}"`;
      this.#documents.set(at(String(body['id']), partitionOf(body)), { body: structuredClone(body), etag });
      return { resource: body, etag };
    };
    const container = {
      item: (id: string, partitionKey: string) => ({
        read: async () => {
          const stored = this.#documents.get(at(id, partitionKey));
          // The SDK answers a missing item's read with a 404 response rather than an error.
          this.#log(key, 'read', partitionKey, stored === undefined ? 404 : 200, false);
          return stored === undefined
            ? { resource: undefined, statusCode: 404, etag: '' }
            : { resource: structuredClone(stored.body), statusCode: 200, etag: stored.etag };
        },
        replace: async (
          body: Record<string, unknown>,
          options?: { accessCondition?: { condition: string } },
        ) => {
          const stored = this.#documents.get(at(id, partitionKey));
          const expected = options?.accessCondition?.condition;
          const status =
            stored === undefined ? 404 : expected !== undefined && expected !== stored.etag ? 412 : 200;
          this.#log(key, 'replace', partitionKey, status);
          return put(body);
        },
        delete: async () => {
          const status = this.#documents.delete(at(id, partitionKey)) ? 204 : 404;
          this.#log(key, 'delete', partitionKey, status);
          return { statusCode: status };
        },
      }),
      items: {
        create: async (body: Record<string, unknown>) => {
          const exists = this.#documents.has(at(String(body['id']), partitionOf(body)));
          this.#log(key, 'create', partitionOf(body), exists ? 409 : 201);
          return put(body);
        },
        upsert: async (body: Record<string, unknown>) => {
          this.#log(key, 'upsert', partitionOf(body), 200);
          return put(body);
        },
      },
    };
    return container as unknown as Container;
  }
}
