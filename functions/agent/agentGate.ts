import type { HttpRequest, HttpResponseInit } from '@azure/functions';
import type { z } from 'zod';
import type { CaseServiceError } from '../../shared/cases/caseService';
import type { RoleGrant } from '../../shared/identity/access';
import { parsePrincipalHeader, principalHeader, type Identity } from '../../shared/identity/principal';
import { err, type Result } from '../../shared/result';
import { problemPage } from '../../web/agent/problemPage';
import { staffAction } from '../staff/staffGate';
import { staffHtml } from '../staff/staffResponses';

/** A form is a few fields and a note; anything near this is not one of ours. */
export const maxFormBytes = 16 * 1024;

interface ErrorBody {
  readonly errors?: ReadonlyArray<{ readonly path: string; readonly message: string }>;
}

/**
 * A form post from an agent page: the staff gate's checks (role, origin, CSRF, 415/413), and a
 * body that fails its schema answered 400 as a page naming each field, not as JSON.
 */
export async function agentForm<S extends z.ZodType>(
  request: HttpRequest,
  grants: readonly RoleGrant[],
  schema: S,
): Promise<Result<{ readonly identity: Identity; readonly body: z.infer<S> }, HttpResponseInit>> {
  const action = await staffAction(request, grants, schema, { kind: 'form', maxBytes: maxFormBytes });
  if (action.ok || action.error.status !== 400) return action;
  const identity = parsePrincipalHeader(request.headers.get(principalHeader));
  const problems = ((action.error.jsonBody as ErrorBody | undefined)?.errors ?? []).map(
    (issue) => `${issue.path === '' ? 'form' : issue.path}: ${issue.message}`,
  );
  return err(
    staffHtml(problemPage(identity.ok ? identity.value : undefined, 'Check the form', problems), 400),
  );
}

/** A case service refusal as a page: 404 when there is no such case, 409 when its state forbids it. */
export function serviceProblem(identity: Identity, error: CaseServiceError): HttpResponseInit {
  switch (error.kind) {
    case 'notFound':
      return staffHtml(problemPage(identity, 'Not found', [error.message]), 404);
    case 'invalid':
      return staffHtml(
        problemPage(identity, 'Not possible now', [`${error.path}: ${error.message}`]),
        error.path === 'command' || error.path === 'caseId' ? 409 : 400,
      );
    case 'conflict':
      return staffHtml(problemPage(identity, 'Changed meanwhile', [error.message]), 409);
    default: {
      const unknown: never = error;
      throw new Error(`unknown case error ${JSON.stringify(unknown)}`);
    }
  }
}
