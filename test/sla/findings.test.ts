import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyCaseUpdate, newCase, type CaseUpdate } from '../../shared/cases/caseChanges';
import type { CaseRecord } from '../../shared/cases/caseRecord';
import { caseSlas } from '../../shared/cases/caseSlas';
import { syncWorkOrderStatus } from '../../shared/cases/workOrderLinks';
import { nextDeadlineOf, slaAt } from '../../shared/sla/slaClock';
import type { SlaLogEntry } from '../../shared/sla/slaLog';
import { slaPoliciesFromSetting, standardSlaPolicies as policies } from '../../shared/sla/slaPolicy';
import { visitEndEvent, workOrderSlas } from '../../shared/sla/workOrderSla';
import type { TimelineEvent } from '../../shared/timeline/timelineEvent';
import { aWorkOrder } from '../journey/support/fixtures';

const agent = { kind: 'agent' as const, id: 'agent-1' };
const step = (record: CaseRecord, update: CaseUpdate, at: string): CaseRecord => {
  const result = applyCaseUpdate(record, update, agent, at);
  if (!result.ok) throw new Error(result.error);
  return result.value.record;
};
const event = (type: string, occurredAt: string, data?: TimelineEvent['data']): TimelineEvent => ({
  id: `EV-${type}-${occurredAt}`,
  docType: 'event',
  subjectId: 'WO-1',
  subjectType: 'workOrder',
  type,
  occurredAt,
  actor: { kind: 'system' },
  summary: type,
  ...(data === undefined ? {} : { data }),
});

describe('finding 2: work-order clocks stop where the work ends', () => {
  const emergency = aWorkOrder({ id: 'WO-1', priority: 'emergency', receivedAt: '2026-01-05T08:00:00Z' });

  it('an emergency job completed in 2 h meets its SLA, also two days later', () => {
    const completion = visitEndEvent(
      emergency,
      {
        updateId: 'u-1',
        clientTimestamp: '2026-01-05T10:00:00Z',
        status: 'completed',
        report: { checklist: [], measurements: [], photos: [] },
      },
      { kind: 'technician', id: 'tech-1' },
      new Date('2026-01-05T10:00:05Z'),
    );
    const events = [event('workOrder.dispatch', '2026-01-05T08:30:00Z'), completion!];
    const later = workOrderSlas(emergency, events, policies, new Date('2026-01-07T10:00:00Z'));
    expect(later.timeToComplete).toMatchObject({ state: 'met', elapsedMinutes: 120 });
    expect(later.timeToComplete.nextDeadline).toBeUndefined();
  });

  it('a utility cancel (intake’s event) cancels the clock rather than failing it', () => {
    const slas = workOrderSlas(
      emergency,
      [event('workOrder.cancelled', '2026-01-05T09:00:00Z')],
      policies,
      new Date('2026-01-08T00:00:00Z'),
    );
    expect(slas.timeToComplete.state).toBe('cancelled');
    expect(slas.timeToDispatch.state).toBe('cancelled');
  });

  it('"booked" and "dispatched" at one instant leave time to dispatch met, in either order', () => {
    const normal = aWorkOrder({ id: 'WO-1', receivedAt: '2026-01-05T08:00:00Z' });
    const at = '2026-01-05T09:00:00Z';
    const book = event('workOrder.book', at);
    const dispatch = event('workOrder.dispatch', at);
    for (const events of [
      [book, dispatch],
      [dispatch, book],
    ])
      expect(
        workOrderSlas(normal, events, policies, new Date('2026-01-20T00:00:00Z')).timeToDispatch,
      ).toMatchObject({ state: 'met', elapsedMinutes: 60 });
  });

  it('closed unreachable is a miss; closed after a partly-done visit hands the job to its follow-up', () => {
    const normal = aWorkOrder({ id: 'WO-1', receivedAt: '2026-01-05T08:00:00Z' });
    const now = new Date('2026-01-06T00:00:00Z');
    expect(
      workOrderSlas(normal, [event('workOrder.close', '2026-01-05T20:00:00Z')], policies, now).timeToComplete,
    ).toMatchObject({ state: 'failed', failedAt: '2026-01-05T20:00:00.000Z' });
    const partly = [
      event('workOrder.markIncomplete', '2026-01-05T12:00:00Z', { reason: 'partlyDone' }),
      event('workOrder.close', '2026-01-05T12:01:00Z'),
    ];
    expect(workOrderSlas(normal, partly, policies, now).timeToComplete.state).toBe('cancelled');
  });

  const kinds = ['pause', 'resume', 'stop', 'reopen', 'cancel', 'abandon', 'priority'] as const;
  const entry = fc.record({
    kind: fc.constantFrom(...kinds),
    minute: fc.integer({ min: 0, max: 600 }),
  });
  const asEntry = ({ kind, minute }: { kind: (typeof kinds)[number]; minute: number }): SlaLogEntry => {
    const at = new Date(Date.parse('2026-01-05T08:00:00Z') + minute * 60_000).toISOString();
    return kind === 'priority' ? { kind, at, priority: 'High' } : { kind, at };
  };

  it('is a pure function of the set of entries: reordered, duplicated, same-timestamp logs agree', () => {
    const terms = { targetMinutes: (p: string) => (p === 'High' ? 120 : 300), warningFraction: 0.75 };
    fc.assert(
      fc.property(fc.array(entry, { maxLength: 12 }), fc.integer(), (raw, seed) => {
        const log: SlaLogEntry[] = [
          { kind: 'start', at: '2026-01-05T08:00:00Z', priority: 'Normal' },
          ...raw.map(asEntry),
        ];
        const shuffled = [...log, ...log.slice(0, Math.abs(seed) % (log.length + 1))].sort(
          (a, b) =>
            ((JSON.stringify(a).length * (seed | 1)) % 7) - ((JSON.stringify(b).length * (seed | 1)) % 7),
        );
        const now = new Date('2026-01-05T20:00:00Z');
        expect(slaAt(shuffled, terms, now)).toEqual(slaAt(log, terms, now));
      }),
    );
  });

  it('names the next deadline only while a clock runs, and moves it when the clock pauses', () => {
    const terms = { targetMinutes: () => 100, warningFraction: 0.75 };
    const start: SlaLogEntry = { kind: 'start', at: '2026-01-05T08:00:00Z', priority: 'Normal' };
    const running = slaAt([start], terms, new Date('2026-01-05T08:10:00Z'));
    expect(running.nextDeadline).toEqual({ level: 'warning', at: '2026-01-05T09:15:00.000Z' });
    const afterWarning = slaAt([start], terms, new Date('2026-01-05T09:20:00Z'));
    expect(afterWarning.nextDeadline).toEqual({ level: 'breached', at: '2026-01-05T09:40:00.000Z' });
    const paused = [start, { kind: 'pause', at: '2026-01-05T08:30:00Z' } as const];
    expect(slaAt(paused, terms, new Date('2026-01-05T09:00:00Z')).nextDeadline).toBeUndefined();
    const resumed = [...paused, { kind: 'resume', at: '2026-01-05T10:30:00Z' } as const];
    const moved = slaAt(resumed, terms, new Date('2026-01-05T10:31:00Z'));
    expect(moved.nextDeadline).toEqual({ level: 'warning', at: '2026-01-05T11:15:00.000Z' });
    expect(nextDeadlineOf([running, moved])).toEqual({ level: 'warning', at: '2026-01-05T09:15:00.000Z' });
  });
});

describe('finding 3: business calendars are configuration', () => {
  const fridayCase = (priority: 'Normal' | 'Critical') =>
    // Friday 26 March 2027, 16:30 in Brussels (CET, 15:30Z); Easter Monday is 29 March.
    newCase(
      'CASE-000001',
      { title: 'No power', type: 'Problem', priority, origin: 'Phone' },
      '2027-03-26T15:30:00Z',
    );

  it('Friday 16:30 + 4 business hours over Easter Monday breaches on Tuesday 10:30', () => {
    // Friday 16:30–18:00 is 1.5 h; the weekend and Easter Monday are off; Tuesday 08:00 + 2.5 h.
    // (CEST from 28 March: 10:30 Brussels is 08:30Z.)
    const slas = caseSlas(fridayCase('Critical'), policies, new Date('2027-03-30T12:00:00Z'));
    expect(slas.resolution).toMatchObject({ state: 'failed', failedAt: '2027-03-30T08:30:00.000Z' });
  });

  it('takes hours, holidays, time zone and targets per policy from the SlaPolicies setting', () => {
    const setting = JSON.stringify({
      calendars: {
        lateDesk: {
          timeZone: 'Europe/Berlin',
          hours: {
            mon: [{ start: '10:00', end: '20:00' }],
            tue: [{ start: '10:00', end: '20:00' }],
            wed: [],
            thu: [],
            fri: [{ start: '10:00', end: '20:00' }],
            sat: [],
            sun: [],
          },
          holidays: { country: 'DE', region: 'BY', dates: ['2027-03-30'] },
        },
      },
      resolution: { calendar: 'lateDesk', targetMinutes: { Critical: 360 } },
    });
    const configured = slaPoliciesFromSetting(setting);
    if (!configured.ok) throw new Error(configured.error);
    // In Bavaria that Friday is Good Friday and the Monday Easter Monday, both public holidays;
    // Tuesday is a listed closing day, Wednesday and Thursday are off: the 6 h run Friday
    // 2 April 10:00–16:00 Berlin time (CEST), 14:00Z.
    const slas = caseSlas(fridayCase('Critical'), configured.value, new Date('2027-04-06T00:00:00Z'));
    expect(slas.resolution).toMatchObject({ state: 'failed', failedAt: '2027-04-02T14:00:00.000Z' });
    expect(slaPoliciesFromSetting('{"resolution":{"calendar":"nowhere"}}')).toEqual({
      ok: false,
      error: 'SlaPolicies.resolution.calendar: no calendar named nowhere',
    });
    const unknownRegion = slaPoliciesFromSetting(
      JSON.stringify({
        calendars: {
          x: {
            timeZone: 'Europe/Brussels',
            hours: { mon: [], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [] },
            holidays: { country: 'BE', region: 'XX' },
          },
        },
      }),
    );
    expect(unknownRegion.ok).toBe(false);
  });
});

describe('finding 4: only contact with the customer is a first response', () => {
  it('an internal note does not stop the first-response clock; a call does', () => {
    let record = newCase(
      'CASE-000002',
      { title: 'Meter', type: 'Problem', priority: 'Normal', origin: 'Phone' },
      '2026-01-05T08:00:00Z',
    );
    record = step(record, { note: 'Looked at the meter history' }, '2026-01-05T08:30:00Z');
    record = step(record, { command: { type: 'startWork' } }, '2026-01-05T08:40:00Z');
    expect(caseSlas(record, policies, new Date('2026-01-05T11:00:00Z')).firstResponse).toMatchObject({
      state: 'warning',
      elapsedMinutes: 180,
    });
    record = step(
      record,
      { contact: { channel: 'phone', summary: 'Called the customer' } },
      '2026-01-05T11:00:00Z',
    );
    expect(caseSlas(record, policies, new Date('2026-01-06T11:00:00Z')).firstResponse).toMatchObject({
      state: 'met',
      elapsedMinutes: 180,
    });
  });
});

describe('finding 5: a reopened case starts a new resolution cycle', () => {
  const sync = { cascade: true, policy: 'allWorkOrders' as const };
  const completed = { status: 'Completed' as const, appointmentId: 'AP-1', technicianId: 'tech-1' };

  it('stays open when the old work order closes, and when a new visit is cancelled', () => {
    let record = newCase(
      'CASE-000003',
      { title: 'Leak', type: 'Problem', priority: 'Normal', origin: 'Phone' },
      '2026-01-05T08:00:00Z',
    );
    record = syncWorkOrderStatus(record, 'WO-1', completed, sync, '2026-01-06T10:00:00Z').record;
    expect(record.state).toEqual({ status: 'Resolved', reason: 'ProblemSolved' });
    // The customer calls back: still leaking.
    record = step(record, { command: { type: 'reactivate' } }, '2026-01-07T09:00:00Z');
    expect(record.cycle).toBe(2);
    // The journey closes the old, completed work order.
    record = syncWorkOrderStatus(
      record,
      'WO-1',
      { status: 'Closed', outcome: 'completed' },
      sync,
      '2026-01-07T09:05:00Z',
    ).record;
    expect(record.state).toEqual({ status: 'Active', reason: 'InProgress' });
    // A new visit is sent, and the customer cancels it.
    record = syncWorkOrderStatus(record, 'WO-2', { status: 'Received' }, sync, '2026-01-07T10:00:00Z').record;
    record = syncWorkOrderStatus(
      record,
      'WO-2',
      { status: 'Cancelled', by: 'customer' },
      sync,
      '2026-01-08T10:00:00Z',
    ).record;
    expect(record.state.status).toBe('Active');
    // The next visit completes: that ends the new cycle.
    record = syncWorkOrderStatus(record, 'WO-3', completed, sync, '2026-01-09T10:00:00Z').record;
    expect(record.state).toEqual({ status: 'Resolved', reason: 'ProblemSolved' });
    expect(record.resolvedAt).toBe('2026-01-09T10:00:00Z');
  });
});
