/** A stored document with the ETag it was read at, for optimistic concurrency on the write back. */
export interface Versioned<T> {
  readonly value: T;
  readonly etag: string;
}
