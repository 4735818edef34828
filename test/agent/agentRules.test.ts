import { describe, expect, it } from 'vitest';
import { newCase } from '../../shared/cases/caseChanges';
import type { CaseRecord, LinkedWorkOrder } from '../../shared/cases/caseRecord';
import { caseSlas } from '../../shared/cases/caseSlas';
import { customerLookups } from '../../shared/customers/customerQuery';
import {
  matchesName,
  nameIndexIdFor,
  nameIndexIdsOf,
  nameTokens,
  retiredNameTokens,
} from '../../shared/customers/nameIndex';
import { standardSlaPolicies } from '../../shared/sla/slaPolicy';
import { closeOutlook } from '../../web/agent/closeOutlook';
import { QueueQuery, queueRows } from '../../web/agent/queueQuery';

describe('name index', () => {
  it('keys words, not names: lower case, accents and punctuation gone, initials left out', () => {
    expect(nameTokens('Désirée Van den Berg-Smet')).toEqual(['desiree', 'van', 'den', 'berg', 'smet']);
    expect(nameTokens('J. Peeters')).toEqual(['peeters']);
    expect(nameIndexIdFor('peeters', 'CU-1')).toMatch(/^NI-[0-9a-f]{40}-[0-9a-f]$/);
    expect(nameIndexIdFor('peeters', 'CU-1')).toBe(nameIndexIdFor(nameTokens('PEETERS')[0] ?? '', 'CU-1'));
  });

  it('spreads a common word over buckets by customer, and a search reads every bucket', () => {
    const ids = Array.from({ length: 200 }, (_, n) => nameIndexIdFor('peeters', `CU-ORES-${n}`));
    expect(new Set(ids).size).toBe(16);
    expect(new Set(nameIndexIdsOf('peeters'))).toEqual(new Set(ids));
  });

  it('lets go of the words an amend took away, and only those', () => {
    expect(retiredNameTokens({ name: 'An Peeters' }, { name: 'An Janssens' })).toEqual(['peeters']);
    expect(retiredNameTokens(undefined, { name: 'An Peeters' })).toEqual([]);
  });

  it('matches a customer only when every searched word is one of theirs', () => {
    expect(matchesName({ name: 'Marie-Claire Dubois' }, 'dubois marie')).toBe(true);
    expect(matchesName({ name: 'Marie Dubois' }, 'claire dubois')).toBe(false);
    expect(matchesName({ name: 'Marie Dubois' }, 'M.')).toBe(false);
  });
});

describe('reading the search box', () => {
  it('tells phones, emails, our ids, references and names apart', () => {
    expect(customerLookups('0032 470 12-34-56')).toEqual([{ kind: 'phone', phone: '+32470123456' }]);
    expect(customerLookups(' An@Example.org ')).toEqual([{ kind: 'email', email: 'an@example.org' }]);
    expect(customerLookups('CASE-000042')).toEqual([{ kind: 'id', id: 'CASE-000042' }]);
    expect(customerLookups('ORES WO/2026/1')).toEqual([
      { kind: 'externalId', utilityCode: 'ORES', externalId: 'WO/2026/1' },
      { kind: 'name', tokens: ['ores', 'wo', '2026'] },
    ]);
    expect(customerLookups('Peeters')).toEqual([
      { kind: 'externalId', externalId: 'Peeters' },
      { kind: 'name', tokens: ['peeters'] },
    ]);
    expect(customerLookups('not@an@address')).toEqual([]);
  });

  it('reads a number the caller gives without country code as one of the contract’s country', () => {
    expect(customerLookups('0470 12 34 56')).toEqual([{ kind: 'phone', phone: '+32470123456' }]);
    expect(customerLookups('081 22.33.44')).toEqual([{ kind: 'phone', phone: '+3281223344' }]);
    // Another country's rules where configured: the Netherlands drops its 0 too, Italy keeps it.
    expect(customerLookups('06 12345678', 'NL')).toEqual([{ kind: 'phone', phone: '+31612345678' }]);
    expect(customerLookups('06 1234 5678', 'IT')).toEqual([{ kind: 'phone', phone: '+390612345678' }]);
    // Too short to be anyone's number: not a phone, so it is looked up as a reference.
    expect(customerLookups('0470')[0]?.kind).not.toBe('phone');
  });
});

const at = '2026-01-05T08:00:00.000Z';
const linked = (workOrderId: string, state: LinkedWorkOrder['state']): LinkedWorkOrder => ({
  workOrderId,
  state,
  updatedAt: at,
  cycle: 1,
});
const aCase = (changes: Partial<CaseRecord> = {}): CaseRecord => ({
  ...newCase('CASE-000001', { title: 'Meter dark', type: 'Problem', priority: 'High', origin: 'Phone' }, at),
  ...changes,
});

describe('what closing will do, before the agent confirms', () => {
  const open = linked('WO-1', { status: 'Scheduled', appointmentId: 'AP-1' });
  const done = linked('WO-2', { status: 'Completed', technicianId: 'T-1', appointmentId: 'AP-2' });

  it('says the cascade waits for every work order under allWorkOrders, and names those still open', () => {
    const outlook = closeOutlook(aCase({ workOrders: [open, done] }), {
      cascade: true,
      policy: 'allWorkOrders',
    });
    expect(outlook.cascade).toContain('when every linked work order of this cycle has finished');
    expect(outlook.openWorkOrderIds).toEqual(['WO-1']);
    expect(outlook.ifResolved.join(' ')).toContain('WO-1');
  });

  it('says the first completion already qualifies under anyWorkOrder', () => {
    const outlook = closeOutlook(aCase({ workOrders: [open, done] }), {
      cascade: true,
      policy: 'anyWorkOrder',
    });
    expect(outlook.cascade).toContain('already qualifies');
  });

  it('says nothing closes the case by itself when the cascade is off, or nothing is linked', () => {
    expect(
      closeOutlook(aCase({ workOrders: [open] }), { cascade: false, policy: 'anyWorkOrder' }).cascade,
    ).toContain('cascade is off');
    expect(closeOutlook(aCase(), { cascade: true, policy: 'allWorkOrders' }).cascade).toContain(
      'no work order is linked',
    );
  });

  it('leaves work orders of an earlier cycle out', () => {
    const outlook = closeOutlook(aCase({ cycle: 2, workOrders: [open] }), {
      cascade: true,
      policy: 'allWorkOrders',
    });
    expect(outlook.openWorkOrderIds).toEqual([]);
  });
});

describe('queue order and SLA filters', () => {
  const now = new Date('2026-01-05T09:30:00Z');
  const row = (id: string, priority: CaseRecord['priority'], openedAt: string) => {
    const record = {
      ...newCase(id as CaseRecord['id'], { title: id, type: 'Inquiry', priority, origin: 'Phone' }, openedAt),
    };
    return { record, slas: caseSlas(record, standardSlaPolicies, now) };
  };
  // Critical first response: 30 min, so breached by 09:30; High: 60 min, warning at 45.
  const critical = row('CASE-000001', 'Critical', '2026-01-05T08:50:00.000Z');
  const high = row('CASE-000002', 'High', '2026-01-05T08:40:00.000Z');
  const low = row('CASE-000003', 'Low', '2026-01-05T09:20:00.000Z');
  const rows = [low, high, critical];
  const ids = (query: Partial<QueueQuery>) =>
    queueRows(rows, QueueQuery.parse(query)).map((r) => r.record.id);

  it('puts the soonest deadline first, whichever clock it is on', () => {
    expect(ids({})).toEqual(['CASE-000001', 'CASE-000002', 'CASE-000003']);
    expect(ids({ sort: 'opened' })).toEqual(['CASE-000003', 'CASE-000001', 'CASE-000002']);
  });

  it('keeps only warnings, breaches, or either', () => {
    expect(ids({ sla: 'breached' })).toEqual(['CASE-000001']);
    expect(ids({ sla: 'warning' })).toEqual(['CASE-000002']);
    expect(ids({ sla: 'attention' })).toEqual(['CASE-000001', 'CASE-000002']);
  });

  it('reads an empty choice as no filter', () => {
    expect(QueueQuery.parse({ priority: '', sla: '', sort: '' })).toEqual({ state: 'Active', sort: 'due' });
  });
});
