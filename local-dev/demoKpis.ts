import type { KpiFact } from '../shared/kpis/kpiFact';
import { seededRandom } from '../scripts/utility/randomSource';

const dayMs = 86_400_000;

/**
 * Thirty days of KPI history before today, so the dashboard's charts have a month to draw on a
 * fresh machine: the facts the app records as things happen (contact rounds, holds, visits,
 * surveys, cases, SLA misses), at plausible rates, under ids of their own (`WO-DEMOKPI-…`) that
 * no work order has. Deterministic: restarting counts nothing twice (facts are idempotent).
 */
export function demoKpiFacts(today: Date, days = 30): KpiFact[] {
  const random = seededRandom(42);
  const facts: KpiFact[] = [];
  const count = (mean: number) => Math.max(0, Math.round(mean * (0.6 + random() * 0.8)));
  for (let back = days; back >= 1; back--) {
    const noon = new Date(Math.floor(today.getTime() / dayMs) * dayMs - back * dayMs + 11 * 3_600_000);
    const at = (minutes: number) => new Date(noon.getTime() + minutes * 60_000).toISOString();
    const day = noon.toISOString().slice(0, 10);
    const id = (kind: string, n: number) => `WO-DEMOKPI-${day}-${kind}${n}`;
    for (let n = 0; n < count(12); n++) {
      facts.push({ kind: 'workOrderContacted', workOrderId: id('c', n), at: at(n) });
      facts.push({ kind: 'contactStarted', workOrderId: id('c', n), at: at(n) });
      if (random() < 0.12) facts.push({ kind: 'noContact', workOrderId: id('c', n), at: at(n) });
    }
    for (let n = 0; n < count(8); n++) {
      const workOrderId = id('v', n);
      if (random() < 0.07) {
        facts.push({ kind: 'visitIncomplete', workOrderId, at: at(60 + n), reason: 'customerAbsent' });
        continue;
      }
      const receivedAt = new Date(noon.getTime() - (3 + random() * 10) * dayMs).toISOString();
      const slaMet = random() < 0.9;
      facts.push({
        kind: 'visitCompleted',
        workOrderId,
        at: at(60 + n),
        receivedAt,
        slaMet,
        firstVisit: random() < 0.85,
      });
      if (!slaMet)
        facts.push({ kind: 'slaBreached', subject: 'workOrder', subjectId: workOrderId, at: at(30 + n) });
      if (random() < 0.5)
        facts.push({
          kind: 'surveyAnswered',
          workOrderId,
          at: at(120 + n),
          score: random() < 0.8 ? 4 + Math.round(random()) : 3,
        });
    }
    for (let n = 0; n < count(5); n++) {
      const caseId = `CASE-DEMOKPI-${day}-${n}`;
      facts.push({ kind: 'caseOpened', caseId, at: at(n) });
      const escalated = random() < 0.3;
      if (escalated) facts.push({ kind: 'caseEscalated', caseId, at: at(n) });
      facts.push({
        kind: 'caseResolved',
        caseId,
        at: at(200 + n),
        firstCall: !escalated,
        slaMet: random() < 0.92,
      });
    }
  }
  return facts;
}
