import { app, type HttpRequest, type HttpResponseInit } from '@azure/functions';
import { compressed } from './selfService/compression';

/** A page's file: a style sheet, script or icon named by its content hash. */
export interface ServedAsset {
  readonly path: string;
  readonly contentType: string;
  readonly body: string;
}

/**
 * Registers the function that serves one audience's files (`route` e.g. `console/assets/{file}`),
 * cached for a year since a change is a new name. Each audience registers its own, so an
 * audience's folder is read and shipped on its own.
 */
export function serveAssets(name: string, route: string, assets: readonly ServedAsset[]): void {
  const prefix = `/api/${route.replace('/{file}', '')}`;
  async function asset(request: HttpRequest): Promise<HttpResponseInit> {
    const found = assets.find((candidate) => candidate.path === `${prefix}/${request.params['file'] ?? ''}`);
    if (found === undefined)
      return { status: 404, body: 'Not Found', headers: { 'content-type': 'text/plain' } };
    return {
      status: 200,
      body: found.body,
      headers: {
        'content-type': found.contentType,
        'cache-control': 'public, max-age=31536000, immutable',
        'x-content-type-options': 'nosniff',
      },
    };
  }
  app.http(name, { route, methods: ['GET'], authLevel: 'anonymous', handler: compressed(asset) });
}
