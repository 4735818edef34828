import { app, type HttpRequest, type HttpResponseInit } from '@azure/functions';
import type { StaffAsset } from '../../web/staff/staffAsset';
import { compressed } from '../selfService/compression';

/**
 * Registers the function that serves one audience's files (`route` e.g. `console/assets/{file}`).
 * Each audience registers its own, so an audience's folder is read and shipped on its own.
 */
export function serveStaffAssets(name: string, route: string, assets: readonly StaffAsset[]): void {
  const prefix = `/api/${route.replace('/{file}', '')}`;
  async function staffAsset(request: HttpRequest): Promise<HttpResponseInit> {
    const asset = assets.find((candidate) => candidate.path === `${prefix}/${request.params['file'] ?? ''}`);
    if (asset === undefined)
      return { status: 404, body: 'Not Found', headers: { 'content-type': 'text/plain' } };
    return {
      status: 200,
      body: asset.body,
      headers: {
        'content-type': asset.contentType,
        'cache-control': 'public, max-age=31536000, immutable',
        'x-content-type-options': 'nosniff',
      },
    };
  }
  app.http(name, { route, methods: ['GET'], authLevel: 'anonymous', handler: compressed(staffAsset) });
}
