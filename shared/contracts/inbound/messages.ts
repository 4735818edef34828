import { z } from 'zod';
import { ExternalId, Revision, Skill, UtilityCode } from '../../common/identifiers';
import { IsoDate, IsoInstant } from '../../common/time';
import { contractSchemaVersion } from '../schemaVersion';
import { Asset } from './asset';
import { InboundCustomer } from './customer';
import { Site } from './site';
import { WorkPriority, WorkType } from './workType';

const envelope = {
  schemaVersion: z.literal(contractSchemaVersion),
  utilityCode: UtilityCode,
  externalId: ExternalId,
  revision: Revision.meta({
    description: 'Starts at 1 on create; every later message for the same work order carries a higher one.',
  }),
  sentAt: IsoInstant,
};

/** Everything about the work itself. `create` and `amend` both carry all of it (see `amend`). */
const workOrderContent = {
  workType: WorkType,
  priority: WorkPriority,
  dueDate: IsoDate.meta({ description: 'The last day the work may be done on.' }),
  requiredSkills: z.array(Skill).max(20),
  estimatedDurationMinutes: z.int().min(15).max(600).optional(),
  site: Site,
  customer: InboundCustomer,
  asset: Asset.optional(),
  notes: z.string().max(2000).optional(),
};

export const CreateWorkOrderMessage = z
  .strictObject({ kind: z.literal('create'), ...envelope, ...workOrderContent })
  .meta({ id: 'CreateWorkOrderMessage', description: 'A new work order.' });
export type CreateWorkOrderMessage = z.infer<typeof CreateWorkOrderMessage>;

/**
 * An amendment is the whole work order at a newer revision, not a patch: applying one never
 * depends on having seen the ones before it, and a late or repeated one is recognised by its
 * revision alone (answered `stale`, nothing changes).
 */
export const AmendWorkOrderMessage = z
  .strictObject({ kind: z.literal('amend'), ...envelope, ...workOrderContent })
  .meta({
    id: 'AmendWorkOrderMessage',
    description: 'The complete work order at a newer revision; replaces the previous revision.',
  });
export type AmendWorkOrderMessage = z.infer<typeof AmendWorkOrderMessage>;

export const CancelWorkOrderMessage = z
  .strictObject({ kind: z.literal('cancel'), ...envelope, reason: z.string().max(500).optional() })
  .meta({ id: 'CancelWorkOrderMessage', description: 'The utility withdraws the work order.' });
export type CancelWorkOrderMessage = z.infer<typeof CancelWorkOrderMessage>;

export const InboundMessage = z
  .discriminatedUnion('kind', [CreateWorkOrderMessage, AmendWorkOrderMessage, CancelWorkOrderMessage])
  .meta({ id: 'InboundMessage', title: 'Fieldline inbound work-order message (utility → Fieldline)' });
export type InboundMessage = z.infer<typeof InboundMessage>;
export type InboundMessageKind = InboundMessage['kind'];

/** The work-order content of a create or amend, without the envelope. */
export type WorkOrderContent = Omit<CreateWorkOrderMessage, keyof typeof envelope | 'kind'>;
