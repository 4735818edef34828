import { z } from 'zod';
import { workOrderFileContainers } from '../../shared/adapters/blob/personFiles';
import { CasePriority, CaseType } from '../../shared/cases/case';
import { CaseCommand } from '../../shared/cases/caseCommand';
import { EntityId, Skill } from '../../shared/common/identifiers';
import { IsoDate } from '../../shared/common/time';
import { WorkType } from '../../shared/contracts/inbound/workType';

/** An empty form field (an unselected option, a blank box) means "not given". */
const blankAsAbsent = <T extends z.ZodType>(schema: T) =>
  z.preprocess((value) => (value === '' ? undefined : value), schema.optional());

/**
 * What the caller said about themselves, posted rather than put in the URL: a URL's query string
 * lands in the host's request telemetry and in browser history, a form body does not.
 */
export const CustomerSearchForm = z.object({ q: z.string().max(200) });

export const AgentCustomerParams = z.object({ customerId: EntityId });

/** A file of a work order, as `<container>/<workOrderId>/<name>` (the blob name has one slash). */
export const FileParams = z.object({
  container: z.enum(workOrderFileContainers as readonly ['uploads', 'photos']),
  workOrderId: EntityId,
  file: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,150}$/, 'must be a file name'),
});

/** The call logged as a case, from the customer's 360. */
export const NewCaseForm = z.object({
  customerId: EntityId,
  title: z.string().trim().min(1).max(200),
  type: CaseType,
  priority: CasePriority,
  workOrderId: blankAsAbsent(EntityId),
  note: z.string().trim().min(1).max(4000),
  /** Ticked: the agent spoke with the customer, which is the case's first response. */
  answered: blankAsAbsent(z.literal('yes')),
});

export const NoteForm = z.object({
  kind: z.enum(['note', 'phone', 'email', 'sms']),
  text: z.string().trim().min(1).max(4000),
});

/** The moves the case page offers; resolve and cancel go through the close page instead. */
export const StateForm = z.object({ command: z.enum(['startWork', 'awaitCustomer', 'hold', 'reactivate']) });

export const LinkForm = z.object({ workOrderId: z.string().trim().pipe(EntityId) });

/** `<command>:<reason>`, one choice per outcome; see `closeCommandOf`. */
export const CloseForm = z.object({
  outcome: z.enum([
    'resolve:ProblemSolved',
    'resolve:InformationProvided',
    'cancel:Withdrawn',
    'cancel:Duplicate',
  ]),
});

export function closeCommandOf(outcome: z.infer<typeof CloseForm>['outcome']): CaseCommand {
  const [type, reason] = outcome.split(':');
  return CaseCommand.parse({ type, reason });
}

export const FollowUpForm = z.object({
  workType: WorkType,
  dueDate: IsoDate,
  /** Comma-separated in the form. */
  requiredSkills: z
    .string()
    .max(1000)
    .default('')
    .transform((text) =>
      text
        .split(',')
        .map((skill) => skill.trim())
        .filter((skill) => skill !== ''),
    )
    .pipe(z.array(Skill).max(20)),
  estimatedDurationMinutes: blankAsAbsent(z.coerce.number().int().min(15).max(600)),
  notes: blankAsAbsent(z.string().max(2000)),
});
