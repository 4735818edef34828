import type { EntityRecord, EntityRequest } from './entityRecord';

export type OperationRequest = Extract<EntityRequest, { kind: 'operation' }>;
export type LockRequest = Extract<EntityRequest, { kind: 'lock' }>;
export type ReleaseRequest = Extract<EntityRequest, { kind: 'release' }>;

/** What an entity does next with its queue. */
export type EntityStep =
  | { readonly kind: 'idle' }
  | {
      readonly kind: 'operations';
      readonly requests: readonly OperationRequest[];
      readonly rest: readonly EntityRequest[];
    }
  | { readonly kind: 'grantLock'; readonly request: LockRequest; readonly rest: readonly EntityRequest[] }
  | { readonly kind: 'release'; readonly request: ReleaseRequest; readonly rest: readonly EntityRequest[] };

const without = (queue: readonly EntityRequest[], index: number): EntityRequest[] => [
  ...queue.slice(0, index),
  ...queue.slice(index + 1),
];

const belongsTo = (request: EntityRequest, instanceId: string): boolean => {
  switch (request.kind) {
    case 'operation':
      return request.requester?.instanceId === instanceId;
    case 'lock':
      return request.requester.instanceId === instanceId;
    case 'release':
      return request.requesterInstanceId === instanceId;
    default: {
      const unreachable: never = request;
      return unreachable;
    }
  }
};

/**
 * Requests are processed in arrival order, consecutive operations in one batch, as the extension's
 * entity scheduler does. While a critical section holds the entity, only its owner's requests run;
 * everyone else's wait in the queue until the release (the extension's "locked" entity state).
 */
export function nextEntityStep(record: EntityRecord): EntityStep {
  const { queue, lockedBy } = record;
  if (lockedBy) {
    const index = queue.findIndex((request) => belongsTo(request, lockedBy.instanceId));
    const request = index < 0 ? undefined : queue[index];
    if (request === undefined) return { kind: 'idle' };
    const rest = without(queue, index);
    switch (request.kind) {
      case 'operation':
        return { kind: 'operations', requests: [request], rest };
      case 'release':
        return { kind: 'release', request, rest };
      case 'lock':
        // The library refuses a nested critical section, so the owner cannot ask again; waiting is safe.
        return { kind: 'idle' };
      default: {
        const unreachable: never = request;
        return unreachable;
      }
    }
  }
  const [head] = queue;
  if (head === undefined) return { kind: 'idle' };
  switch (head.kind) {
    case 'lock':
      return { kind: 'grantLock', request: head, rest: queue.slice(1) };
    case 'release':
      return { kind: 'release', request: head, rest: queue.slice(1) };
    case 'operation': {
      const requests: OperationRequest[] = [];
      for (const request of queue) {
        if (request.kind !== 'operation') break;
        requests.push(request);
      }
      return { kind: 'operations', requests, rest: queue.slice(requests.length) };
    }
    default: {
      const unreachable: never = head;
      return unreachable;
    }
  }
}
