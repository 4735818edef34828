import type { HttpRequest, HttpResponseInit } from '@azure/functions';
import type { Language } from '../../shared/common/contact';
import type { Customer } from '../../shared/customers/customer';
import { allows, type LinkAction } from '../../shared/links/linkPurposes';
import { selfServicePath } from '../../shared/links/linkIssuer';
import { verifyLink, verifyLinkSignature, type LinkClaims } from '../../shared/links/linkToken';
import { isRevoked } from '../../shared/links/revocation';
import { clientAddressOf } from '../../shared/rateLimit/clientAddress';
import type { RateVerdict } from '../../shared/rateLimit/fixedWindowLimiter';
import { contactFor } from '../../shared/customers/utilityContact';
import type { WorkOrder } from '../../shared/workorders/workOrder';
import { pageLanguage } from '../../web/customer/language';
import { renderMessagePage } from '../../web/customer/messagePage';
import type { PageBase } from '../../web/customer/pageBase';
import type { SelfServiceDependencies } from './dependencies';
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

export interface ResolveOptions {
  /**
   * Lets a revoked link through: only the page a decline lands on, which says no more than that
   * the work was declined and is reached by the very link the decline revoked.
   */
  readonly evenIfRevoked?: boolean;
}

const tooMany = (base: Omit<PageBase, 'timeZone'>, verdict: Extract<RateVerdict, { allowed: false }>) => {
  const response = htmlResponse(renderMessagePage(base, 'tooMany'), 429);
  return { ...response, headers: { ...response.headers, 'retry-after': String(verdict.retryAfterSeconds) } };
};

/**
 * Everything a self-service request starts with, before any of its body is read: the limit per
 * client address, the signed link (tampered → 403, expired → a page saying how to get a new one,
 * revoked → 410, not for this action → 403), the limit per work order, the work order and the
 * page language. The language a form names is applied afterwards (`inLanguage`).
 */
export async function resolveLink(
  request: HttpRequest,
  deps: SelfServiceDependencies,
  action: LinkAction | readonly LinkAction[],
  options: ResolveOptions = {},
): Promise<Resolved> {
  const token = request.params['token'] ?? '';
  const path = selfServicePath(token);
  const early = pageLanguage(request.query.get('lang'), request.headers.get('accept-language'), undefined);
  const now = deps.now();
  const anyone = { language: early, path, contact: contactFor(deps.contacts, undefined) };
  const address = clientAddressOf(request.headers.get('x-forwarded-for')) ?? 'unknown';
  const byAddress = await deps.limiters.perAddress.take(address, now.getTime());
  if (!byAddress.allowed) return { ok: false, response: tooMany(anyone, byAddress) };
  const verified = verifyLink(deps.signingKeys, token, now);
  if (!verified.ok) {
    if (verified.error === 'expired') return { ok: false, response: await expiredPage(deps, token, anyone) };
    return { ok: false, response: htmlResponse(renderMessagePage(anyone, 'invalidLink'), 403) };
  }
  const claims = verified.value;
  const actions: readonly LinkAction[] = typeof action === 'string' ? [action] : action;
  if (!actions.some((one) => allows(one, claims.purpose))) {
    return { ok: false, response: htmlResponse(renderMessagePage(anyone, 'invalidLink'), 403) };
  }
  const byWorkOrder = await deps.limiters.perWorkOrder.take(claims.workOrderId, now.getTime());
  if (!byWorkOrder.allowed) return { ok: false, response: tooMany(anyone, byWorkOrder) };
  const [workOrder, revocation] = await Promise.all([
    deps.records.getWorkOrder(claims.workOrderId),
    deps.revocations.current(claims.workOrderId),
  ]);
  if (workOrder === undefined) {
    return { ok: false, response: htmlResponse(renderMessagePage(anyone, 'invalidLink'), 404) };
  }
  const contact = contactFor(deps.contacts, workOrder.value.utilityCode);
  if (!options.evenIfRevoked && isRevoked(claims, revocation, workOrder.value)) {
    return {
      ok: false,
      response: htmlResponse(renderMessagePage({ ...anyone, contact }, 'invalidLink'), 410),
    };
  }
  const customer = await deps.records.getCustomer(workOrder.value.customerId);
  const language = pageLanguage(
    request.query.get('lang'),
    request.headers.get('accept-language'),
    customer?.language,
  );
  return {
    ok: true,
    link: {
      claims,
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
        contact,
        canDecline: allows('declineWork', claims.purpose),
      },
    },
  };
}

/** The link as the page language a posted form chose (its hidden `lang` field), when it chose one. */
export function inLanguage(link: LinkContext, request: HttpRequest, chosen: string | undefined): LinkContext {
  if (chosen === undefined) return link;
  const language = pageLanguage(chosen, request.headers.get('accept-language'), link.customer?.language);
  return { ...link, language, base: { ...link.base, language } };
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
