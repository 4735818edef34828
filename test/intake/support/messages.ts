import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { InboundDelivery } from '../../../shared/intake/inboundDelivery';

const fixture = (name: string): Record<string, unknown> =>
  JSON.parse(readFileSync(join(__dirname, '../../fixtures/inbound', `${name}.json`), 'utf8')) as Record<
    string,
    unknown
  >;

/** The fixture create for ORES-88412, with overrides. */
export const createMessage = (overrides: Record<string, unknown> = {}) => ({
  ...fixture('create-email-only'),
  ...overrides,
});

export const amendMessage = (revision: number, overrides: Record<string, unknown> = {}) => ({
  ...createMessage(),
  kind: 'amend',
  revision,
  ...overrides,
});

export const cancelMessage = (revision: number, reason?: string) => ({
  schemaVersion: 1,
  kind: 'cancel',
  utilityCode: 'ORES',
  externalId: 'ORES-88412',
  revision,
  sentAt: '2026-03-02T10:00:00Z',
  ...(reason === undefined ? {} : { reason }),
});

let sequence = 0;

/** A fresh delivery of `body` as Service Bus would hand it over; redeliver it with `{ ...d, deliveryCount: 2 }`. */
export const delivery = (body: unknown): InboundDelivery => {
  sequence++;
  return {
    messageId: `m-${sequence}`,
    enqueuedAt: new Date(Date.UTC(2026, 2, 2, 9, 0, sequence)).toISOString(),
    deliveryCount: 1,
    body,
  };
};
