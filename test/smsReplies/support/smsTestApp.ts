import { journeyEvents } from '../../../orchestrations/journey/contract';
import { registerRecordingJourney } from '../../support/recordingJourney';
import '../../../functions/smsReplies';

/**
 * The SMS reply function as deployed, beside a stand-in customer journey that only records the
 * events it hears (the real journey is tested in test/journey), read back from its custom status.
 */
const listened = [journeyEvents.appointmentBooked.name, journeyEvents.smsPreferenceChanged.name];

registerRecordingJourney(listened);
