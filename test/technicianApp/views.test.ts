import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { workTypeChecklists, WorkTypeChecklist } from '../../shared/fieldwork/checklists';
import { StatusUpdate } from '../../shared/fieldwork/statusUpdate';
import { WorkType } from '../../shared/contracts/inbound/workType';
import { viewsScript } from '../../web/technician/clientViews';
import { aWorkOrder } from '../journey/support/fixtures';

/* The very script the phone runs, evaluated in a bare context: no DOM, no storage, only data in. */
interface Views {
  route(day: unknown): { workOrderId: string; start?: string; leaveBy?: string }[];
  navigation(site: unknown): { geo: string; maps: string };
  shownStatus(workOrder: unknown, queued: unknown[]): { status: string; waiting: boolean };
  dayView(model: unknown): string;
  workOrderView(model: unknown): string;
  completionReport(
    checklist: WorkTypeChecklist,
    input: { ticked: string[]; measurements: (string | undefined)[]; notes?: string },
  ): { report: Record<string, unknown>; problems: { field: string; message: string }[] };
  incompleteUpdate(reason: string, note: string): Record<string, unknown>;
  outcomeOf(status: number, body: unknown): { kind: string; message?: string };
}
const context: Record<string, unknown> = {};
runInNewContext(viewsScript, context);
const views = context['fieldlineTechViews'] as Views;

const dispatched = (id: string, street: string) =>
  aWorkOrder({
    id,
    workType: 'meterExchange',
    site: { ...aWorkOrder().site, street, accessNotes: 'Key with the neighbour at nr 14' },
    requiredSkills: ['smart-meter'],
    state: { status: 'Dispatched', appointmentId: `AP-${id}`, technicianId: 'T-1' },
  });
const visit = (id: string, street: string, windowStart: string, extra: Record<string, unknown> = {}) => ({
  appointment: {
    id: `AP-${id}`,
    workOrderId: id,
    windowStart,
    windowEnd: new Date(Date.parse(windowStart) + 2 * 3_600_000).toISOString(),
  },
  workOrder: dispatched(id, street),
  ...extra,
});

describe('technician app views (pure functions the phone renders with)', () => {
  it('orders the route by the dispatch plan when the day carries it, by window otherwise', () => {
    const byWindow = {
      date: '2026-11-23',
      visits: [
        visit('WO-B', 'Late street 2', '2026-11-23T12:00:00Z'),
        visit('WO-A', 'Early street 1', '2026-11-23T08:00:00Z'),
      ],
    };
    expect(views.route(byWindow).map((s) => s.workOrderId)).toEqual(['WO-A', 'WO-B']);
    const planned = {
      date: '2026-11-23',
      visits: [
        visit('WO-A', 'Early street 1', '2026-11-23T08:00:00Z', {
          sequence: 2,
          plannedArrival: '2026-11-23T09:02:00Z',
          plannedStart: '2026-11-23T09:02:00Z',
          travelMinutes: 12.4,
        }),
        visit('WO-B', 'Late street 2', '2026-11-23T08:00:00Z', {
          sequence: 1,
          plannedArrival: '2026-11-23T08:20:00Z',
          plannedStart: '2026-11-23T08:20:00Z',
          travelMinutes: 20,
        }),
      ],
    };
    expect(views.route(planned).map((s) => [s.workOrderId, s.start, s.leaveBy])).toEqual([
      ['WO-B', '2026-11-23T08:20:00Z', '2026-11-23T08:00:00.000Z'],
      ['WO-A', '2026-11-23T09:02:00Z', '2026-11-23T08:49:00.000Z'],
    ]);
    const page = views.dayView({ day: planned, queue: [], sync: { online: true, pending: 0 } });
    expect(page.indexOf('Late street 2')).toBeLessThan(page.indexOf('Early street 1'));
    // Windows and planned times in the site's zone (Brussels in November: UTC+1).
    expect(page).toContain('09:00–11:00');
    expect(page).toContain('Planned start</dt><dd>09:20');
    expect(page).toContain('Leave by</dt><dd>09:00');
  });

  it('shows when a visit with a late window starts, not when the van could first be there', () => {
    // Planned from an 08:00 shift start: the van could arrive at 08:02, but the window opens at 12:00.
    const day = {
      date: '2026-11-23',
      visits: [
        visit('WO-L', 'Noon street 3', '2026-11-23T11:00:00Z', {
          sequence: 1,
          plannedArrival: '2026-11-23T07:02:00Z',
          plannedStart: '2026-11-23T11:00:00Z',
          travelMinutes: 2,
        }),
      ],
    };
    const page = views.dayView({ day, queue: [], sync: { online: true, pending: 0 } });
    expect(page).toContain('Planned start</dt><dd>12:00');
    expect(page).toContain('Leave by</dt><dd>11:58');
    expect(page).not.toContain('08:02');
  });

  it('links every stop to the phone’s navigation (geo:) and to a maps URL', () => {
    const links = views.navigation(aWorkOrder().site);
    expect(links.geo).toBe('geo:51.05,3.72?q=51.05,3.72(Kerkstraat%2012%2C%209000%20Gent)');
    expect(new URL(links.maps).searchParams.get('destination')).toBe('51.05,3.72');
    const page = views.dayView({
      day: { date: '2026-11-23', visits: [visit('WO-A', 'Kerkstraat 12', '2026-11-23T08:00:00Z')] },
      queue: [],
    });
    expect(page).toContain('href="geo:51.05,3.72');
    expect(page).toContain('href="https://www.google.com/maps/dir/?api=1&amp;destination=51.05%2C3.72"');
  });

  it('escapes what the utility and the customer wrote', () => {
    const page = views.workOrderView({
      workOrder: dispatched('WO-X', '<img src=x onerror=alert(1)>'),
      additions: { details: [{ text: '<script>alert(2)</script>' }], uploads: [] },
      queue: [],
      checklists: workTypeChecklists,
    });
    expect(page).not.toContain('<img src=x');
    expect(page).not.toContain('<script>');
    expect(page).toContain('&lt;script&gt;alert(2)&lt;/script&gt;');
  });

  it('shows the work order: work type, access notes, skills, the customer’s additions, the checklist', () => {
    const page = views.workOrderView({
      workOrder: dispatched('WO-A', 'Kerkstraat 12'),
      additions: {
        details: [{ text: 'Meter is in the cellar' }],
        uploads: [{ kind: 'photo', size: 2048, url: 'https://blob.example/u/1.jpg?sig' }],
      },
      queue: [],
      checklists: workTypeChecklists,
    });
    expect(page).toContain('Meter exchange – Kerkstraat 12');
    expect(page).toContain('Key with the neighbour at nr 14');
    expect(page).toContain('smart-meter');
    expect(page).toContain('Meter is in the cellar');
    expect(page).toContain('href="https://blob.example/u/1.jpg?sig"');
    for (const item of workTypeChecklists.meterExchange.items) expect(page).toContain(item);
    expect(page).toContain('On my way');
  });

  it('moves the shown status on by what waits to be sent, and says it waits', () => {
    const wo = dispatched('WO-A', 'Kerkstraat 12');
    const queued = [
      { kind: 'status', state: 'pending', workOrderId: 'WO-A', body: { status: 'enRoute' } },
      { kind: 'status', state: 'pending', workOrderId: 'WO-A', body: { status: 'onSite' } },
    ];
    expect(views.shownStatus(wo, queued)).toEqual({ status: 'OnSite', waiting: true });
    expect(views.shownStatus(wo, [])).toEqual({ status: 'Dispatched', waiting: false });
    const page = views.workOrderView({ workOrder: wo, queue: queued, checklists: workTypeChecklists });
    expect(page).toContain('waiting to send');
    expect(page).toContain('Complete visit');
    expect(page).toContain('capture="environment"');
  });

  it('shows a refused update plainly, with what was entered kept', () => {
    const page = views.dayView({
      day: { date: '2026-11-23', visits: [] },
      queue: [
        {
          seq: 3,
          kind: 'status',
          state: 'conflict',
          workOrderId: 'WO-GONE',
          message:
            'This work order was cancelled while you were offline; nothing more can be reported on it.',
          body: { status: 'completed', report: { notes: 'done' } },
          photos: [{ id: 'p1' }],
        },
      ],
    });
    expect(page).toContain('Not accepted');
    expect(page).toContain('cancelled while you were offline');
    expect(page).toContain('completion report with 1 photo(s) and notes');
    expect(page).toContain('data-discard="3"');
  });

  it('builds a completion report the status API accepts, every item reported, readings checked', () => {
    const checklist = workTypeChecklists.meterExchange;
    const missing = views.completionReport(checklist, { ticked: [], measurements: [] });
    expect(missing.problems.map((p) => p.field)).toEqual(['measure-0', 'measure-1']);
    const outOfRange = views.completionReport(checklist, { ticked: [], measurements: ['12', '-1'] });
    expect(outOfRange.problems).toEqual([
      { field: 'measure-1', message: 'New meter start reading must be between 0 and 10000000 kWh' },
    ]);
    const built = views.completionReport(checklist, {
      ticked: ['Old meter removed', 'New meter installed'],
      measurements: ['12345,5', '0'],
      notes: '  Seal number 778  ',
    });
    expect(built.problems).toEqual([]);
    const update = StatusUpdate.safeParse({
      updateId: 'u-1',
      clientTimestamp: '2026-11-23T10:00:00Z',
      status: 'completed',
      report: built.report,
    });
    expect(update.success).toBe(true);
    expect(built.report['checklist']).toEqual(
      checklist.items.map((item) => ({
        item,
        done: item === 'Old meter removed' || item === 'New meter installed',
      })),
    );
    expect(built.report['measurements']).toEqual([
      { name: 'Old meter final reading', value: 12345.5, unit: 'kWh' },
      { name: 'New meter start reading', value: 0, unit: 'kWh' },
    ]);
    expect(built.report['notes']).toBe('Seal number 778');
  });

  it('sends "unsafe" as a reason the contract knows, with the word kept in the note', () => {
    const unsafe = views.incompleteUpdate('unsafe', 'Gas smell in the cellar');
    expect(unsafe).toEqual({
      status: 'incomplete',
      reason: 'other',
      note: 'Unsafe to work: Gas smell in the cellar',
    });
    expect(views.incompleteUpdate('customerAbsent', '')).toEqual({
      status: 'incomplete',
      reason: 'customerAbsent',
    });
    for (const update of [unsafe, views.incompleteUpdate('partlyDone', 'half')])
      expect(
        StatusUpdate.safeParse({ updateId: 'u', clientTimestamp: '2026-11-23T10:00:00Z', ...update }).success,
      ).toBe(true);
  });

  it('tells the queue what an answer means: done, conflict, sign in again, or retry', () => {
    expect(views.outcomeOf(200, { outcome: 'stale' }).kind).toBe('done');
    expect(views.outcomeOf(200, { outcome: 'alreadyApplied' }).kind).toBe('done');
    const cancelled = views.outcomeOf(409, {
      errors: [{ path: '', message: 'the work order was cancelled (by utility); nothing more to report' }],
    });
    expect(cancelled).toMatchObject({
      kind: 'conflict',
      message: expect.stringMatching(/cancelled while you were offline/),
    });
    expect(views.outcomeOf(403, { errors: [{ path: '', message: 'not your work order' }] }).kind).toBe(
      'conflict',
    );
    expect(views.outcomeOf(403, { errors: [{ path: '', message: 'no valid CSRF token' }] }).kind).toBe(
      'signIn',
    );
    expect(views.outcomeOf(401, undefined).kind).toBe('signIn');
    expect(views.outcomeOf(503, undefined).kind).toBe('retry');
  });

  it('has a valid checklist for every work type', () => {
    for (const workType of WorkType.options)
      expect(WorkTypeChecklist.safeParse(workTypeChecklists[workType]).success, workType).toBe(true);
  });
});
