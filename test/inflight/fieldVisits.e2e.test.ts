import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signedInAs } from '../support/runtime';
import { eventually } from '../support/outboundQueue';
import { InflightWorld, siteIn } from './support/inflightWorld';

/*
 * Technicians in the field while the rest of the system moves on: no-shows, follow-up visits,
 * photos, phones with wrong clocks and offline queues, "on the way" at night.
 */
describe('field visits keep booking, journey and utility in step', () => {
  const world = new InflightWorld();
  const tech = InflightWorld.technician;
  const jpeg = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01]);
  const now = () => new Date(world.clock.now()).toISOString();
  const later = (ms: number) => new Date(world.clock.now() + ms).toISOString();
  const hour = 3_600_000;
  const report = { checklist: [{ item: 'meter replaced', done: true }], measurements: [] };

  beforeAll(async () => {
    await world.start([
      tech('T-NS', 'BE-NSH'),
      tech('T-FU', 'BE-FUP'),
      tech('T-PH', 'BE-PHO'),
      tech('T-CK', 'BE-CLK'),
      tech('T-QH', 'BE-QHR'),
    ]);
  }, 90_000);
  afterAll(async () => {
    await world.stop();
  });

  const technicianOf = async (workOrderId: string): Promise<string> =>
    eventually(async () => {
      const state = (await world.workOrder(workOrderId))['state'] as {
        status: string;
        technicianId?: string;
      };
      return state.status === 'Dispatched' ? state.technicianId : undefined;
    });

  it('photos: a report may reference only photos that exist, are this work order’s, non-empty images; upload URLs create only', async () => {
    const { order } = await world.booked('FV-PHOTO', { site: siteIn('BE-PHO') });
    const technicianId = await technicianOf(order.workOrderId);
    const asTechnician = {
      ...signedInAs({ userId: technicianId, roles: ['technician'] }),
      'content-type': 'application/json',
    };
    const upload = async (body?: Buffer) => {
      const ticket = await world.rt.fetch(`/api/technician/work-orders/${order.workOrderId}/photo-uploads`, {
        method: 'POST',
        headers: asTechnician,
        body: JSON.stringify({ contentType: 'image/jpeg' }),
      });
      const issued = (await ticket.json()) as {
        reference: string;
        uploadUrl: string;
        headers: Record<string, string>;
      };
      expect(new URL(issued.uploadUrl).searchParams.get('sp')).toBe('c');
      if (body !== undefined) {
        const put = await fetch(issued.uploadUrl, { method: 'PUT', headers: issued.headers, body });
        expect(put.status).toBe(201);
      }
      return issued;
    };
    const good = await upload(jpeg);
    const empty = await upload(Buffer.alloc(0));
    const html = await upload(Buffer.from('<!doctype html><script>alert(1)</script>'));
    const missing = await upload();
    // Create only: the same URL cannot replace the stored photo.
    const overwrite = await fetch(good.uploadUrl, {
      method: 'PUT',
      headers: good.headers,
      body: html.reference,
    });
    expect(overwrite.status).toBe(403);

    const complete = (updateId: string, references: string[]) =>
      world.technicianSays(technicianId, order.workOrderId, {
        updateId,
        clientTimestamp: now(),
        status: 'completed',
        report: { ...report, photos: references.map((reference) => ({ reference })) },
      });
    const traversing = `${order.workOrderId}/../${order.workOrderId}/${good.reference.split('/')[1]}`;
    const refused = await complete('ph-1', [
      good.reference,
      missing.reference,
      traversing,
      empty.reference,
      html.reference,
    ]);
    expect(refused.status).toBe(400);
    expect((refused.body as { errors: { path: string }[] }).errors.map((e) => e.path)).toEqual([
      'report.photos.2.reference',
    ]);
    const checked = await complete('ph-2', [
      good.reference,
      missing.reference,
      empty.reference,
      html.reference,
    ]);
    expect(checked.status).toBe(400);
    expect((checked.body as { errors: unknown[] }).errors).toEqual([
      { path: 'report.photos.1.reference', message: 'was never uploaded' },
      { path: 'report.photos.2.reference', message: 'is an empty file' },
      { path: 'report.photos.3.reference', message: 'is not a JPEG, PNG or HEIC image' },
    ]);
    expect(world.answers(order).map((a) => a['kind'])).not.toContain('completed');
    const accepted = await complete('ph-3', [good.reference]);
    expect(accepted).toMatchObject({ status: 200, body: { outcome: 'applied', status: 'Completed' } });
    expect(await world.answer(order, 'completed')).toMatchObject({
      report: { photos: [{ reference: good.reference }] },
    });
  }, 120_000);

  it('device clocks ±2 h: times come from receipt, a fast phone cannot stall the visit, replays are answered', async () => {
    const { order } = await world.booked('FV-CLOCK', { site: siteIn('BE-CLK') });
    const technicianId = await technicianOf(order.workOrderId);
    const say = (body: Record<string, unknown>) =>
      world.technicianSays(technicianId, order.workOrderId, body);
    // Phone A is two hours fast.
    const fastEnRoute = {
      updateId: 'ck-1',
      clientTimestamp: later(2 * hour),
      status: 'enRoute',
      eta: later(2.5 * hour),
    };
    expect((await say(fastEnRoute)).body).toMatchObject({ outcome: 'applied', status: 'EnRoute' });
    // Phone B has the right time: its later updates are not "stale".
    expect((await say({ updateId: 'ck-2', clientTimestamp: now(), status: 'onSite' })).body).toMatchObject({
      outcome: 'applied',
      status: 'OnSite',
    });
    // Phone A, two hours slow by now in the other direction of doubt: a completion claimed long before receipt.
    const completion = {
      updateId: 'ck-3',
      clientTimestamp: later(-2 * hour),
      status: 'completed',
      report: { ...report, photos: [] },
    };
    expect((await say(completion)).body).toMatchObject({ outcome: 'applied', status: 'Completed' });
    const completed = await world.answer(order, 'completed');
    expect(completed['completedAt']).toBe(now());

    // The offline queue replays after the order closed; phone B sends the status it already has.
    await eventually(async () =>
      ((await world.workOrder(order.workOrderId))['state'] as { status: string }).status === 'Closed'
        ? true
        : undefined,
    );
    expect(await say(completion)).toMatchObject({ status: 200, body: { outcome: 'alreadyApplied' } });
    expect(await say(fastEnRoute)).toMatchObject({ status: 200, body: { outcome: 'alreadyApplied' } });
    expect(await say({ ...completion, updateId: 'ck-3-other-device' })).toMatchObject({
      status: 200,
      body: { outcome: 'alreadyApplied' },
    });
    expect(await say({ updateId: 'ck-4', clientTimestamp: now(), status: 'onSite' })).toMatchObject({
      status: 200,
      body: { outcome: 'stale' },
    });
    expect(world.answers(order).filter((a) => a['kind'] === 'completed')).toHaveLength(1);

    // A work order cancelled while the phone was offline: a clear 409, not "not yours".
    const { order: gone } = await world.booked('FV-CLOCK-CANCEL', { site: siteIn('BE-CLK') });
    const goneTechnician = await technicianOf(gone.workOrderId);
    await world.cancel(gone);
    await world.answer(gone, 'cancelled');
    const late = await world.technicianSays(goneTechnician, gone.workOrderId, {
      updateId: 'ck-9',
      clientTimestamp: now(),
      status: 'enRoute',
      eta: later(hour),
    });
    expect(late.status).toBe(409);
    expect(JSON.stringify(late.body)).toMatch(/cancelled/);
  }, 120_000);

  it('follow-up: a partly done visit gets its own journey with the original customer, is booked, the utility told; a cancel of the original ends it', async () => {
    const { order, email } = await world.booked('FV-FOLLOWUP', { site: siteIn('BE-FUP') });
    const technicianId = await technicianOf(order.workOrderId);
    // Counted before the report, once the booking's confirmation is in (it may land after the
    // utility's answer): the follow-up's invitation can land before the utility's next answer.
    await eventually(async () =>
      world.to(email).some((m) => m.subject === 'Your appointment is confirmed') ? true : undefined,
    );
    const before = world.to(email).length;
    const partly = await world.technicianSays(technicianId, order.workOrderId, {
      updateId: 'fu-1',
      clientTimestamp: now(),
      status: 'incomplete',
      reason: 'partlyDone',
      note: 'Second meter behind a locked door',
    });
    const followUpId = `${order.workOrderId}.F1`;
    expect(partly.body).toMatchObject({ outcome: 'applied', followUpWorkOrderId: followUpId });
    expect(await world.answer(order, 'incomplete')).toMatchObject({
      reason: 'partlyDone',
      note: 'Second meter behind a locked door',
    });
    const link = await world.linkFor(email, before + 1);
    const invitation = world.to(email).at(-1);
    expect(invitation?.subject).toBe('Book your appointment');
    const slotId = await world.book(link);
    expect(await world.answer(order, 'scheduled', followUpId)).toMatchObject({
      workOrderId: followUpId,
      followUpOf: order.workOrderId,
      externalId: order.externalId,
    });
    expect(await world.disagreements(followUpId, [slotId])).toEqual([]);

    await world.cancel(order);
    expect(await world.answer(order, 'cancelled')).toMatchObject({ cancelledBy: 'utility' });
    await eventually(async () =>
      ((await world.workOrder(followUpId))['state'] as { status: string }).status === 'Cancelled'
        ? true
        : undefined,
    );
    expect(await world.disagreements(followUpId, [slotId])).toEqual([]);
  }, 120_000);

  it('no-show inside the open window: place and appointment released, the link offers new times at once, the rebooking is scheduled', async () => {
    const { order, slotId, email, link } = await world.booked('FV-NOSHOW', { site: siteIn('BE-NSH') });
    const technicianId = await technicianOf(order.workOrderId);
    const slot = (await world.rt.cosmos!.container('capacity').item(slotId, 'BE-NSH').read()).resource;
    await world.clock.advanceTo(new Date(Date.parse(slot.windowStart) + hour));
    const missed = await world.technicianSays(technicianId, order.workOrderId, {
      updateId: 'ns-1',
      clientTimestamp: now(),
      status: 'incomplete',
      reason: 'customerAbsent',
      note: 'Rang twice, left a card',
    });
    expect(missed.body).toMatchObject({ outcome: 'applied', status: 'Incomplete' });
    expect(await world.answer(order, 'incomplete')).toMatchObject({
      reason: 'customerAbsent',
      rebooking: true,
      note: 'Rang twice, left a card',
    });
    await eventually(async () => world.to(email).find((m) => /missed/i.test(m.subject ?? '')));
    expect(await world.disagreements(order.workOrderId, [slotId])).toEqual([]);

    // The window is still open, yet the old link offers new times, not the missed visit.
    const offered = await world.offeredSlots(link);
    expect(offered.length).toBeGreaterThan(0);
    expect(offered).not.toContain(slotId);
    const rebooked = await world.book(link);
    await eventually(async () =>
      world.answers(order).filter((a) => a['kind'] === 'scheduled').length === 2 ? true : undefined,
    );
    expect(await world.disagreements(order.workOrderId, [slotId, rebooked])).toEqual([]);
  }, 120_000);

  it('"on the way" inside quiet hours is dropped when it could only arrive after the technician', async () => {
    const phone = '+32470999888';
    const order = await world.create('FV-QUIET', {
      site: siteIn('BE-QHR'),
      customer: { name: 'Nora Quiet', phone, language: 'en' },
    });
    const link = await eventually(async () =>
      world.to(phone)[0]?.links.find((url) => url.includes('/api/s/')),
    );
    await world.book(link);
    await world.answer(order, 'scheduled');
    const technicianId = await technicianOf(order.workOrderId);
    const textsBefore = world.to(phone).length;
    // 22:00 in Brussels: quiet hours until 08:00, the technician would be there at 22:30.
    await world.clock.advanceTo(new Date('2026-11-25T21:00:00.000Z'));
    const onTheWay = await world.technicianSays(technicianId, order.workOrderId, {
      updateId: 'qh-1',
      clientTimestamp: now(),
      status: 'enRoute',
      eta: later(hour / 2),
    });
    expect(onTheWay.body).toMatchObject({ outcome: 'applied', status: 'EnRoute' });
    const dropped = await eventually(async () => {
      const { resources } = await world.rt
        .cosmos!.container('timeline')
        .items.query({
          query: "SELECT * FROM c WHERE c.subjectId = @id AND c.type = 'journey.messageDropped'",
          parameters: [{ name: '@id', value: order.workOrderId }],
        })
        .fetchAll();
      return resources[0];
    });
    expect(dropped.data).toMatchObject({ purpose: 'technicianEnRoute' });
    await world.clock.advanceTo(new Date('2026-11-26T07:30:00.000Z'));
    expect(
      world
        .to(phone)
        .slice(textsBefore)
        .filter((m) => /on (the|his|her) way|en route/i.test(m.text ?? '')),
    ).toEqual([]);
  }, 120_000);
});
