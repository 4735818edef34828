import { app, type HttpRequest, type HttpResponseInit } from '@azure/functions';
import { assetAt } from '../../web/customer/assets';
import { compressed } from './compression';

/** The customer pages' style sheet, script and icon: named by content hash, so cached for a year. */
async function customerAsset(request: HttpRequest): Promise<HttpResponseInit> {
  const asset = assetAt(`/api/assets/${request.params['file'] ?? ''}`);
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

app.http('customerAsset', {
  route: 'assets/{file}',
  methods: ['GET'],
  authLevel: 'anonymous',
  handler: compressed(customerAsset),
});
