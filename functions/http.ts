import type { HttpResponseInit } from '@azure/functions';
import type { ValidationIssue } from '../shared/validation';

/** The app's 400: every problem with its dotted field path. */
export const badRequest = (errors: readonly ValidationIssue[]): HttpResponseInit => ({
  status: 400,
  jsonBody: { errors },
});

export const errorResponse = (status: number, message: string): HttpResponseInit => ({
  status,
  jsonBody: { errors: [{ path: '', message }] },
});

/** One structured log line; callers pass ids and statuses only, never contact details. */
export const logLine = (
  message: string,
  fields: Readonly<Record<string, string | number | boolean>>,
): string => JSON.stringify({ message, ...fields });
