import { describe, expect, it } from 'vitest';
import { applyCaseUpdate, newCase } from '../../shared/cases/caseChanges';
import { caseSlas } from '../../shared/cases/caseSlas';
import { linkWorkOrder, syncWorkOrderStatus } from '../../shared/cases/workOrderLinks';
import type { CaseRecord } from '../../shared/cases/caseRecord';
import { businessMillisBetween, addBusinessMillis } from '../../shared/sla/businessCalendar';
import { slaAt } from '../../shared/sla/slaClock';
import { standardSlaPolicies } from '../../shared/sla/slaPolicy';

const serviceDeskCalendar = standardSlaPolicies.resolution.calendar;
const aroundTheClock = {
  ...standardSlaPolicies,
  firstResponse: { ...standardSlaPolicies.firstResponse, calendar: undefined },
  resolution: { ...standardSlaPolicies.resolution, calendar: undefined },
};

const agent = { kind: 'agent' as const, id: 'agent-1' };
const opened = (): CaseRecord =>
  newCase(
    'CASE-000001',
    { title: 'No signal', type: 'Problem', priority: 'Normal', origin: 'Phone' },
    '2026-01-05T08:00:00Z',
  );
const step = (record: CaseRecord, update: Parameters<typeof applyCaseUpdate>[1], at: string): CaseRecord => {
  const result = applyCaseUpdate(record, update, agent, at);
  if (!result.ok) throw new Error(result.error);
  return result.value.record;
};
const workOrder = (id: string, status: 'Dispatched' | 'Completed' | 'Cancelled') =>
  status === 'Cancelled'
    ? { id, state: { status, by: 'ops' as const } }
    : { id, state: { status, appointmentId: 'AP-1', technicianId: 'tech-1' } };
const sync = { cascade: true, policy: 'allWorkOrders' as const };

describe('case changes', () => {
  it('moves status through the case state machine and refuses illegal commands', () => {
    const working = step(opened(), { command: { type: 'startWork' } }, '2026-01-05T08:10:00Z');
    expect(working.state).toEqual({ status: 'Active', reason: 'InProgress' });
    const cancelled = step(
      working,
      { command: { type: 'cancel', reason: 'Duplicate' } },
      '2026-01-05T08:20:00Z',
    );
    expect(
      applyCaseUpdate(cancelled, { command: { type: 'startWork' } }, agent, '2026-01-05T08:30:00Z').ok,
    ).toBe(false);
  });

  it('records the first response once, from a person’s contact with the customer only', () => {
    const call = { channel: 'phone' as const, summary: 'Called back' };
    const system = applyCaseUpdate(opened(), { contact: call }, { kind: 'system' }, '2026-01-05T08:05:00Z');
    expect(system.ok && system.value.record.firstRespondedAt).toBeFalsy();
    const noted = step(opened(), { note: 'Checked the meter history' }, '2026-01-05T08:08:00Z');
    const moved = step(noted, { command: { type: 'startWork' } }, '2026-01-05T08:09:00Z');
    expect(moved.firstRespondedAt).toBeUndefined();
    const answered = step(moved, { contact: call }, '2026-01-05T08:10:00Z');
    const again = step(
      answered,
      { contact: { channel: 'email', summary: 'Sent the form' } },
      '2026-01-05T09:00:00Z',
    );
    expect(again.firstRespondedAt).toBe('2026-01-05T08:10:00Z');
    expect(again.contacts.map((contact) => contact.id)).toEqual(['C1', 'C2']);
    expect(again.notes.map((note) => note.id)).toEqual(['N1']);
  });
});

describe('case ↔ work order', () => {
  it('linking puts the case In Field Service, once', () => {
    const linked = linkWorkOrder(opened(), workOrder('WO-1', 'Dispatched'), '2026-01-05T09:00:00Z');
    expect(linked.record.state).toEqual({ status: 'Active', reason: 'InFieldService' });
    expect(
      linkWorkOrder(linked.record, workOrder('WO-1', 'Dispatched'), '2026-01-05T09:05:00Z').happenings,
    ).toEqual([]);
  });

  it('resolves only when all linked work orders are finished, and repeating changes nothing', () => {
    let record = linkWorkOrder(opened(), workOrder('WO-1', 'Dispatched'), '2026-01-05T09:00:00Z').record;
    record = linkWorkOrder(record, workOrder('WO-2', 'Dispatched'), '2026-01-05T09:00:00Z').record;
    const first = syncWorkOrderStatus(
      record,
      'WO-1',
      workOrder('WO-1', 'Completed').state,
      sync,
      '2026-01-05T10:00:00Z',
    );
    expect(first.record.state.status).toBe('Active');
    const second = syncWorkOrderStatus(
      first.record,
      'WO-2',
      workOrder('WO-2', 'Cancelled').state,
      sync,
      '2026-01-05T11:00:00Z',
    );
    expect(second.record.state).toEqual({ status: 'Resolved', reason: 'ProblemSolved' });
    expect(second.record.resolvedAt).toBe('2026-01-05T11:00:00Z');
    const repeat = syncWorkOrderStatus(
      second.record,
      'WO-2',
      workOrder('WO-2', 'Cancelled').state,
      sync,
      '2026-01-05T12:00:00Z',
    );
    expect(repeat.record).toBe(second.record);
  });

  it('does not cascade when CaseClosureCascade is off; any-policy resolves on the first completion', () => {
    const record = linkWorkOrder(opened(), workOrder('WO-1', 'Dispatched'), '2026-01-05T09:00:00Z').record;
    const withTwo = linkWorkOrder(record, workOrder('WO-2', 'Dispatched'), '2026-01-05T09:00:00Z').record;
    const done = workOrder('WO-1', 'Completed').state;
    expect(
      syncWorkOrderStatus(record, 'WO-1', done, { ...sync, cascade: false }, '2026-01-05T10:00:00Z').record
        .state.status,
    ).toBe('Active');
    expect(
      syncWorkOrderStatus(
        withTwo,
        'WO-1',
        done,
        { cascade: true, policy: 'anyWorkOrder' },
        '2026-01-05T10:00:00Z',
      ).record.state.status,
    ).toBe('Resolved');
  });
});

describe('SLA clock', () => {
  const terms = { targetMinutes: () => 100, warningFraction: 0.75 };

  it('pauses, warns and fails from the log alone; failed outranks paused', () => {
    const log = [
      { kind: 'start' as const, at: '2026-01-05T08:00:00Z', priority: 'Normal' },
      { kind: 'pause' as const, at: '2026-01-05T08:30:00Z' },
      { kind: 'resume' as const, at: '2026-01-05T10:30:00Z' },
    ];
    const paused = slaAt(log.slice(0, 2), terms, new Date('2026-01-05T12:00:00Z'));
    expect(paused).toMatchObject({ state: 'paused', elapsedMinutes: 30 });
    const warning = slaAt(log, terms, new Date('2026-01-05T11:20:00Z'));
    expect(warning).toMatchObject({
      state: 'warning',
      elapsedMinutes: 80,
      failedAt: '2026-01-05T11:40:00.000Z',
      warningAt: '2026-01-05T11:15:00.000Z',
    });
    const failedThenPaused = slaAt(
      [...log, { kind: 'pause', at: '2026-01-05T12:00:00Z' }],
      terms,
      new Date('2026-01-05T13:00:00Z'),
    );
    expect(failedThenPaused).toMatchObject({
      state: 'failed',
      elapsedMinutes: 120,
      failedAt: '2026-01-05T11:40:00.000Z',
    });
  });

  it('re-targets the whole clock when the priority changes', () => {
    const byPriority = { targetMinutes: (p: string) => (p === 'High' ? 60 : 240), warningFraction: 0.75 };
    const log = [
      { kind: 'start' as const, at: '2026-01-05T08:00:00Z', priority: 'Normal' },
      { kind: 'priority' as const, at: '2026-01-05T09:30:00Z', priority: 'High' },
    ];
    expect(slaAt(log.slice(0, 1), byPriority, new Date('2026-01-05T09:40:00Z')).state).toBe('running');
    expect(slaAt(log, byPriority, new Date('2026-01-05T09:40:00Z'))).toMatchObject({
      state: 'failed',
      targetMinutes: 60,
      failedAt: '2026-01-05T09:00:00.000Z',
    });
  });

  it('counts business hours only (Brussels office hours, weekends off)', () => {
    // Friday 2026-01-09 17:00 Brussels (16:00Z) to Monday 09:00 Brussels (08:00Z): one hour Friday, one Monday.
    expect(
      businessMillisBetween(
        serviceDeskCalendar,
        Date.parse('2026-01-09T16:00:00Z'),
        Date.parse('2026-01-12T08:00:00Z'),
      ),
    ).toBe(2 * 3_600_000);
    expect(
      new Date(
        addBusinessMillis(serviceDeskCalendar, Date.parse('2026-01-09T16:00:00Z'), 2 * 3_600_000),
      ).toISOString(),
    ).toBe('2026-01-12T08:00:00.000Z');
    // The Monday after the spring DST change: 08:00–18:00 Brussels is 06:00–16:00Z, still ten hours.
    expect(
      businessMillisBetween(
        serviceDeskCalendar,
        Date.parse('2026-03-30T00:00:00Z'),
        Date.parse('2026-03-31T00:00:00Z'),
      ),
    ).toBe(10 * 3_600_000);
  });

  it('derives case SLAs from the case history, paused while waiting for the customer', () => {
    let record = newCase(
      'CASE-000002',
      { title: 't', type: 'Problem', priority: 'Critical', origin: 'Phone' },
      '2026-01-05T08:00:00Z',
    );
    record = step(
      record,
      {
        command: { type: 'awaitCustomer' },
        contact: { channel: 'phone', summary: 'Asked for the meter reading' },
      },
      '2026-01-05T08:20:00Z',
    );
    const slas = caseSlas(record, aroundTheClock, new Date('2026-01-05T20:00:00Z'));
    expect(slas.firstResponse).toMatchObject({ state: 'met', elapsedMinutes: 20 });
    expect(slas.resolution).toMatchObject({ state: 'paused', elapsedMinutes: 20, targetMinutes: 240 });
    const back = step(record, { command: { type: 'startWork' } }, '2026-01-06T08:00:00Z');
    expect(caseSlas(back, aroundTheClock, new Date('2026-01-06T12:00:00Z')).resolution).toMatchObject({
      state: 'failed',
      elapsedMinutes: 260,
    });
  });
});
