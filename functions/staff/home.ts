import { app, type HttpRequest, type HttpResponseInit } from '@azure/functions';
import { parsePrincipalHeader, principalHeader } from '../../shared/identity/principal';
import { forbiddenPage } from '../../web/staff/refusalPage';
import { homeFor } from '../../web/staff/navigation';
import { signInRedirect, staffHtml, staffSeeOther } from './staffResponses';

/** `/api/staff`: the one address staff are given; it sends each person to their own area. */
async function staffHome(request: HttpRequest): Promise<HttpResponseInit> {
  const identity = parsePrincipalHeader(request.headers.get(principalHeader));
  if (!identity.ok) return signInRedirect('/api/staff');
  const home = homeFor(identity.value.roles);
  return home === undefined
    ? staffHtml(forbiddenPage(identity.value, ['ops', 'dispatcher', 'agent', 'technician', 'admin']), 403)
    : staffSeeOther(home);
}

app.http('staffHome', { route: 'staff', methods: ['GET'], authLevel: 'anonymous', handler: staffHome });
