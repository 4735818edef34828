import { z } from 'zod';
import { Notification } from '../notifications/notification';
import { TimelineEvent } from './timelineEvent';

/** What the `timeline` container holds: events and notifications, told apart by `docType`. */
export const TimelineDocument = z.discriminatedUnion('docType', [TimelineEvent, Notification]);
export type TimelineDocument = z.infer<typeof TimelineDocument>;
