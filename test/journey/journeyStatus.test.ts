import { describe, expect, it } from 'vitest';
import { JourneyStatus, journeyStatusBytes, maxJourneyStatusBytes } from '../../shared/journey/journeyStatus';
import { alreadyInEffect } from '../../orchestrations/journey/activities/updateWorkOrder';

describe('journey custom status', () => {
  it('stays under 1 KB with the longest ids it can hold', () => {
    const longId = 'X'.repeat(100);
    const status = JourneyStatus.parse({
      stage: 'technicianEnRoute',
      attempt: 10,
      next: { action: 'sendReminder', at: '2026-01-10T09:00:00.000Z' },
      appointment: {
        appointmentId: longId,
        technicianId: longId,
        windowStart: '2026-01-12T09:00:00.000Z',
        windowEnd: '2026-01-12T11:00:00.000Z',
      },
      updatedAt: '2026-01-05T09:00:00.000Z',
    });
    expect(journeyStatusBytes(status)).toBeLessThan(maxJourneyStatusBytes);
  });
});

describe('commands already in effect', () => {
  it('recognises what another writer already did, and nothing else', () => {
    const completed = { status: 'Completed', appointmentId: 'AP-1', technicianId: 'T-1' } as const;
    expect(alreadyInEffect(completed, { type: 'complete' })).toBe(true);
    expect(alreadyInEffect(completed, { type: 'close' })).toBe(false);
    expect(
      alreadyInEffect(
        { status: 'Scheduled', appointmentId: 'AP-1' },
        { type: 'book', appointmentId: 'AP-1' },
      ),
    ).toBe(true);
    expect(
      alreadyInEffect(
        { status: 'Scheduled', appointmentId: 'AP-1' },
        { type: 'reschedule', appointmentId: 'AP-2' },
      ),
    ).toBe(false);
    expect(
      alreadyInEffect(
        { status: 'Dispatched', appointmentId: 'AP-1', technicianId: 'T-1' },
        { type: 'dispatch', technicianId: 'T-2' },
      ),
    ).toBe(false);
  });
});
