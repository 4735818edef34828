import { z } from 'zod';
import type { JourneyStage } from '../../shared/journey/journeyStatus';

/** What ops may do to a journey from the console; each becomes the journey event of the same name. */
export const JourneyAction = z.enum(['resume', 'resend', 'reassign', 'cancel']);
export type JourneyAction = z.infer<typeof JourneyAction>;

export const actionLabels: Readonly<Record<JourneyAction, string>> = {
  resume: 'Resume contacting',
  resend: 'Resend the last message',
  reassign: 'Reassign to another technician',
  cancel: 'Cancel the work order',
};

/** The question a confirmation asks, so nobody cancels a work order with a stray click. */
export const actionQuestions: Readonly<Record<JourneyAction, string>> = {
  resume: 'Resume this journey? The customer gets a new invitation now (or when quiet hours end).',
  resend: 'Send the customer the last message again?',
  reassign: 'Move the appointment to the technician given?',
  cancel: 'Cancel this work order? The utility is told and the appointment is freed. This cannot be undone.',
};

/**
 * The actions that mean something in a stage, as the orchestrator listens for them: resume only
 * on hold, reassign only with an appointment, resend once something was sent, cancel until the end.
 */
export function actionsFor(stage: JourneyStage, live: boolean): readonly JourneyAction[] {
  if (!live) return [];
  switch (stage) {
    case 'onHold':
      return ['resume', 'resend', 'cancel'];
    case 'contacting':
      return ['resend', 'cancel'];
    case 'scheduled':
    case 'technicianEnRoute':
      return ['resend', 'reassign', 'cancel'];
    case 'completed':
    case 'cancelled':
    case 'closedUnreachable':
    case 'closedIncomplete':
      return [];
    default: {
      const unknown: never = stage;
      throw new Error(`no actions for ${String(unknown)}`);
    }
  }
}

/** The form an action posts: the CSRF field, `confirmed` once the person said yes, and its own fields. */
export const ActionForm = z.object({
  csrf: z.string().optional(),
  confirmed: z.enum(['yes']).optional(),
  technicianId: z.string().trim().min(1).max(100).optional(),
  reason: z.string().trim().max(500).optional(),
});
export type ActionForm = z.infer<typeof ActionForm>;
