import type { CadenceOverrides, JourneyTuningSettings } from '../../../shared/journey/cadence';
import type { JourneyRecords, UtilityOutbox } from '../../../shared/journey/journeyRecords';
import type { JourneyProjections } from '../../../shared/journey/projectionQuery';
import type { LinkIssuer } from '../../../shared/journey/linkIssuer';
import type { Notifier } from '../../../shared/journey/notifier';
import type { KpiFact } from '../../../shared/kpis/kpiFact';
import type { WorkOrder } from '../../../shared/workorders/workOrder';
import type { SmsSlotOfferer } from '../../../shared/smsReplies/slotOfferer';
import type { UtilityContacts } from '../../../shared/customers/utilityContact';

/** Everything the journey's activities touch, built once per process by `journeyDependencies()`. */
export interface JourneyActivityDependencies {
  readonly records: JourneyRecords;
  readonly notifier: Notifier;
  /** False until an SMS number is configured (`AcsSmsFrom`): the journey then plans email only. */
  readonly smsAvailable: boolean;
  readonly links: LinkIssuer;
  readonly outbox: UtilityOutbox;
  readonly tuning: JourneyTuningSettings;
  readonly cadenceOverrides: CadenceOverrides;
  /** How messages sign off, e.g. the field-service company's name. */
  readonly senderName: string;
  readonly linkValidityDays: number;
  /** Each utility's customer contact, named in the calendar file of a confirmation. */
  readonly utilityContacts?: UtilityContacts | undefined;
  /** Lists free slots in the SMS invitation so a digit reply books one; absent, the link alone is sent. */
  readonly smsOffers?: SmsSlotOfferer | undefined;
  readonly now: () => Date;
  /** Counts KPI facts (contact rounds, no-contact holds); absent in tests that do not look at KPIs. */
  /** Brings the cases linked to the work order in step with its new state; absent where no cases exist. */
  readonly syncCases?: ((workOrder: WorkOrder) => Promise<void>) | undefined;
  readonly recordKpiFacts?: (facts: readonly KpiFact[]) => Promise<void>;
  /** The ops list's journey documents; absent in tests that do not look at the list. */
  readonly projections?: JourneyProjections | undefined;
}
