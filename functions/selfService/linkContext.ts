import type { HttpRequest, HttpResponseInit } from '@azure/functions';
import { createHash } from 'node:crypto';
import type { Language } from '../../shared/common/contact';
import type { Customer } from '../../shared/customers/customer';
import type { LinkPurpose } from '../../shared/journey/purposes';
import { selfServicePath } from '../../shared/links/linkIssuer';
import { verifyLink, verifyLinkSignature, type LinkClaims } from '../../shared/links/linkToken';
import { contactFor } from '../../shared/customers/utilityContact';
import type { WorkOrder } from '../../shared/workorders/workOrder';
import { pageLanguage } from '../../web/customer/language';
import { renderMessagePage } from '../../web/customer/messagePage';
import type { PageBase } from '../../web/customer/pageBase';
import { limiters, type SelfServiceDependencies } from './dependencies';
import { htmlResponse } from './responses';
import { customerTimeZone } from '../../shared/journey/customerTimeZone';

export interface LinkContext {
  readonly claims: LinkClaims;
  readonly workOrder: WorkOrder;
  readonly customer: Customer | undefined;
  readonly base: PageBase;
  readonly language: Language;
}

export type Resolved =
  | { readonly ok: true; readonly link: LinkContext }
  | { readonly ok: false; readonly response: HttpResponseInit };

/** The caller's address as the Functions front end forwards it; only used as a rate-limit key. */
const clientAddress = (request: HttpRequest): string =>
  request.headers.get('x-forwarded-for')?.split(',')[0]?.trim() ||
  request.headers.get('x-client-ip') ||
  'unknown';

const tokenKey = (token: string): string =>
  createHash('sha256').update(token).digest('base64url').slice(0, 22);

/**
 * Everything a self-service request starts with: rate limits (per client address, then per link),
 * the signed link (tampered → 403, expired → a page saying how to get a new one, wrong purpose →
 * 403), the work order and the page language.
 */
export async function resolveLink(
  request: HttpRequest,
  deps: SelfServiceDependencies,
  purposes: readonly LinkPurpose[],
  chosenLanguage?: string | null,
): Promise<Resolved> {
  const token = request.params['token'] ?? '';
  const path = selfServicePath(token);
  const early = pageLanguage(
    chosenLanguage ?? request.query.get('lang'),
    request.headers.get('accept-language'),
    undefined,
  );
  const now = deps.now().getTime();
  const anyone = { language: early, path, contact: contactFor(deps.contacts, undefined) };
  for (const [limiter, key] of [
    [limiters.perAddress, `ip:${clientAddress(request)}`],
    [limiters.perLink, `link:${tokenKey(token)}`],
  ] as const) {
    const verdict = limiter.take(key, now);
    if (!verdict.allowed) {
      const response = htmlResponse(renderMessagePage(anyone, 'tooMany'), 429);
      return {
        ok: false,
        response: {
          ...response,
          headers: { ...response.headers, 'retry-after': String(verdict.retryAfterSeconds) },
        },
      };
    }
  }
  const verified = verifyLink(deps.signingKeys, token, deps.now());
  if (!verified.ok) {
    if (verified.error === 'expired') return { ok: false, response: await expiredPage(deps, token, anyone) };
    return { ok: false, response: htmlResponse(renderMessagePage(anyone, 'invalidLink'), 403) };
  }
  if (!purposes.includes(verified.value.purpose)) {
    return { ok: false, response: htmlResponse(renderMessagePage(anyone, 'invalidLink'), 403) };
  }
  const workOrder = await deps.records.getWorkOrder(verified.value.workOrderId);
  if (workOrder === undefined) {
    return { ok: false, response: htmlResponse(renderMessagePage(anyone, 'invalidLink'), 404) };
  }
  const customer = await deps.records.getCustomer(workOrder.value.customerId);
  const language = pageLanguage(
    chosenLanguage ?? request.query.get('lang'),
    request.headers.get('accept-language'),
    customer?.language,
  );
  return {
    ok: true,
    link: {
      claims: verified.value,
      workOrder: workOrder.value,
      customer,
      language,
      base: {
        language,
        path,
        timeZone: customerTimeZone(workOrder.value, {
          timeZone: deps.rules.timeZone,
          utilityTimeZones: deps.utilityTimeZones,
        }),
        contact: contactFor(deps.contacts, workOrder.value.utilityCode),
      },
    },
  };
}

/** An expired link of ours: the utility's contact, and a new link can be sent to the contact on file. */
async function expiredPage(
  deps: SelfServiceDependencies,
  token: string,
  anyone: Omit<PageBase, 'timeZone'>,
): Promise<HttpResponseInit> {
  const claims = verifyLinkSignature(deps.signingKeys, token);
  const workOrder = claims.ok ? await deps.records.getWorkOrder(claims.value.workOrderId) : undefined;
  const base =
    workOrder === undefined
      ? anyone
      : { ...anyone, contact: contactFor(deps.contacts, workOrder.value.utilityCode) };
  return htmlResponse(renderMessagePage(base, 'expiredLink', { newLink: workOrder !== undefined }), 410);
}

/** Booking, rescheduling, cancelling and uploading all go through the one manage link. */
export const managePurposes: readonly LinkPurpose[] = ['book', 'reschedule', 'cancel'];
