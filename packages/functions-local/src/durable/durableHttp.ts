import { z } from 'zod';
import type { DurableHttpRequest } from './orchestratorState';

/** The activity name the extension schedules durable HTTP requests under (HttpOptions.HttpTaskActivityReservedName). */
export const httpActivityName = 'BuiltIn::HttpActivity';

/** DurableHttpResponse as the extension serialises it and durable-functions reads it. */
const durableHttpResponseSchema = z.object({
  statusCode: z.number().int(),
  headers: z.record(z.string(), z.string()).optional(),
  content: z.string().optional(),
});
export type DurableHttpResponse = z.infer<typeof durableHttpResponseSchema>;

const headerOf = (headers: Readonly<Record<string, string>> | undefined, name: string): string | undefined =>
  Object.entries(headers ?? {}).find(([key]) => key.toLowerCase() === name.toLowerCase())?.[1];

export interface PollPlan {
  readonly delayMs: number;
  readonly request: DurableHttpRequest;
}

/**
 * The extension's CallHttpAsync loop (DurableOrchestrationContext.cs): while the answer is 202 and the
 * request has the asynchronous pattern enabled, wait Retry-After seconds (else
 * httpSettings.defaultAsyncRequestSleepTimeMilliseconds), then GET the Location with the original
 * headers minus x-functions-key (CreateLocationPollRequest). durable-functions numbers the timer and
 * the poll itself (CallHttpWithPollingTask), so the engine must follow the same rule.
 */
export function pollPlan(
  request: DurableHttpRequest,
  resultJson: string | undefined,
  defaultDelayMs: number,
): PollPlan | undefined {
  if (request.asynchronousPatternEnabled === false || resultJson === undefined) return undefined;
  let raw: unknown;
  try {
    raw = JSON.parse(resultJson);
  } catch {
    return undefined;
  }
  const parsed = durableHttpResponseSchema.safeParse(raw);
  if (!parsed.success || parsed.data.statusCode !== 202) return undefined;
  const location = headerOf(parsed.data.headers, 'Location');
  if (location === undefined) return undefined;
  const retryAfter = Number.parseInt(headerOf(parsed.data.headers, 'Retry-After') ?? '', 10);
  const headers = Object.fromEntries(
    Object.entries(request.headers ?? {}).filter(([key]) => key.toLowerCase() !== 'x-functions-key'),
  );
  return {
    delayMs: Number.isFinite(retryAfter) ? retryAfter * 1000 : defaultDelayMs,
    request: {
      method: 'GET',
      uri: location,
      headers,
      ...(request.tokenSource === undefined ? {} : { tokenSource: request.tokenSource }),
      asynchronousPatternEnabled: true,
    },
  };
}

const headerText = (value: string | readonly string[]): string =>
  typeof value === 'string' ? value : value.join(', ');

/** Sends one durable HTTP request; the answer becomes the task's result, any status included. */
export async function sendDurableHttp(request: DurableHttpRequest): Promise<DurableHttpResponse> {
  if (request.tokenSource !== undefined && request.tokenSource !== null) {
    throw new Error(
      'callHttp with a managed-identity token source needs Azure; the local engine has no identity to get a token for.',
    );
  }
  const headers = Object.fromEntries(
    Object.entries(request.headers ?? {}).map(([key, value]) => [key, headerText(value)]),
  );
  const method = request.method.toUpperCase();
  const response = await fetch(request.uri, {
    method,
    headers,
    ...(request.content === undefined || request.content === null || method === 'GET' || method === 'HEAD'
      ? {}
      : { body: request.content }),
    redirect: 'manual',
  });
  const content = await response.text();
  return {
    statusCode: response.status,
    headers: Object.fromEntries(response.headers.entries()),
    content,
  };
}
