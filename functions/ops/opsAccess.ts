import type { HttpHandler, HttpRequest, HttpResponseInit, InvocationContext } from '@azure/functions';
import { grants, rolesOf } from '../../shared/identity/access';
import type { Identity } from '../../shared/identity/principal';
import { authenticate } from '../cases/access';
import { logLine } from '../http';

/**
 * Ops routes are anonymous to the host and signed in through App Service Authentication: an Entra
 * app role (ops or admin), not a shared function key, so every action has a person behind it. A
 * state-changing request logs its actor by Entra object id (no name or address) before it runs,
 * so a refused or failing action is attributable too.
 */
export type OpsHandler = (
  request: HttpRequest,
  context: InvocationContext,
  caller: Identity,
) => Promise<HttpResponseInit>;

export function opsOnly(handler: OpsHandler): HttpHandler {
  return async (request: HttpRequest, context: InvocationContext): Promise<HttpResponseInit> => {
    const caller = authenticate(request, rolesOf(grants.journeyActions));
    if (!caller.ok) return caller.error;
    if (request.method !== 'GET') {
      context.log(
        logLine('ops action requested', {
          actorId: caller.value.userId,
          function: context.functionName,
          workOrderId: request.params['workOrderId'] ?? '',
        }),
      );
    }
    return handler(request, context, caller.value);
  };
}
