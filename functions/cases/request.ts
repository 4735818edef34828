import type { HttpRequest, HttpResponseInit } from '@azure/functions';
import type { z } from 'zod';
import type { CaseServiceError } from '../../shared/cases/caseService';
import { err, type Result } from '../../shared/result';
import { validate } from '../../shared/validation';
import { badRequest, errorResponse } from '../http';
import { parsedBody } from '../requestBody';

/** A case command or a new case is a few fields and a note; anything near this is not one. */
const maxCaseBodyBytes = 64 * 1024;

/** The JSON body checked against a schema: 415 unless JSON, 413 over the cap, 400 with field paths. */
export const bodyOf = <S extends z.ZodType>(
  request: HttpRequest,
  schema: S,
): Promise<Result<z.infer<S>, HttpResponseInit>> =>
  parsedBody(request, schema, { kind: 'json', maxBytes: maxCaseBodyBytes });

/** Route parameters and query strings, reported under `params.` / `query.` paths. */
export function partsOf<S extends z.ZodType>(
  source: Readonly<Record<string, string>>,
  schema: S,
  prefix: 'params' | 'query',
): Result<z.infer<S>, HttpResponseInit> {
  const parsed = validate(schema, source);
  return parsed.ok
    ? parsed
    : err(badRequest(parsed.error.map((issue) => ({ ...issue, path: `${prefix}.${issue.path}` }))));
}

export const queryOf = (request: HttpRequest): Record<string, string> =>
  Object.fromEntries(request.query.entries());

export function serviceErrorResponse(error: CaseServiceError): HttpResponseInit {
  switch (error.kind) {
    case 'notFound':
      return errorResponse(404, error.message);
    case 'invalid':
      return error.path === 'command' || error.path === 'caseId'
        ? errorResponse(409, error.message)
        : badRequest([{ path: error.path, message: error.message }]);
    case 'conflict':
      return errorResponse(409, error.message);
    default: {
      const unhandled: never = error;
      throw new Error(`unknown case error ${JSON.stringify(unhandled)}`);
    }
  }
}
