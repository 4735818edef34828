import { app, type HttpRequest, type HttpResponseInit, type InvocationContext } from '@azure/functions';
import { azureCredential } from '../../shared/adapters/clients/credential';
import { grants } from '../../shared/identity/access';
import { azureMapsOrigin } from '../../web/console/dispatch/mapTiles';
import { errorResponse, logLine } from '../http';
import { staffScreen } from '../staff/staffGate';
import { staffSecurityHeaders } from '../staff/staffResponses';
import { mapTilesFrom } from './mapTiles';

const scope = `${azureMapsOrigin}/.default`;

/**
 * `GET /api/console/dispatch/maps-token`: an Entra token for Azure Maps for the board's tile
 * script, from the app's identity (Azure Maps Data Reader: read-only data, no keys, no account
 * management), as Azure Maps' guidance has a web app hand its pages a token instead of a key.
 * Only for the board's own people; never cached; 404 where no account is configured.
 */
async function mapsToken(request: HttpRequest, context: InvocationContext): Promise<HttpResponseInit> {
  const viewer = staffScreen(request, grants.dispatchPlanning);
  if (!viewer.ok) return errorResponse(viewer.error.status === 403 ? 403 : 401, 'not allowed');
  if (mapTilesFrom() === undefined) return errorResponse(404, 'no Azure Maps account is configured');
  const token = await azureCredential().getToken(scope);
  if (token === null) {
    context.log(logLine('no Azure Maps token for the board', { userId: viewer.value.identity.userId }));
    return errorResponse(503, 'no Azure Maps token available');
  }
  return {
    status: 200,
    jsonBody: { accessToken: token.token, expiresOn: new Date(token.expiresOnTimestamp).toISOString() },
    headers: { ...staffSecurityHeaders },
  };
}

app.http('consoleDispatchMapsToken', {
  route: 'console/dispatch/maps-token',
  methods: ['GET'],
  authLevel: 'anonymous',
  handler: mapsToken,
});
