import type { z } from 'zod';
import { emailRecipients, emailSendRequestSchema, smsSendRequestSchema } from './acsRequests';
import { extractLinks } from './extractLinks';
import type { FailurePlan } from './failurePlan';
import type { OutboxMessage } from './outboxMessage';

export interface JsonReply {
  readonly status: number;
  readonly headers?: Readonly<Record<string, string>>;
  readonly body: unknown;
}

/** What the operations need from the outbox around them. */
export interface OperationContext {
  /** `http://127.0.0.1:<port>/`, for the `operation-location` the email client polls. */
  readonly endpoint: string;
  readonly now: () => number;
  readonly newId: () => string;
  readonly failures: FailurePlan;
  readonly record: (message: OutboxMessage) => void;
  /** Email operations by id, so a poll finds them and a resent `Operation-Id` is not sent twice. */
  readonly emailOperations: Map<string, 'Succeeded'>;
  /** SMS results by `repeatabilityRequestId`: the SDK resends the same id when it retries. */
  readonly smsResults: Map<string, SmsResultItem>;
}

export interface SmsResultItem {
  readonly to: string;
  readonly messageId?: string;
  readonly httpStatusCode: number;
  readonly successful: boolean;
  readonly repeatabilityResult: 'accepted';
  readonly errorMessage?: string;
}

/** The ACS error envelope (`ErrorResponse`), which the SDKs turn into a `RestError`. */
export function errorReply(status: number, code: string, message: string): JsonReply {
  return { status, body: { error: { code, message } } };
}

function badRequest(error: z.ZodError): JsonReply {
  const issues = error.issues.map((issue) => `${issue.path.join('.') || '(body)'}: ${issue.message}`);
  return errorReply(400, 'BadRequest', issues.join('; '));
}

const plannedFailureMessage = 'Failure planned with failNext() for this recipient.';

function operationLocation(context: OperationContext, id: string, apiVersion: string): string {
  return `${context.endpoint}emails/operations/${encodeURIComponent(id)}?api-version=${encodeURIComponent(apiVersion)}`;
}

/** `POST /emails:send`: accepted at once; the first poll of the operation already reports success. */
export function sendEmail(
  context: OperationContext,
  json: unknown,
  apiVersion: string,
  operationIdHeader: string | undefined,
): JsonReply {
  const parsed = emailSendRequestSchema.safeParse(json);
  if (!parsed.success) return badRequest(parsed.error);
  const request = parsed.data;
  const id = operationIdHeader ?? context.newId();
  const accepted: JsonReply = {
    status: 202,
    headers: { 'operation-location': operationLocation(context, id, apiVersion), 'operation-id': id },
    body: { id, status: 'Running' },
  };
  if (context.emailOperations.has(id)) return accepted;

  const to = emailRecipients(request.recipients);
  const plannedStatus = context.failures.take(to);
  if (plannedStatus !== undefined) return errorReply(plannedStatus, 'PlannedFailure', plannedFailureMessage);

  context.emailOperations.set(id, 'Succeeded');
  const { subject, plainText, html } = request.content;
  context.record({
    id,
    channel: 'email',
    to,
    from: request.senderAddress,
    subject,
    ...(plainText === undefined ? {} : { text: plainText }),
    ...(html === undefined ? {} : { html }),
    ...(request.attachments === undefined
      ? {}
      : {
          attachments: request.attachments.map((a) => ({
            name: a.name,
            contentType: a.contentType,
            content: Buffer.from(a.contentInBase64, 'base64').toString('utf8'),
          })),
        }),
    at: new Date(context.now()).toISOString(),
    links: extractLinks([plainText, html]),
  });
  return accepted;
}

/** `GET /emails/operations/{id}` */
export function emailOperationStatus(context: OperationContext, id: string): JsonReply {
  const status = context.emailOperations.get(id);
  return status === undefined
    ? errorReply(404, 'NotFound', 'No email operation with this id.')
    : { status: 200, body: { id, status } };
}

/** `POST /sms`: one result per recipient, each delivered or failed on its own, as the service does. */
export function sendSms(context: OperationContext, json: unknown): JsonReply {
  const parsed = smsSendRequestSchema.safeParse(json);
  if (!parsed.success) return badRequest(parsed.error);
  const request = parsed.data;
  const at = new Date(context.now()).toISOString();
  const links = extractLinks([request.message]);

  const value = request.smsRecipients.map((recipient): SmsResultItem => {
    const repeated =
      recipient.repeatabilityRequestId === undefined
        ? undefined
        : context.smsResults.get(recipient.repeatabilityRequestId);
    if (repeated !== undefined) return repeated;

    const plannedStatus = context.failures.take([recipient.to]);
    const result: SmsResultItem =
      plannedStatus === undefined
        ? {
            to: recipient.to,
            messageId: context.newId(),
            httpStatusCode: 202,
            successful: true,
            repeatabilityResult: 'accepted',
          }
        : {
            to: recipient.to,
            httpStatusCode: plannedStatus,
            successful: false,
            repeatabilityResult: 'accepted',
            errorMessage: plannedFailureMessage,
          };
    if (recipient.repeatabilityRequestId !== undefined)
      context.smsResults.set(recipient.repeatabilityRequestId, result);
    if (result.messageId !== undefined) {
      context.record({
        id: result.messageId,
        channel: 'sms',
        to: [recipient.to],
        from: request.from,
        text: request.message,
        at,
        links,
      });
    }
    return result;
  });
  return { status: 202, body: { value } };
}
