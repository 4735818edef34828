import { describe, expect, it } from 'vitest';
import { BoundedMap } from '../../src/outbox/boundedMap';
import type { OutboxMessage } from '../../src/outbox';
import { OutboxRecorder } from '../../src/outbox/outboxRecorder';

/**
 * The outbox runs inside the local host, where in Azure the messages leave for Communication
 * Services: what it remembers must stay bounded however many messages a long run sends.
 */
const message = (n: number): OutboxMessage => ({
  id: `m-${n}`,
  channel: 'email',
  to: ['someone@example.com'],
  from: 'noreply@example.com',
  subject: `Message ${n}`,
  at: new Date(0).toISOString(),
  links: [],
});

describe('outbox memory', () => {
  it('keeps the most recent messages, oldest first, and still tells listeners of every one', () => {
    const recorder = new OutboxRecorder(3, () => undefined);
    const heard: string[] = [];
    recorder.onMessage((m) => heard.push(m.id));
    for (let n = 1; n <= 10; n++) recorder.record(message(n));
    expect(recorder.messages().map((m) => m.id)).toEqual(['m-8', 'm-9', 'm-10']);
    expect(heard).toHaveLength(10);
  });

  it('forgets the oldest operation statuses beyond the limit, keeping a re-set key as newest', () => {
    const operations = new BoundedMap<string, string>(2);
    operations.set('a', 'Succeeded').set('b', 'Succeeded');
    operations.set('a', 'Succeeded');
    operations.set('c', 'Succeeded');
    expect([...operations.keys()]).toEqual(['a', 'c']);
  });
});
