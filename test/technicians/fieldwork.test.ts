import { describe, expect, it } from 'vitest';
import {
  acceptedTimeOf,
  decideStatusUpdate,
  evidenceProblems,
  followUpIdFor,
  followUpWorkOrder,
  imageFormatOf,
  misnamedEvidence,
  type StatusUpdateContext,
} from '../../shared/fieldwork';
import type { StatusUpdate } from '../../shared/fieldwork';
import {
  encodePrincipal,
  parsePrincipalHeader,
  canActAsTechnician,
  canViewTechnician,
} from '../../shared/identity';
import { timelyChannel } from '../../shared/journey/timelyChannel';
import type { WorkOrder } from '../../shared/workorders/workOrder';
import { aWorkOrder } from '../journey/support/fixtures';

const dispatched = (changes: Partial<WorkOrder> = {}): WorkOrder =>
  aWorkOrder({ state: { status: 'Dispatched', appointmentId: 'AP-1', technicianId: 'tech-1' }, ...changes });

const enRoute = (updateId: string, at: string): StatusUpdate => ({
  updateId,
  clientTimestamp: at,
  status: 'enRoute',
  eta: '2026-01-06T10:00:00Z',
});

const now = '2026-01-06T09:30:00Z';
const minute = 60_000;
const ctx = (followUpId?: string, receivedAt = now): StatusUpdateContext => ({
  receivedAt,
  clockSkewMs: 10 * minute,
  followUpId,
});

describe('client principal', () => {
  it('reads the object id, and Fieldline roles only from `roles` claims, whatever role_typ says', () => {
    const header = Buffer.from(
      JSON.stringify({
        auth_typ: 'aad',
        name_typ: 'name',
        role_typ: 'http://schemas.microsoft.com/ws/2008/06/identity/claims/role',
        claims: [
          { typ: 'http://schemas.microsoft.com/identity/claims/objectidentifier', val: 'tech-1' },
          { typ: 'roles', val: 'technician' },
          { typ: 'http://schemas.microsoft.com/ws/2008/06/identity/claims/role', val: 'agent' },
          { typ: 'roles', val: 'Global Admin' },
        ],
      }),
    ).toString('base64');
    const identity = parsePrincipalHeader(header);
    expect(identity).toEqual({ ok: true, value: { userId: 'tech-1', roles: ['technician'] } });
  });

  it('refuses missing, non-base64-JSON and id-less principals', () => {
    expect(parsePrincipalHeader(undefined).ok).toBe(false);
    expect(parsePrincipalHeader('not json').ok).toBe(false);
    const noId = Buffer.from(
      JSON.stringify({ auth_typ: 'aad', claims: [{ typ: 'roles', val: 'ops' }] }),
    ).toString('base64');
    expect(parsePrincipalHeader(noId).ok).toBe(false);
  });

  it('round-trips through the encoder the tests use', () => {
    expect(parsePrincipalHeader(encodePrincipal({ userId: 'u1', roles: ['dispatcher'] }))).toEqual({
      ok: true,
      value: { userId: 'u1', roles: ['dispatcher'] },
    });
  });

  it('lets technicians act only as themselves; dispatchers only view', () => {
    const tech = { userId: 'tech-1', roles: ['technician'] as const };
    expect(canActAsTechnician(tech, 'tech-1')).toBe(true);
    expect(canActAsTechnician(tech, 'tech-2')).toBe(false);
    expect(canViewTechnician({ userId: 'd', roles: ['dispatcher'] }, 'tech-2')).toBe(true);
    expect(canActAsTechnician({ userId: 'tech-1', roles: ['agent'] }, 'tech-1')).toBe(false);
  });
});

describe('technician status updates', () => {
  it('applies en route through the state machine and raises TechnicianEnRoute', () => {
    const decision = decideStatusUpdate(
      dispatched(),
      enRoute('u-1', '2026-01-06T09:00:00Z'),
      'tech-1',
      ctx(),
    );
    expect(decision.kind).toBe('apply');
    if (decision.kind !== 'apply') return;
    expect(decision.workOrder.state.status).toBe('EnRoute');
    expect(decision.journey).toEqual({
      event: 'technicianEnRoute',
      // Tapped 30 min before receipt, beyond the skew: timed at receipt, the hour's travel kept.
      payload: { technicianId: 'tech-1', eta: '2026-01-06T10:30:00.000Z' },
    });
    expect(decision.workOrder.fieldUpdates).toMatchObject({
      lastUpdateId: 'u-1',
      recentUpdateIds: ['u-1'],
      visits: 0,
    });
  });

  it('changes nothing when the same update is replayed', () => {
    const first = decideStatusUpdate(dispatched(), enRoute('u-1', '2026-01-06T09:00:00Z'), 'tech-1', ctx());
    if (first.kind !== 'apply') throw new Error('expected apply');
    const replay = decideStatusUpdate(
      first.workOrder,
      enRoute('u-1', '2026-01-06T09:00:00Z'),
      'tech-1',
      ctx(),
    );
    expect(replay).toMatchObject({
      kind: 'alreadyApplied',
      redo: { journey: { event: 'technicianEnRoute' } },
    });
  });

  it('does not let an older update overwrite newer state', () => {
    const onSite = decideStatusUpdate(
      dispatched(),
      { updateId: 'u-2', clientTimestamp: '2026-01-06T09:40:00Z', status: 'onSite' },
      'tech-1',
      ctx(),
    );
    if (onSite.kind !== 'apply') throw new Error('expected apply');
    expect(onSite.workOrder.state.status).toBe('OnSite');
    const late = decideStatusUpdate(
      onSite.workOrder,
      enRoute('u-1', '2026-01-06T09:00:00Z'),
      'tech-1',
      ctx(),
    );
    expect(late).toEqual({ kind: 'stale' });
  });

  it('refuses someone else’s work order and illegal transitions', () => {
    expect(decideStatusUpdate(dispatched(), enRoute('u-1', now), 'tech-2', ctx()).kind).toBe('notAssigned');
    const completed = aWorkOrder({
      state: { status: 'Completed', appointmentId: 'AP-1', technicianId: 'tech-1' },
    });
    expect(decideStatusUpdate(completed, enRoute('u-1', now), 'tech-1', ctx()).kind).toBe('stale');
    const scheduled = aWorkOrder({ state: { status: 'Scheduled', appointmentId: 'AP-1' } });
    expect(decideStatusUpdate(scheduled, enRoute('u-1', now), 'tech-1', ctx()).kind).toBe('notAssigned');
    const incomplete = aWorkOrder({
      state: { status: 'Incomplete', appointmentId: 'AP-1', technicianId: 'tech-1', reason: 'other' },
    });
    const completion: StatusUpdate = {
      updateId: 'u-8',
      clientTimestamp: now,
      status: 'completed',
      report: { checklist: [], measurements: [], photos: [] },
    };
    expect(decideStatusUpdate(incomplete, completion, 'tech-1', ctx())).toMatchObject({ kind: 'refused' });
  });

  it('completes with a report id derived from the update and counts the visit', () => {
    const decision = decideStatusUpdate(
      dispatched({ state: { status: 'OnSite', appointmentId: 'AP-1', technicianId: 'tech-1' } }),
      {
        updateId: 'u-9',
        clientTimestamp: '2026-01-06T11:00:00Z',
        status: 'completed',
        report: { checklist: [], measurements: [], photos: [] },
      },
      'tech-1',
      ctx(),
    );
    expect(decision).toMatchObject({
      kind: 'apply',
      reportId: 'VR-u-9',
      journey: {
        event: 'visitCompleted',
        // Claimed 90 minutes after receipt: the phone's clock is fast, the receipt time stands.
        payload: { reportId: 'VR-u-9', completedAt: '2026-01-06T09:30:00.000Z' },
      },
      workOrder: { state: { status: 'Completed' }, fieldUpdates: { visits: 1 } },
    });
  });

  it('names a follow-up for a partly done visit only', () => {
    const onSite = dispatched({ state: { status: 'OnSite', appointmentId: 'AP-1', technicianId: 'tech-1' } });
    const partly = decideStatusUpdate(
      onSite,
      { updateId: 'u-3', clientTimestamp: now, status: 'incomplete', reason: 'partlyDone' },
      'tech-1',
      ctx('WO-X.F1'),
    );
    expect(partly).toMatchObject({
      createsFollowUp: true,
      journey: { payload: { followUpWorkOrderId: 'WO-X.F1' } },
    });
    const absent = decideStatusUpdate(
      onSite,
      { updateId: 'u-4', clientTimestamp: now, status: 'incomplete', reason: 'customerAbsent' },
      'tech-1',
      ctx('WO-X.F1'),
    );
    expect(absent).toMatchObject({
      createsFollowUp: false,
      journey: { event: 'visitIncomplete', payload: { reason: 'customerAbsent' } },
    });
    if (absent.kind === 'apply') expect(absent.journey?.payload).not.toHaveProperty('followUpWorkOrderId');
  });

  it('keeps the case link and the SLA start on a follow-up work order', () => {
    const original = dispatched({ caseIds: ['CASE-000001'] });
    const followUp = followUpWorkOrder(original, undefined, now);
    expect(followUp).toMatchObject({
      id: `${original.id}.F1`,
      followUpOf: original.id,
      caseIds: ['CASE-000001'],
      receivedAt: original.receivedAt,
      state: { status: 'Received' },
    });
    expect(followUpIdFor(`${original.id}.F1`)).toBe(`${original.id}.F2`);
    expect(followUpIdFor('W'.repeat(99))).toMatch(/^FU-[0-9a-f]{40}$/);
  });

  it('refuses report photo names it never issued: other work orders, path segments, odd names', () => {
    const good = 'WO-1/photo-0f8fad5b-d9cb-469f-a165-70867728950e.jpg';
    const update: StatusUpdate = {
      updateId: 'u-5',
      clientTimestamp: now,
      status: 'completed',
      report: {
        checklist: [],
        measurements: [],
        photos: [
          { reference: good },
          { reference: 'WO-2/photo-0f8fad5b-d9cb-469f-a165-70867728950e.jpg' },
          { reference: 'WO-1/../WO-2/photo-0f8fad5b-d9cb-469f-a165-70867728950e.jpg' },
          { reference: 'WO-1/sub/photo-0f8fad5b-d9cb-469f-a165-70867728950e.jpg' },
          { reference: 'WO-1/photo-0f8fad5b-d9cb-469f-a165-70867728950e.html' },
        ],
        signature: { reference: 'elsewhere.png', signedAt: now },
      },
    };
    expect(misnamedEvidence(update, 'WO-1').map((issue) => issue.path)).toEqual([
      'report.photos.1.reference',
      'report.photos.2.reference',
      'report.photos.3.reference',
      'report.photos.4.reference',
      'report.signature.reference',
    ]);
  });

  it('tells images by their leading bytes, and refuses missing, empty and non-image blobs', () => {
    const jpeg = Uint8Array.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46]);
    const png = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]);
    const heic = Uint8Array.from([0, 0, 0, 0x18, ...Buffer.from('ftypheic'), 0, 0, 0, 0]);
    const html = new TextEncoder().encode('<!doctype html><script>');
    expect([jpeg, png, heic, html].map(imageFormatOf)).toEqual(['jpeg', 'png', 'heic', undefined]);
    expect(imageFormatOf(Uint8Array.from([0xff, 0xd8]))).toBeUndefined();
    expect(
      evidenceProblems([
        { path: 'a', stored: { size: 2048, head: jpeg } },
        { path: 'b', stored: undefined },
        { path: 'c', stored: { size: 0, head: new Uint8Array() } },
        { path: 'd', stored: { size: 300, head: html } },
      ]),
    ).toEqual([
      { path: 'b', message: 'was never uploaded' },
      { path: 'c', message: 'is an empty file' },
      { path: 'd', message: 'is not a JPEG, PNG or HEIC image' },
    ]);
  });
});

describe('device time is a claim', () => {
  const skew = 10 * minute;
  it('believes the phone only within the skew before receipt', () => {
    expect(acceptedTimeOf('2026-01-06T09:25:00Z', now, skew)).toEqual({
      at: '2026-01-06T09:25:00.000Z',
      claimBelieved: true,
    });
    // Two hours slow (or an old offline queue nothing vouches for): the receipt time.
    expect(acceptedTimeOf('2026-01-06T07:30:00Z', now, skew)).toEqual({
      at: '2026-01-06T09:30:00.000Z',
      claimBelieved: false,
    });
    // Two hours fast: nothing happens after we receive it.
    expect(acceptedTimeOf('2026-01-06T11:30:00Z', now, skew)).toEqual({
      at: '2026-01-06T09:30:00.000Z',
      claimBelieved: false,
    });
  });

  it('orders updates by the visit’s progress, so a fast phone cannot make a correct one stale', () => {
    const fast = decideStatusUpdate(
      dispatched(),
      {
        updateId: 'fast-1',
        clientTimestamp: '2026-01-06T11:30:00Z',
        status: 'enRoute',
        eta: '2026-01-06T12:00:00Z',
      },
      'tech-1',
      ctx(),
    );
    if (fast.kind !== 'apply') throw new Error('expected apply');
    expect(fast.workOrder.fieldUpdates?.lastEventAt).toBe('2026-01-06T09:30:00.000Z');
    // The ETA keeps the phone's travel time, anchored to the receipt: 30 min after 09:30, not 11:30.
    expect(fast.journey).toMatchObject({ payload: { eta: '2026-01-06T10:00:00.000Z' } });
    const correct = decideStatusUpdate(
      fast.workOrder,
      { updateId: 'ok-2', clientTimestamp: '2026-01-06T09:50:00Z', status: 'onSite' },
      'tech-1',
      ctx(undefined, '2026-01-06T09:50:00Z'),
    );
    expect(correct).toMatchObject({ kind: 'apply', workOrder: { state: { status: 'OnSite' } } });
  });
});

describe('offline replays get a straight answer', () => {
  const onSite = dispatched({ state: { status: 'OnSite', appointmentId: 'AP-1', technicianId: 'tech-1' } });
  const completion: StatusUpdate = {
    updateId: 'c-1',
    clientTimestamp: now,
    status: 'completed',
    report: { checklist: [], measurements: [], photos: [] },
  };
  const applied = decideStatusUpdate(onSite, completion, 'tech-1', ctx());
  if (applied.kind !== 'apply') throw new Error('expected apply');
  const closed = { ...applied.workOrder, state: { status: 'Closed', outcome: 'completed' } } as const;

  it('says already applied for a replay after the order closed', () => {
    expect(decideStatusUpdate(closed, completion, 'tech-1', ctx()).kind).toBe('alreadyApplied');
  });

  it('says already applied for the same status from the technician’s other device, stale for older ones', () => {
    const other = { ...completion, updateId: 'c-other-device' };
    expect(decideStatusUpdate(applied.workOrder, other, 'tech-1', ctx()).kind).toBe('alreadyApplied');
    expect(decideStatusUpdate(closed, other, 'tech-1', ctx()).kind).toBe('alreadyApplied');
    expect(decideStatusUpdate(closed, enRoute('old-1', now), 'tech-1', ctx()).kind).toBe('stale');
    expect(decideStatusUpdate(closed, other, 'tech-2', ctx()).kind).toBe('notAssigned');
  });

  it('names the cancellation for a work order cancelled while the phone was offline', () => {
    const cancelled = dispatched({ state: { status: 'Cancelled', by: 'utility' } });
    expect(decideStatusUpdate(cancelled, enRoute('u-7', now), 'tech-1', ctx())).toEqual({
      kind: 'cancelled',
      by: 'utility',
    });
  });

  it('hands the technician’s note on with an incomplete visit', () => {
    const decision = decideStatusUpdate(
      onSite,
      {
        updateId: 'n-1',
        clientTimestamp: now,
        status: 'incomplete',
        reason: 'customerAbsent',
        note: 'nobody home',
      },
      'tech-1',
      ctx(),
    );
    expect(decision).toMatchObject({ journey: { payload: { note: 'nobody home' } } });
  });
});

describe('"on the way" only while it can arrive first', () => {
  const quiet = { start: '21:00', end: '08:00', timeZone: 'Europe/Brussels' };
  const night = new Date('2026-11-25T21:00:00Z');
  it('drops a text held by quiet hours past the arrival, falls back to email, sends by day', () => {
    const smsOnly = { sms: true, email: false };
    expect(timelyChannel(smsOnly, night, quiet, new Date('2026-11-25T21:30:00Z'))).toBeUndefined();
    expect(timelyChannel(smsOnly, night, quiet, new Date('2026-11-26T07:30:00Z'))).toBe('sms');
    expect(timelyChannel({ sms: true, email: true }, night, quiet, new Date('2026-11-25T21:30:00Z'))).toBe(
      'email',
    );
    expect(
      timelyChannel(smsOnly, new Date('2026-11-25T10:00:00Z'), quiet, new Date('2026-11-25T10:30:00Z')),
    ).toBe('sms');
  });
});
