/** The orchestration generation that sent a request, so a late answer can find (or miss) it. */
export interface Requester {
  readonly instanceId: string;
  readonly executionId: string;
}

/**
 * A message waiting in an entity's queue, as the extension's RequestMessage / ReleaseMessage carry
 * them: an operation (a call answers its requester, a signal answers nobody), a lock request that
 * walks the sorted lock set one entity at a time, or the release of a critical section.
 */
export type EntityRequest =
  | {
      readonly kind: 'operation';
      readonly id: string;
      readonly operation: string;
      /** JSON text; absent when the operation has no input. */
      readonly input?: string;
      readonly signal: boolean;
      readonly requester?: Requester;
    }
  | {
      readonly kind: 'lock';
      readonly id: string;
      readonly requester: Requester;
      /** Scheduler ids, sorted, the entity at `position` being this one. */
      readonly lockSet: readonly string[];
      readonly position: number;
    }
  | { readonly kind: 'release'; readonly requesterInstanceId: string; readonly lockRequestId: string };

export interface EntityLock {
  readonly instanceId: string;
  readonly lockRequestId: string;
}

export interface EntityRecord {
  /** `@name@key` */
  readonly schedulerId: string;
  readonly name: string;
  readonly key: string;
  readonly exists: boolean;
  /** JSON text of the state, when the entity has one. */
  readonly state?: string;
  readonly lockedBy?: EntityLock;
  readonly queue: readonly EntityRequest[];
  readonly lastOperationAt: number;
}

export const newEntityRecord = (
  schedulerId: string,
  name: string,
  key: string,
  now: number,
): EntityRecord => ({
  schedulerId,
  name,
  key,
  exists: false,
  queue: [],
  lastOperationAt: now,
});
