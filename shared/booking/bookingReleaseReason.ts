import { z } from 'zod';

/** Why an amendment took a customer's appointment away; told to the customer and the utility. */
export const BookingReleaseReason = z.enum([
  /** The site moved to another region: the slot belongs to the old one. */
  'regionChanged',
  /** The new due date is before the appointment. */
  'dueDateBeforeAppointment',
  /** Nobody working in the window has every skill the work now needs. */
  'skillsUnavailable',
  /** The longer visit does not fit in what is left of the window. */
  'noRoomForLongerVisit',
]);
export type BookingReleaseReason = z.infer<typeof BookingReleaseReason>;
