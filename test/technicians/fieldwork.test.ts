import { describe, expect, it } from 'vitest';
import {
  decideStatusUpdate,
  followUpIdFor,
  followUpWorkOrder,
  foreignPhotoPaths,
} from '../../shared/fieldwork';
import type { StatusUpdate } from '../../shared/fieldwork';
import {
  encodePrincipal,
  parsePrincipalHeader,
  canActAsTechnician,
  canViewTechnician,
} from '../../shared/identity';
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

describe('client principal', () => {
  it('reads the object id and Fieldline roles from the documented claims format', () => {
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
    expect(identity).toEqual({ ok: true, value: { userId: 'tech-1', roles: ['technician', 'agent'] } });
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
      now,
      undefined,
    );
    expect(decision.kind).toBe('apply');
    if (decision.kind !== 'apply') return;
    expect(decision.workOrder.state.status).toBe('EnRoute');
    expect(decision.journey).toEqual({
      event: 'technicianEnRoute',
      payload: { technicianId: 'tech-1', eta: '2026-01-06T10:00:00Z' },
    });
    expect(decision.workOrder.fieldUpdates).toMatchObject({
      lastUpdateId: 'u-1',
      recentUpdateIds: ['u-1'],
      visits: 0,
    });
  });

  it('changes nothing when the same update is replayed', () => {
    const first = decideStatusUpdate(
      dispatched(),
      enRoute('u-1', '2026-01-06T09:00:00Z'),
      'tech-1',
      now,
      undefined,
    );
    if (first.kind !== 'apply') throw new Error('expected apply');
    const replay = decideStatusUpdate(
      first.workOrder,
      enRoute('u-1', '2026-01-06T09:00:00Z'),
      'tech-1',
      now,
      undefined,
    );
    expect(replay).toMatchObject({ kind: 'duplicate', redo: { journey: { event: 'technicianEnRoute' } } });
  });

  it('does not let an older update overwrite newer state', () => {
    const onSite = decideStatusUpdate(
      dispatched(),
      { updateId: 'u-2', clientTimestamp: '2026-01-06T09:40:00Z', status: 'onSite' },
      'tech-1',
      now,
      undefined,
    );
    if (onSite.kind !== 'apply') throw new Error('expected apply');
    expect(onSite.workOrder.state.status).toBe('OnSite');
    const late = decideStatusUpdate(
      onSite.workOrder,
      enRoute('u-1', '2026-01-06T09:00:00Z'),
      'tech-1',
      now,
      undefined,
    );
    expect(late).toEqual({ kind: 'stale', lastClientTimestamp: '2026-01-06T09:40:00Z' });
  });

  it('refuses someone else’s work order and illegal transitions', () => {
    expect(decideStatusUpdate(dispatched(), enRoute('u-1', now), 'tech-2', now, undefined).kind).toBe(
      'notAssigned',
    );
    const completed = aWorkOrder({
      state: { status: 'Completed', appointmentId: 'AP-1', technicianId: 'tech-1' },
    });
    expect(decideStatusUpdate(completed, enRoute('u-1', now), 'tech-1', now, undefined)).toMatchObject({
      kind: 'refused',
    });
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
      now,
      undefined,
    );
    expect(decision).toMatchObject({
      kind: 'apply',
      reportId: 'VR-u-9',
      journey: {
        event: 'visitCompleted',
        payload: { reportId: 'VR-u-9', completedAt: '2026-01-06T11:00:00Z' },
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
      now,
      'WO-X.F1',
    );
    expect(partly).toMatchObject({
      createsFollowUp: true,
      journey: { payload: { followUpWorkOrderId: 'WO-X.F1' } },
    });
    const absent = decideStatusUpdate(
      onSite,
      { updateId: 'u-4', clientTimestamp: now, status: 'incomplete', reason: 'customerAbsent' },
      'tech-1',
      now,
      'WO-X.F1',
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

  it('refuses report photos that are not under the work order’s upload prefix', () => {
    const update: StatusUpdate = {
      updateId: 'u-5',
      clientTimestamp: now,
      status: 'completed',
      report: {
        checklist: [],
        measurements: [],
        photos: [{ reference: 'WO-1/a.jpg' }, { reference: 'WO-2/b.jpg' }],
        signature: { reference: 'elsewhere.png', signedAt: now },
      },
    };
    expect(foreignPhotoPaths(update, 'WO-1')).toEqual([
      'report.photos.1.reference',
      'report.signature.reference',
    ]);
  });
});
