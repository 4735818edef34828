import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cosmosStore, createCosmosClient, type CosmosStore } from '../../shared/adapters/clients';
import { migrateContactIndex } from '../../shared/adapters/cosmos/contactIndexMigration';
import {
  contactIndexIdFor,
  contactIndexKey,
  unkeyedContactIndexIdFor,
} from '../../shared/customers/contactIndex';
import type { Customer } from '../../shared/customers/customer';
import { startTestRuntime, type TestRuntime } from '../support/runtime';

/*
 * Finding 9: phone-number index ids were plain SHA-256 digests, so hashing every Belgian mobile
 * number (a few tens of millions) turned any id back into its number. Ids are now HMACs under a
 * key from Key Vault, and a migration re-keys the entries already stored.
 */
const key = 'k'.repeat(40);

describe('contact index ids', () => {
  it('cannot be found by hashing candidate numbers without the key', () => {
    const id = contactIndexIdFor('sms', '+32470123456', key);
    const guesses = Array.from({ length: 1000 }, (_, n) => `+32470123${String(n).padStart(3, '0')}`);
    const unkeyed = (phone: string) =>
      `CI-sms-${createHash('sha256').update(phone).digest('hex').slice(0, 40)}`;
    expect(guesses.map(unkeyed)).not.toContain(id);
    expect(guesses.map((phone) => contactIndexIdFor('sms', phone, key))).toContain(id);
    expect(contactIndexIdFor('sms', '+32470123456', 'another-key-another-key-another-key')).not.toBe(id);
  });

  it('still find a person whatever spacing or case their contact point was given in', () => {
    expect(contactIndexIdFor('sms', '+32 470 12 34 56', key)).toBe(
      contactIndexIdFor('sms', '+32470123456', key),
    );
    expect(contactIndexIdFor('email', ' Els@Example.org', key)).toBe(
      contactIndexIdFor('email', 'els@example.org', key),
    );
  });

  it('are keyed with the ContactIndexKey setting the app runs with', () => {
    expect(contactIndexKey({ ContactIndexKey: key })).toBe(key);
    expect(contactIndexIdFor('sms', '+32470123456', contactIndexKey({ ContactIndexKey: key }))).toBe(
      contactIndexIdFor('sms', '+32470123456', key),
    );
  });
});

describe('the contact index migration', () => {
  let rt: TestRuntime;
  let store: CosmosStore;
  beforeAll(async () => {
    rt = await startTestRuntime({ app: () => import('./support/opsTestApp') });
    store = cosmosStore(createCosmosClient(rt.settings));
  }, 120_000);
  afterAll(() => rt?.stop());

  it('indexes every customer under the keyed id and removes the unkeyed entries, once', async () => {
    const customers = store.container('customers');
    const customer: Customer = {
      id: 'CU-ORES-MIG-1',
      docType: 'customer',
      utilityCode: 'ORES',
      workOrderId: 'WO-ORES-MIG-1',
      name: 'Els Jacobs',
      phone: '+32470555001',
      email: 'els@example.org',
      language: 'nl',
      smsOptedOut: false,
      createdAt: '2026-11-23T09:00:00.000Z',
      updatedAt: '2026-11-23T09:00:00.000Z',
    };
    await customers.items.upsert(customer);
    for (const [channel, value] of [
      ['sms', customer.phone],
      ['email', customer.email],
    ] as const) {
      await customers.items.upsert({
        id: unkeyedContactIndexIdFor(channel, value ?? ''),
        docType: 'contactIndex',
        channel,
        customerIds: [customer.id],
        updatedAt: customer.createdAt,
      });
    }
    expect(await migrateContactIndex(store, key)).toEqual({ customers: 1, indexed: 2, removed: 2 });
    const keyed = contactIndexIdFor('sms', customer.phone ?? '', key);
    expect((await customers.item(keyed, keyed).read()).resource).toMatchObject({
      customerIds: [customer.id],
    });
    const legacy = unkeyedContactIndexIdFor('sms', customer.phone ?? '');
    expect((await customers.item(legacy, legacy).read()).resource).toBeUndefined();
    expect(await migrateContactIndex(store, key)).toEqual({ customers: 1, indexed: 0, removed: 0 });
  });
});
