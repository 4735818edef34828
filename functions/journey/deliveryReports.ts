import { app, type HttpRequest, type HttpResponseInit, type InvocationContext } from '@azure/functions';
import * as df from 'durable-functions';
import { appClock } from '../../shared/clock';
import { deliveryReportOf, type DeliveryReport } from '../../shared/journey/deliveryReport';
import { canMoveNotification, type JourneyRecords } from '../../shared/journey/journeyRecords';
import { raiseJourneyEvent } from '../../orchestrations/journey/client';
import { eventsHandled, oncePerEvent, readEventGridRequest } from '../eventGridWebhook';
import { cosmos } from '../platform';
import { journeyRecords } from './dependencies';
import type { ValidationIssue } from '../../shared/validation';
import { logLine } from '../http';

/**
 * Applies one delivery report: the notification in the communication log gets its final status,
 * and a failed one is raised on the journey so it reroutes the message at once. Reports for
 * messages we do not know (another app on the same ACS resource) are skipped.
 */
async function applyReport(
  report: DeliveryReport,
  records: JourneyRecords,
  context: InvocationContext,
): Promise<void> {
  if (report.outcome === 'pending') return;
  const link = await records.findProviderMessage(report.providerMessageId);
  if (link === undefined) return;
  const notification = await records.getNotification(link.workOrderId, link.notificationId);
  const status = report.outcome === 'delivered' ? 'delivered' : 'failed';
  if (notification !== undefined && canMoveNotification(notification.status, status)) {
    await records.saveNotification({
      ...notification,
      status,
      ...(status === 'failed' ? { failureReason: report.detail } : {}),
      updatedAt: appClock().now().toISOString(),
    });
  }
  context.log(
    logLine('delivery report applied', {
      workOrderId: link.workOrderId,
      notificationId: link.notificationId,
      status,
    }),
  );
  if (status !== 'failed') return;
  const raised = await raiseJourneyEvent(df.getClient(context), link.workOrderId, 'deliveryFailed', {
    notificationId: link.notificationId,
    channel: link.channel,
  });
  if (!raised.ok) {
    context.warn(
      logLine('delivery failure not raised on the journey', {
        workOrderId: link.workOrderId,
        reason: raised.error,
      }),
    );
  }
}

/**
 * Event Grid webhook for ACS delivery reports (SMS and email). Answers the subscription handshake
 * (Event Grid schema in the POST, CloudEvents in an OPTIONS). Anonymous like the SMS webhook and
 * guarded by the same secret header, so no function key has to sit in the subscription's URL. A
 * report that cannot be applied now (Cosmos throttled) fails the request so Event Grid delivers it
 * again; a malformed one is answered 400 and dead-lettered.
 */
export async function acsDeliveryReports(
  request: HttpRequest,
  context: InvocationContext,
): Promise<HttpResponseInit> {
  const incoming = await readEventGridRequest(request);
  if (incoming.kind === 'answered') return incoming.response;
  const records = journeyRecords();
  const malformed: ValidationIssue[] = [];
  for (const [index, event] of incoming.events.entries()) {
    const report = deliveryReportOf(event);
    if (report === undefined) continue;
    if (typeof report === 'string') {
      context.warn(logLine(report, { eventId: event.id }));
      malformed.push({ path: `${index}.data`, message: report });
      continue;
    }
    const once = await oncePerEvent(cosmos().container('idempotency'), event, () =>
      applyReport(report, records, context),
    );
    if (once === 'duplicate') context.log(logLine('delivery report already applied', { eventId: event.id }));
  }
  return eventsHandled(malformed);
}

app.http('acsDeliveryReports', {
  route: 'events/acs-delivery',
  methods: ['POST', 'OPTIONS'],
  authLevel: 'anonymous',
  extraInputs: [df.input.durableClient()],
  handler: acsDeliveryReports,
});
