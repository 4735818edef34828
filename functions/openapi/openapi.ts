import { app } from '@azure/functions';
import { openApiDocument } from './document';
import { endpoints } from './endpoints';
import { publicEndpoints } from './publicEndpoints';

let document: ReturnType<typeof openApiDocument> | undefined;

app.http('openApiDocument', {
  route: 'openapi.json',
  methods: ['GET'],
  authLevel: 'anonymous',
  handler: () => {
    document ??= openApiDocument(endpoints, publicEndpoints);
    return { jsonBody: document };
  },
});
