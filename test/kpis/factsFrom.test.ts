import { describe, expect, it } from 'vitest';
import type { CaseRecord } from '../../shared/cases/caseRecord';
import { caseWithState, newCase } from '../../shared/cases/caseChanges';
import { caseChangeFacts, journeyCommandFacts, surveyFacts, visitFacts } from '../../shared/kpis';
import type { TimelineEvent } from '../../shared/timeline/timelineEvent';
import { standardSlaPolicies as policies } from '../../shared/sla/slaPolicy';
import { aWorkOrder } from '../journey/support/fixtures';

/** Monday 10:00 in Brussels. */
const opened = '2026-01-05T09:00:00.000Z';
const aCase = (priority: 'Critical' | 'Normal' = 'Normal'): CaseRecord =>
  newCase('CASE-000001', { title: 'Call', type: 'Inquiry', priority, origin: 'Phone' }, opened);
const resolvedAt = (record: CaseRecord, at: string) =>
  caseWithState(record, { status: 'Resolved', reason: 'ProblemSolved' }, at);

describe('KPI facts from case changes', () => {
  it('counts the change into Resolved only, first call when no work order was linked', () => {
    const before = aCase();
    const after = resolvedAt(before, '2026-01-05T09:30:00.000Z');
    expect(caseChangeFacts(before, after, policies)).toEqual([
      {
        kind: 'caseResolved',
        caseId: 'CASE-000001',
        at: '2026-01-05T09:30:00.000Z',
        firstCall: true,
        slaMet: true,
      },
    ]);
    expect(caseChangeFacts(after, { ...after, title: 'Renamed' }, policies)).toEqual([]);
    const linked = {
      ...before,
      workOrders: [
        { workOrderId: 'WO-1', state: { status: 'Received' as const }, updatedAt: opened, cycle: 1 },
      ],
    };
    expect(
      caseChangeFacts(linked, resolvedAt(linked, '2026-01-05T09:30:00.000Z'), policies)[0],
    ).toMatchObject({
      firstCall: false,
    });
  });

  it('marks the SLA missed when the resolution clock passed its target in business time', () => {
    // Critical: 240 business minutes. 10:00 → 15:00 Brussels is 300; the target passed at 14:00.
    const before = aCase('Critical');
    expect(caseChangeFacts(before, resolvedAt(before, '2026-01-05T14:00:00.000Z'), policies)).toEqual([
      expect.objectContaining({ kind: 'caseResolved', slaMet: false }),
      { kind: 'slaBreached', subject: 'case', subjectId: 'CASE-000001', at: '2026-01-05T13:00:00.000Z' },
    ]);
    expect(
      caseChangeFacts(before, resolvedAt(before, '2026-01-05T12:00:00.000Z'), policies)[0],
    ).toMatchObject({ slaMet: true });
  });
});

describe('KPI facts from the journey and the field', () => {
  it('counts contact rounds, and contact and no contact once per work order on its arrival day', () => {
    const at = '2026-01-08T09:00:00.000Z';
    const workOrder = { id: 'WO-1', receivedAt: opened };
    expect(journeyCommandFacts(workOrder, at, [{ type: 'startContact' }])).toEqual([
      { kind: 'contactStarted', workOrderId: 'WO-1', at },
      { kind: 'workOrderContacted', workOrderId: 'WO-1', at: opened },
    ]);
    expect(journeyCommandFacts(workOrder, at, [{ type: 'putOnHold', reason: 'noContact' }])).toEqual([
      { kind: 'noContact', workOrderId: 'WO-1', at: opened },
    ]);
    expect(journeyCommandFacts(workOrder, at, [{ type: 'putOnHold', reason: 'customerRequest' }])).toEqual(
      [],
    );
  });

  it('pauses the work order’s SLA for holds when judging a completion', () => {
    // Emergency: 24 h to complete. Received at 08:00, completed 30 h later, 10 h of it on hold.
    const workOrder = aWorkOrder({ priority: 'emergency', receivedAt: '2026-01-05T08:00:00Z' });
    const completed = {
      updateId: 'u-1',
      clientTimestamp: '2026-01-06T14:00:00Z',
      status: 'completed' as const,
      report: { checklist: [], measurements: [], photos: [] },
    };
    const hold = (type: string, occurredAt: string): TimelineEvent => ({
      id: `EV-${type}`,
      docType: 'event',
      subjectId: workOrder.id,
      subjectType: 'workOrder',
      type,
      occurredAt,
      actor: { kind: 'system' },
      summary: type,
    });
    expect(visitFacts(workOrder, completed, [], policies)).toEqual([
      expect.objectContaining({ kind: 'visitCompleted', slaMet: false, firstVisit: true }),
      { kind: 'slaBreached', subject: 'workOrder', subjectId: workOrder.id, at: '2026-01-06T08:00:00.000Z' },
    ]);
    const held = [
      hold('workOrder.putOnHold', '2026-01-05T10:00:00Z'),
      hold('workOrder.resume', '2026-01-05T20:00:00Z'),
    ];
    expect(visitFacts(workOrder, completed, held, policies)[0]).toMatchObject({
      slaMet: true,
      receivedAt: '2026-01-05T08:00:00Z',
    });
    expect(
      visitFacts(
        workOrder,
        { updateId: 'u-2', clientTimestamp: opened, status: 'incomplete', reason: 'customerAbsent' },
        [],
        policies,
      ),
    ).toEqual([{ kind: 'visitIncomplete', workOrderId: workOrder.id, at: opened, reason: 'customerAbsent' }]);
    expect(
      visitFacts(workOrder, { updateId: 'u-3', clientTimestamp: opened, status: 'onSite' }, [], policies),
    ).toEqual([]);
  });

  it('reads the score from the survey event only', () => {
    const event: TimelineEvent = {
      id: 'EV-survey-1',
      docType: 'event',
      subjectId: 'WO-1',
      subjectType: 'workOrder',
      type: 'customer.surveyAnswered',
      occurredAt: opened,
      actor: { kind: 'customer' },
      summary: 'Satisfaction 4/5',
      data: { score: 4, commented: false },
    };
    expect(surveyFacts(event)).toEqual([
      { kind: 'surveyAnswered', workOrderId: 'WO-1', at: opened, score: 4 },
    ]);
    expect(surveyFacts({ ...event, type: 'customer.detailsSubmitted' })).toEqual([]);
  });
});
