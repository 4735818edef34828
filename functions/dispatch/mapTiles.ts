import type { HttpResponseInit } from '@azure/functions';
import { azureMapsOrigin } from '../../web/console/dispatch/mapTiles';
import type { MapTiles } from '../../web/console/dispatch/routeMap';
import type { Settings } from '../platform';
import { dispatchSettingNames } from './dependencies';

/** The board draws Azure Maps tiles only where `AzureMapsClientId` names an account. */
export function mapTilesFrom(settings: Settings = process.env): MapTiles | undefined {
  const clientId = settings[dispatchSettingNames.azureMapsClientId]?.trim();
  return clientId ? { clientId } : undefined;
}

/**
 * A board page with tiles may fetch from the tile host and nowhere else new: its CSP's
 * connect-src names exactly that origin (the tiles are drawn as blob: images, which img-src
 * already allows). Without tiles the staff policy is left as it is.
 */
export function withTileHost(response: HttpResponseInit, tiles: MapTiles | undefined): HttpResponseInit {
  if (tiles === undefined) return response;
  const headers = { ...(response.headers as Record<string, string>) };
  const policy = headers['content-security-policy'];
  if (policy === undefined) return response;
  headers['content-security-policy'] = policy.replace(
    "connect-src 'self'",
    `connect-src 'self' ${azureMapsOrigin}`,
  );
  return { ...response, headers };
}
