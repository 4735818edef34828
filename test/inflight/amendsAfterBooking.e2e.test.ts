import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from '../support/outboundQueue';
import { InflightWorld, siteIn } from './support/inflightWorld';
import { signedInAs } from '../support/runtime';

/*
 * The utility amends work orders its customers have already booked. Each scenario has its own
 * region, so slot counts are its own; after each, every store must tell the same story.
 */
describe('amendments after booking reach the booking, the journey, the customer and the utility', () => {
  const world = new InflightWorld();
  const tech = InflightWorld.technician;

  beforeAll(async () => {
    await world.start([
      tech('T-R1', 'BE-RG1'),
      tech('T-R2', 'BE-RG2'),
      tech('T-SK', 'BE-SKL'),
      tech('T-DD', 'BE-DUE'),
      tech('T-WT', 'BE-WTY'),
      tech('T-CT', 'BE-CON'),
      tech('T-PF', 'BE-PRF'),
    ]);
  }, 90_000);
  afterAll(async () => {
    await world.stop();
  });

  it('region: the booking is released, the customer chooses again in the new region, the utility hears both', async () => {
    const { order, slotId, email } = await world.booked('AM-REGION', { site: siteIn('BE-RG1') });
    await world.amend(order, { site: siteIn('BE-RG2') });
    expect(await world.answer(order, 'unscheduled')).toMatchObject({ reason: 'regionChanged', revision: 2 });
    const released = await eventually(async () =>
      world.to(email).find((m) => m.subject?.includes('has to move')),
    );
    expect(await world.disagreements(order.workOrderId, [slotId])).toEqual([]);

    const link = released.links.find((url) => url.includes('/api/s/'))!;
    const offered = await world.offeredSlots(link);
    expect(offered.length).toBeGreaterThan(0);
    expect(offered.every((id) => id.startsWith('SL~BE-RG2~'))).toBe(true);
    const rebooked = await world.book(link);
    await eventually(async () =>
      world.answers(order).filter((a) => a['kind'] === 'scheduled').length === 2 ? true : undefined,
    );
    expect(await world.disagreements(order.workOrderId, [slotId, rebooked])).toEqual([]);
    expect(world.answers(order).map((a) => a['kind'])).toEqual([
      'accepted',
      'scheduled',
      'accepted',
      'unscheduled',
      'scheduled',
    ]);
  }, 120_000);

  it('skills: a skill nobody in the window has releases the booking', async () => {
    const { order, slotId } = await world.booked('AM-SKILL', { site: siteIn('BE-SKL') });
    await world.amend(order, { requiredSkills: ['smart-meter', 'gas-certified'] });
    expect(await world.answer(order, 'unscheduled')).toMatchObject({ reason: 'skillsUnavailable' });
    expect(await world.disagreements(order.workOrderId, [slotId])).toEqual([]);
    expect((await world.workOrder(order.workOrderId))['state']).toEqual({ status: 'AwaitingCustomer' });
  }, 120_000);

  it('due date: moved before the appointment, the appointment does not stand', async () => {
    const { order, slotId } = await world.booked('AM-DUE', { site: siteIn('BE-DUE') });
    await world.amend(order, { dueDate: '2026-11-24' });
    expect(await world.answer(order, 'unscheduled')).toMatchObject({ reason: 'dueDateBeforeAppointment' });
    expect(await world.disagreements(order.workOrderId, [slotId])).toEqual([]);
  }, 120_000);

  it('contact: the next message goes to the new address, not the old one', async () => {
    const { order, slotId, email } = await world.booked('AM-CONTACT', { site: siteIn('BE-CON') });
    const newEmail = 'am-contact-new@example.org';
    await world.amend(order, { customer: { name: 'Luc Dubois', email: newEmail, language: 'en' } });
    expect(await world.disagreements(order.workOrderId, [slotId])).toEqual([]);
    const before = world.to(email).length;
    // The 48 h reminder of Wednesday's appointment is due at 11:00 UTC today.
    await world.clock.advanceTo(new Date('2026-11-23T11:30:00.000Z'));
    const reminder = await eventually(async () =>
      world.to(newEmail).find((m) => /remind/i.test(m.subject ?? '')),
    );
    expect(reminder.at).toBe('2026-11-23T11:00:00.000Z');
    expect(world.to(email)).toHaveLength(before);
  }, 120_000);

  it('preference: a customer who now prefers SMS gets the next message by SMS', async () => {
    const phone = '+32470111222';
    const { order, slotId, email } = await world.booked('AM-PREF', {
      site: siteIn('BE-PRF'),
      customer: {
        name: 'Ann Lenoir',
        email: 'am-pref@example.org',
        phone,
        preferredChannel: 'email',
        language: 'en',
      },
    });
    expect(world.to(phone)).toEqual([]);
    await world.amend(order, {
      customer: { name: 'Ann Lenoir', email, phone, preferredChannel: 'sms', language: 'en' },
    });
    expect(await world.disagreements(order.workOrderId, [slotId])).toEqual([]);
    const emailsBefore = world.to(email).length;
    // The customer lost the confirmation and the desk sends it again: now by SMS.
    const resent = await world.rt.fetch(`/api/ops/journeys/${order.workOrderId}/resend`, {
      method: 'POST',
      headers: { ...signedInAs({ userId: 'ops-tests', roles: ['ops'] }), 'content-type': 'application/json' },
      body: JSON.stringify({ by: 'desk-1' }),
    });
    expect(resent.status).toBe(202);
    const text = await eventually(async () => world.to(phone).find((m) => m.channel === 'sms'));
    expect(text.text).toMatch(/appointment/i);
    expect(world.to(email)).toHaveLength(emailsBefore);
  }, 120_000);

  it('work type: repair → installation takes the longer visit’s minutes, gets the installation’s 24 h reminder, and the slot cannot be overbooked', async () => {
    const { order, slotId, email } = await world.booked('AM-WORKTYPE', {
      site: siteIn('BE-WTY'),
      workType: 'repair',
      estimatedDurationMinutes: 120,
    });
    await world.amend(order, { workType: 'installation', estimatedDurationMinutes: 210 });
    expect(await world.disagreements(order.workOrderId, [slotId])).toEqual([]);
    const slot = (await world.rt.cosmos!.container('capacity').item(slotId, 'BE-WTY').read()).resource;
    expect(slot.bookings).toMatchObject([{ workOrderId: order.workOrderId, minutes: 240 }]);
    expect(world.answers(order).map((a) => a['kind'])).not.toContain('unscheduled');

    // Another customer in the region no longer sees the now-full window.
    const other = await world.create('AM-WORKTYPE-2', { site: siteIn('BE-WTY') });
    const otherLink = await world.linkFor(`${other.externalId.toLowerCase()}@example.org`);
    expect(await world.offeredSlots(otherLink)).not.toContain(slotId);

    // The installation's reminders: 24 h before 12:00 Wednesday (Brussels) is 11:00 UTC Tuesday.
    const start = new Date(String(slot.windowStart));
    const dayBefore = new Date(start.getTime() - 24 * 3_600_000);
    await world.clock.advanceTo(new Date(dayBefore.getTime() + 30 * 60_000));
    const reminder = await eventually(async () =>
      world.to(email).find((m) => /remind/i.test(m.subject ?? '') && m.at === dayBefore.toISOString()),
    );
    expect(reminder).toBeDefined();
  }, 180_000);
});
