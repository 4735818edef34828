import type { Container } from '@azure/cosmos';
import type { CosmosStore } from '../../../shared/adapters/clients/cosmos';
import { containerDefinition, type ContainerKey } from '../../../shared/resources';

/** One request the adapters sent, as Cosmos DB would receive it. */
export interface CosmosRequest {
  readonly container: ContainerKey;
  readonly operation: 'read' | 'create' | 'upsert' | 'replace' | 'delete' | 'batch' | 'query';
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
 * its container and partition key. The one query intake asks is offered: a subject's timeline
 * (`recentTimelineEvents`, one single-partition query), answered from the stored events.
 */
export class CountingCosmos {
  readonly requests: CosmosRequest[] = [];
  readonly #documents = new Map<string, Stored>();
  #etag = 0;
  #crashAt: number | undefined;
  /** Requests issued so far, counted when they are sent (side-by-side ones are logged later). */
  #issued = 0;
  #hold: { readonly at: number; readonly reached: () => void; readonly released: Promise<void> } | undefined;

  readonly store: CosmosStore = {
    database: undefined as never,
    container: (key) => this.#container(key),
  };

  /** The `n`th request from now (1 = the next) fails before Cosmos DB sees it: a crash at that point. */
  crashAt(n: number): void {
    this.#crashAt = this.requests.length + n;
  }

  /**
   * The `n`th request issued from now waits, before Cosmos DB sees it, until `release()`: a writer
   * stalled at that point (a slow network, a busy instance) while another one runs. `reached`
   * settles once it waits.
   */
  holdAt(n: number): { readonly reached: Promise<void>; readonly release: () => void } {
    let reached!: () => void;
    let release!: () => void;
    const reachedPromise = new Promise<void>((resolve) => (reached = resolve));
    const released = new Promise<void>((resolve) => (release = resolve));
    this.#hold = { at: this.#issued + n, reached, released };
    return { reached: reachedPromise, release };
  }

  /** Counts a request as it is sent; the held one waits here. */
  async #send(): Promise<void> {
    this.#issued++;
    const hold = this.#hold;
    if (hold?.at !== this.#issued) return;
    this.#hold = undefined;
    hold.reached();
    await hold.released;
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
          await this.#send();
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
          await this.#send();
          const stored = this.#documents.get(at(id, partitionKey));
          const expected = options?.accessCondition?.condition;
          const status =
            stored === undefined ? 404 : expected !== undefined && expected !== stored.etag ? 412 : 200;
          this.#log(key, 'replace', partitionKey, status);
          return put(body);
        },
        delete: async () => {
          await this.#send();
          const status = this.#documents.delete(at(id, partitionKey)) ? 204 : 404;
          this.#log(key, 'delete', partitionKey, status);
          return { statusCode: status };
        },
      }),
      items: {
        create: async (body: Record<string, unknown>) => {
          await this.#send();
          const exists = this.#documents.has(at(String(body['id']), partitionOf(body)));
          this.#log(key, 'create', partitionOf(body), exists ? 409 : 201);
          return put(body);
        },
        upsert: async (body: Record<string, unknown>) => {
          await this.#send();
          this.#log(key, 'upsert', partitionOf(body), 200);
          return put(body);
        },
        query: (spec: { parameters: Array<{ name: string; value: unknown }> }) => ({
          fetchAll: async () => {
            const parameter = (name: string) => spec.parameters.find((p) => p.name === name)?.value;
            const subjectId = parameter('@subjectId');
            if (key !== 'timeline' || typeof subjectId !== 'string')
              throw new Error('CountingCosmos answers only the timeline query of one subject');
            await this.#send();
            this.#log(key, 'query', subjectId, 200);
            const resources = [...this.#documents.values()]
              .map((stored) => structuredClone(stored.body))
              .filter((body) => body[field] === subjectId && body['docType'] === 'event')
              .sort((a, b) => String(b['occurredAt']).localeCompare(String(a['occurredAt'])))
              .slice(0, Number(parameter('@limit') ?? Infinity));
            return { resources };
          },
        }),
      },
    };
    return container as unknown as Container;
  }
}
