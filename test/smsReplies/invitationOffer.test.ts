import { describe, expect, it } from 'vitest';
import type { JourneyActivityDependencies } from '../../orchestrations/journey/activities/dependencies';
import { sendMessage } from '../../orchestrations/journey/activities/sendMessage';
import type { Language } from '../../shared/common/contact';
import type { OutgoingMessage } from '../../shared/journey/notifier';
import { ok } from '../../shared/result';
import { aCustomer, aWorkOrder, customerId, workOrderId } from '../journey/support/fixtures';
import { MemoryRecords } from '../journey/support/memoryRecords';

/** The journey's sendMessage activity with an offerer that says what it was asked. */
function setup(offer: (workOrderId: string, language: Language) => Promise<string | undefined>) {
  const records = new MemoryRecords();
  records.putWorkOrder(aWorkOrder());
  records.customers.set(customerId, aCustomer({ language: 'fr' }));
  const sent: OutgoingMessage[] = [];
  const asked: Array<[string, Language]> = [];
  const deps: JourneyActivityDependencies = {
    records,
    notifier: {
      send: async (message) => (sent.push(message), ok({ providerMessageId: `acs-${sent.length}` })),
    },
    smsAvailable: true,
    links: { linkFor: (id, purpose) => `https://fieldline.test/s/${purpose}-${id}` },
    outbox: { publish: async () => undefined },
    tuning: {
      contactAttempts: 3,
      contactIntervalHours: 48,
      onHoldMaxDays: 14,
      quietHours: { start: '21:00', end: '08:00', timeZone: 'Europe/Brussels' },
    },
    cadenceOverrides: {},
    senderName: 'Fieldline',
    linkValidityDays: 30,
    smsOffers: {
      offerFor: (id, language) => {
        asked.push([id, language]);
        return offer(id, language);
      },
    },
    now: () => new Date('2026-01-05T10:00:00Z'),
  };
  return { deps, sent, asked };
}

const message = (purpose: 'invitation' | 'visitMissed', channel: 'sms' | 'email', occurrence = 'r1a1') =>
  ({ workOrderId, correlationId: 'msg-create-1', purpose, occurrence, channel }) as const;

describe('the SMS invitation offers slots to reply to', () => {
  it('appends the offer after the link, asked in the customer language', async () => {
    const { deps, sent, asked } = setup(async () => 'Répondez 1 pour mer. 7 janv. 08:00–12:00.');
    await sendMessage(message('invitation', 'sms'), deps);
    expect(asked).toEqual([[workOrderId, 'fr']]);
    const text = sent[0]?.channel === 'sms' ? sent[0].text : '';
    expect(text).toMatch(
      /https:\/\/fieldline\.test\/s\/book-\S+ Répondez 1 pour mer\. 7 janv\. 08:00–12:00\.$/,
    );
  });

  it('sends the link alone when nothing is free, and asks for no offer in email or other messages', async () => {
    const { deps, sent, asked } = setup(async () => undefined);
    await sendMessage(message('invitation', 'sms'), deps);
    expect(sent[0]?.channel === 'sms' && sent[0].text).not.toMatch(/Répondez/);
    await sendMessage(message('invitation', 'email', 'r1a2'), deps);
    await sendMessage(message('visitMissed', 'sms'), deps);
    expect(sent).toHaveLength(3);
    expect(asked).toHaveLength(1);
  });

  it('gives the send back when the offer cannot be made, so the retried activity still sends', async () => {
    let failing = true;
    const { deps, sent } = setup(async () => {
      if (failing) throw new Error('Cosmos DB throttled');
      return 'Répondez 1 pour mer. 7 janv. 08:00–12:00.';
    });
    await expect(sendMessage(message('invitation', 'sms'), deps)).rejects.toThrow('throttled');
    expect(sent).toHaveLength(0);
    failing = false;
    expect(await sendMessage(message('invitation', 'sms'), deps)).toMatchObject({ status: 'sent' });
    expect(sent).toHaveLength(1);
  });
});
