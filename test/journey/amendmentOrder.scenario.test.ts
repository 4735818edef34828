import { afterEach, describe, expect, it } from 'vitest';
import { hour, JourneyRun } from './support/journeyRun';

const booked = {
  appointmentId: 'AP-B1',
  technicianId: 'T-7',
  windowStart: '2026-01-12T07:00:00.000Z', // Monday 12 January, 08:00–12:00 Brussels
  windowEnd: '2026-01-12T11:00:00.000Z',
  via: 'web' as const,
};

let run: JourneyRun | undefined;
afterEach(async () => {
  await run?.stop();
  run = undefined;
});

/*
 * The utility sends revisions 2 and 3 of a booked work order moments apart. Intake runs them side
 * by side (the inbound queue has no sessions), so the journey can hear of 3 before 2. Revision 3's
 * booking check kept the visit with another technician; revision 2's, made against the work order
 * as it was before 3, found the visit impossible. The customer keeps the appointment revision 3
 * left, and the utility is never told it was unscheduled.
 */
describe('rule "the highest revision wins" in the journey', () => {
  it('ignores an amendment that arrives after a later one, and still hears the next one', async () => {
    run = await JourneyRun.start('2026-01-05T09:00:00.000Z', { customer: { language: 'en' } });
    await run.raise('appointmentBooked', booked);
    await run.advance(hour);

    await run.raise('workOrderAmended', { revision: 3, booking: { outcome: 'kept', technicianId: 'T-9' } });
    await run.raise('workOrderAmended', {
      revision: 2,
      booking: { outcome: 'released', reason: 'dueDateBeforeAppointment' },
    });
    await run.advance(hour);

    const after = await run.status();
    expect(after.custom).toMatchObject({
      stage: 'scheduled',
      appointment: { appointmentId: 'AP-B1', technicianId: 'T-9' },
    });
    expect(run.utility()).toEqual(['scheduled']);
    expect(run.sent().filter((text) => /invitation|released/i.test(text))).toHaveLength(1);

    // A genuinely newer amendment still counts: revision 4 releases the visit.
    await run.raise('workOrderAmended', {
      revision: 4,
      booking: { outcome: 'released', reason: 'skillsUnavailable' },
    });
    await run.advance(hour);
    expect(run.utility()).toEqual(['scheduled', 'unscheduled']);
    expect((await run.status()).custom?.stage).toBe('contacting');
  });
});
