import type { Cookie, HttpRequest, HttpResponseInit } from '@azure/functions';
import type { z } from 'zod';
import { hasAnyRole, rolesOf, type RoleGrant } from '../../shared/identity/access';
import { parsePrincipalHeader, principalHeader, type Identity } from '../../shared/identity/principal';
import { err, ok, type Result } from '../../shared/result';
import { forbiddenPage, staleFormPage } from '../../web/staff/refusalPage';
import { validate } from '../../shared/validation';
import { badRequest, errorResponse } from '../http';
import { decodedBody, type BodyKind } from '../requestBody';
import { csrfFieldName, csrfHeaderName, csrfTokenFor, originRefusal, tokenRefusal } from './csrf';
import { signInRedirect, staffHtml } from './staffResponses';

/** A staff screen's caller: who they are, and the CSRF token its forms must echo. */
export interface StaffViewer {
  readonly identity: Identity;
  readonly csrfToken: string;
  /** Set with the page when the browser held no token yet. */
  readonly cookies: readonly Cookie[];
}

const pathOf = (request: HttpRequest): string => {
  const url = new URL(request.url);
  return `${url.pathname}${url.search}`;
};

/**
 * Opening a screen: not signed in → App Service Authentication's sign-in, coming back here;
 * signed in without a role the screen needs → a 403 page that says which roles would do. The
 * identity comes only from the platform's principal header (the platform strips a client's).
 */
export function staffScreen(
  request: HttpRequest,
  grants: readonly RoleGrant[],
): Result<StaffViewer, HttpResponseInit> {
  const identity = parsePrincipalHeader(request.headers.get(principalHeader));
  if (!identity.ok) return err(signInRedirect(pathOf(request)));
  const roles = rolesOf(grants);
  if (!hasAnyRole(identity.value, roles)) return err(staffHtml(forbiddenPage(identity.value, roles), 403));
  const csrf = csrfTokenFor(request);
  return ok({
    identity: identity.value,
    csrfToken: csrf.token,
    cookies: csrf.cookie === undefined ? [] : [csrf.cookie],
  });
}

export interface StaffActionOptions {
  /** `form` for a page's own forms (answers are pages), `json` for a screen's scripts. */
  readonly kind: BodyKind;
  readonly maxBytes: number;
}

/**
 * A state-changing request from a staff screen, checked in the order that costs least: the
 * principal and role before anything is read, then the declared size, then where the request came
 * from and its CSRF token, and only then the body, against its schema.
 */
export async function staffAction<S extends z.ZodType>(
  request: HttpRequest,
  grants: readonly RoleGrant[],
  schema: S,
  options: StaffActionOptions,
): Promise<Result<{ readonly identity: Identity; readonly body: z.infer<S> }, HttpResponseInit>> {
  const page = options.kind === 'form';
  const identity = parsePrincipalHeader(request.headers.get(principalHeader));
  if (!identity.ok)
    return err(page ? signInRedirect(pathOf(request)) : errorResponse(401, 'authentication required'));
  const roles = rolesOf(grants);
  if (!hasAnyRole(identity.value, roles))
    return err(
      page
        ? staffHtml(forbiddenPage(identity.value, roles), 403)
        : errorResponse(403, `requires one of the roles ${roles.join(', ')}`),
    );
  const refusalOf = (reason: string) =>
    page ? staffHtml(staleFormPage(identity.value, reason), 403) : errorResponse(403, reason);
  const fromElsewhere = originRefusal(request);
  if (fromElsewhere !== undefined) return err(refusalOf(fromElsewhere));
  const headerToken = request.headers.get(csrfHeaderName) ?? undefined;
  if (!page) {
    const refusal = tokenRefusal(request, headerToken);
    if (refusal !== undefined) return err(refusalOf(refusal));
  }
  const raw = await decodedBody(request, options);
  if (!raw.ok) return raw;
  if (page) {
    const field = (raw.value as Readonly<Record<string, unknown>>)[csrfFieldName];
    const refusal = tokenRefusal(request, typeof field === 'string' ? field : headerToken);
    if (refusal !== undefined) return err(refusalOf(refusal));
  }
  const body = validate(schema, raw.value);
  return body.ok ? ok({ identity: identity.value, body: body.value }) : err(badRequest(body.error));
}
