import type { RuleDefinition } from './rules/rule';
import { closeSync, existsSync, fsyncSync, openSync, readFileSync, renameSync, writeSync } from 'node:fs';

/** A message as the broker keeps it across restarts; `bytes` re-decode to its content. */
export interface PersistedMessage {
  readonly sequenceNumber: number;
  /** The sender's sections and annotations, AMQP-encoded, base64. */
  readonly bytes: string;
  readonly enqueuedAt: number;
  /** `null` for never (a dead-letter queue's messages). */
  readonly expiresAt: number | null;
  readonly ttl: number | null;
  readonly state: 'active' | 'deferred' | 'scheduled';
  readonly deliveryCount: number;
  readonly deadLetterSource: string | null;
}

/** One entity's persistence: what its messages are and which message ids it has seen. */
export interface EntityJournal {
  /** `durable`: the write reaches the disk (fsync) before returning, for what is acknowledged to a sender. */
  put(message: PersistedMessage, durable: boolean): void;
  remove(sequenceNumber: number): void;
  seen(messageIdKey: string, at: number): void;
  /** A session's state (`setSessionState`), base64; `null` clears it. */
  sessionState(sessionId: string, state: string | null): void;
}

export interface EntityState {
  readonly messages: readonly PersistedMessage[];
  readonly seen: readonly { readonly key: string; readonly at: number }[];
  readonly sessionStates: readonly { readonly sessionId: string; readonly state: string }[];
}

/** Where a broker keeps its queues' messages and sequence numbers between runs. */
export interface BrokerJournal {
  entity(path: string): EntityJournal;
  /** What a previous run left for this entity. */
  restored(path: string): EntityState;
  /** The next sequence number a queue (shared with its dead-letter queue) hands out. */
  nextSequence(queue: string): number;
  /** A subscription's rules after the rule manager changed them (fsync'd: the SDK call has returned). */
  saveRules(subscriptionPath: string, rules: readonly RuleDefinition[]): void;
  /** The rules a previous run left for a subscription; undefined when they were never changed. */
  restoredRules(subscriptionPath: string): readonly RuleDefinition[] | undefined;
  close(): void;
}

type Line =
  | { readonly op: 'put'; readonly path: string; readonly message: PersistedMessage }
  | { readonly op: 'remove'; readonly path: string; readonly sequenceNumber: number }
  | { readonly op: 'seen'; readonly path: string; readonly key: string; readonly at: number }
  | { readonly op: 'next'; readonly queue: string; readonly next: number }
  | {
      readonly op: 'session';
      readonly path: string;
      readonly sessionId: string;
      readonly state: string | null;
    }
  | { readonly op: 'rules'; readonly path: string; readonly rules: readonly RuleDefinition[] };

const queueOf = (path: string): string => path.split('/')[0]?.toLowerCase() ?? path.toLowerCase();

/**
 * An append-only JSON-lines log of every change, folded into the current state when the broker
 * starts and then rewritten compactly (write, fsync, rename). A put the broker will acknowledge
 * to a sender is fsync'd before the acknowledgement goes out, so an accepted message survives a
 * crash of the process or the machine; other changes (completions, lock expiries) reach the page
 * cache at once and the disk soon after, so a crash at worst redelivers a message — at-least-once,
 * as Service Bus itself is.
 */
export function openFileBrokerJournal(file: string): BrokerJournal {
  const messages = new Map<string, Map<number, PersistedMessage>>();
  const seen = new Map<string, Map<string, number>>();
  const next = new Map<string, number>();
  const sessions = new Map<string, Map<string, string>>();
  const rules = new Map<string, readonly RuleDefinition[]>();
  const bump = (queue: string, value: number): void => {
    next.set(queue, Math.max(next.get(queue) ?? 1, value));
  };
  if (existsSync(file)) {
    for (const text of readFileSync(file, 'utf8').split('\n')) {
      if (text === '') continue;
      let line: Line;
      try {
        line = JSON.parse(text) as Line;
      } catch {
        // A torn last line from a crash mid-write: everything before it is intact.
        continue;
      }
      switch (line.op) {
        case 'put': {
          const byNumber = messages.get(line.path) ?? new Map<number, PersistedMessage>();
          byNumber.set(line.message.sequenceNumber, line.message);
          messages.set(line.path, byNumber);
          bump(queueOf(line.path), line.message.sequenceNumber + 1);
          break;
        }
        case 'remove':
          messages.get(line.path)?.delete(line.sequenceNumber);
          break;
        case 'seen': {
          const ids = seen.get(line.path) ?? new Map<string, number>();
          ids.set(line.key, line.at);
          seen.set(line.path, ids);
          break;
        }
        case 'next':
          bump(line.queue, line.next);
          break;
        case 'session': {
          const states = sessions.get(line.path) ?? new Map<string, string>();
          if (line.state === null) states.delete(line.sessionId);
          else states.set(line.sessionId, line.state);
          sessions.set(line.path, states);
          break;
        }
        case 'rules':
          rules.set(line.path.toLowerCase(), line.rules);
          break;
        default: {
          const unknown: never = line;
          throw new Error(`unknown journal line ${JSON.stringify(unknown)}`);
        }
      }
    }
  }

  const compacted = `${file}.compact`;
  const out = openSync(compacted, 'w');
  const lines: string[] = [];
  for (const [queue, value] of next) lines.push(JSON.stringify({ op: 'next', queue, next: value }));
  for (const [path, byNumber] of messages)
    for (const message of byNumber.values()) lines.push(JSON.stringify({ op: 'put', path, message }));
  for (const [path, ids] of seen)
    for (const [key, at] of ids) lines.push(JSON.stringify({ op: 'seen', path, key, at }));
  for (const [path, states] of sessions)
    for (const [sessionId, state] of states)
      lines.push(JSON.stringify({ op: 'session', path, sessionId, state }));
  for (const [path, definitions] of rules)
    lines.push(JSON.stringify({ op: 'rules', path, rules: definitions }));
  writeSync(out, lines.length > 0 ? `${lines.join('\n')}\n` : '');
  fsyncSync(out);
  closeSync(out);
  renameSync(compacted, file);

  const fd = openSync(file, 'a');
  let closed = false;
  const append = (line: Line, durable: boolean): void => {
    if (closed) return;
    writeSync(fd, `${JSON.stringify(line)}\n`);
    if (durable) fsyncSync(fd);
  };

  return {
    entity: (path) => ({
      put: (message, durable) => append({ op: 'put', path, message }, durable),
      remove: (sequenceNumber) => append({ op: 'remove', path, sequenceNumber }, false),
      seen: (key, at) => append({ op: 'seen', path, key, at }, false),
      // Durable: the SDK's setSessionState has returned once the broker answers.
      sessionState: (sessionId, state) => append({ op: 'session', path, sessionId, state }, true),
    }),
    restored: (path) => ({
      messages: [...(messages.get(path)?.values() ?? [])].sort((a, b) => a.sequenceNumber - b.sequenceNumber),
      seen: [...(seen.get(path) ?? new Map<string, number>())].map(([key, at]) => ({ key, at })),
      sessionStates: [...(sessions.get(path) ?? new Map<string, string>())].map(([sessionId, state]) => ({
        sessionId,
        state,
      })),
    }),
    saveRules: (path, definitions) => append({ op: 'rules', path, rules: definitions }, true),
    restoredRules: (path) => rules.get(path.toLowerCase()),
    nextSequence: (queue) => next.get(queue.toLowerCase()) ?? 1,
    close: () => {
      if (closed) return;
      closed = true;
      fsyncSync(fd);
      closeSync(fd);
    },
  };
}
