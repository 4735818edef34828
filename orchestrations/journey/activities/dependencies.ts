import type { CadenceOverrides, JourneyTuningSettings } from '../../../shared/journey/cadence';
import type { JourneyRecords, UtilityOutbox } from '../../../shared/journey/journeyRecords';
import type { LinkIssuer } from '../../../shared/journey/linkIssuer';
import type { Notifier } from '../../../shared/journey/notifier';

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
  readonly now: () => Date;
}
