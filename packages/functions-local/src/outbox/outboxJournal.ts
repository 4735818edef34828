import { closeSync, existsSync, fsyncSync, ftruncateSync, openSync, readFileSync, writeSync } from 'node:fs';
import { outboxMessageSchema, type OutboxMessage } from './outboxMessage';

/** The outbox's recorded messages on disk, one JSON line each, so `/dev/outbox` survives a restart. */
export interface OutboxJournal {
  /** What earlier runs recorded, oldest first. */
  readonly restored: readonly OutboxMessage[];
  /** On disk (fsync'd) before the send is acknowledged to the app's SDK client. */
  append(message: OutboxMessage): void;
  clear(): void;
  close(): void;
}

export function openOutboxJournal(file: string): OutboxJournal {
  const restored: OutboxMessage[] = [];
  if (existsSync(file)) {
    for (const text of readFileSync(file, 'utf8').split('\n')) {
      if (text === '') continue;
      let parsed: unknown;
      try {
        parsed = JSON.parse(text);
      } catch {
        continue; // a torn last line from a crash mid-write
      }
      const message = outboxMessageSchema.safeParse(parsed);
      if (message.success) restored.push(message.data);
    }
  }
  const fd = openSync(file, 'a');
  let closed = false;
  return {
    restored,
    append: (message) => {
      if (closed) return;
      writeSync(fd, `${JSON.stringify(message)}\n`);
      fsyncSync(fd);
    },
    clear: () => {
      if (!closed) ftruncateSync(fd, 0);
    },
    close: () => {
      if (closed) return;
      closed = true;
      closeSync(fd);
    },
  };
}
