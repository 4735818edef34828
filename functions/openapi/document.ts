import { z } from 'zod';
import type { RoleGrant } from '../../shared/identity/access';
import { webhookSecretHeader } from '../eventGridWebhook';
import type { Endpoint } from './endpoints';
import type { PublicAccess, PublicEndpoint } from './publicEndpoints';

const jsonSchema = (schema: z.ZodType) => z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' });

const ErrorBody = z.object({ errors: z.array(z.object({ path: z.string(), message: z.string() })) });

function parametersOf(schema: z.ZodObject | undefined, location: 'path' | 'query') {
  if (schema === undefined) return [];
  return Object.entries(schema.shape).map(([name, field]) => ({
    name,
    in: location,
    required: location === 'path' || !(field as z.ZodType).safeParse(undefined).success,
    schema: jsonSchema(field as z.ZodType),
  }));
}

const grantText = (grant: RoleGrant): string =>
  grant.scope === 'own' ? `${grant.role} (own work only)` : grant.role;

/**
 * OpenAPI 3.1 (whose schemas are JSON Schema 2020-12, what zod emits) for the endpoints, built from
 * the schemas the functions validate with, so the document cannot drift from the behaviour.
 * `x-roles` lists, per operation, the app roles the function lets in and whether only on the
 * caller's own work (`scope: own`): a specification extension, as OpenAPI has no role field.
 */
const securityOf: Readonly<Record<PublicAccess, readonly Record<string, never[]>[]>> = {
  webhookSecret: [{ webhookSecret: [] }],
  signedLink: [],
  public: [],
};

const accessText: Readonly<Record<PublicAccess, string>> = {
  webhookSecret: 'Guarded by the webhook secret header the Event Grid subscription sends.',
  signedLink: 'Guarded by the signed self-service link in the path (HMAC, expiring, revocable).',
  public: 'Open: reveals nothing about any customer.',
};

function publicOperation(endpoint: PublicEndpoint, error: object) {
  return {
    operationId: endpoint.operationId,
    summary: endpoint.summary,
    description: accessText[endpoint.access],
    security: securityOf[endpoint.access],
    parameters: [...parametersOf(endpoint.params, 'path'), ...parametersOf(endpoint.query, 'query')],
    ...(endpoint.body === undefined
      ? {}
      : {
          requestBody: {
            required: true,
            content: { [endpoint.bodyType ?? 'application/json']: { schema: jsonSchema(endpoint.body) } },
          },
        }),
    responses: {
      [String(endpoint.success)]: { description: 'Success', content: { [endpoint.responseType]: {} } },
      '400': { ...error, description: 'Invalid input; every problem with its field path' },
      ...(endpoint.access === 'public'
        ? {}
        : { '403': { ...error, description: 'Secret or link not valid' } }),
    },
  };
}

export function openApiDocument(
  endpoints: readonly Endpoint[],
  publicEndpoints: readonly PublicEndpoint[] = [],
) {
  const paths: Record<string, Record<string, unknown>> = {};
  const error = { description: '', content: { 'application/json': { schema: jsonSchema(ErrorBody) } } };
  for (const endpoint of endpoints) {
    paths[endpoint.path] ??= {};
    (paths[endpoint.path] as Record<string, unknown>)[endpoint.method] = {
      operationId: endpoint.operationId,
      summary: endpoint.summary,
      description: `Roles: ${endpoint.roles.map(grantText).join(', ')}.`,
      'x-roles': endpoint.roles.map((grant) => ({ role: grant.role, scope: grant.scope })),
      security: [{ appServiceAuthentication: [] }],
      parameters: [...parametersOf(endpoint.params, 'path'), ...parametersOf(endpoint.query, 'query')],
      ...(endpoint.body === undefined
        ? {}
        : {
            requestBody: {
              required: true,
              content: {
                [endpoint.bodyKind === 'form' ? 'application/x-www-form-urlencoded' : 'application/json']: {
                  schema: jsonSchema(endpoint.body),
                },
              },
            },
          }),
      responses: {
        [String(endpoint.success)]: {
          description: 'Success',
          ...(endpoint.produces === undefined || endpoint.produces === 'application/json'
            ? {}
            : { content: { [endpoint.produces]: {} } }),
        },
        ...(endpoint.alsoSucceeds === undefined
          ? {}
          : { [String(endpoint.alsoSucceeds.status)]: { description: endpoint.alsoSucceeds.description } }),
        ...(endpoint.produces === 'text/html'
          ? {
              '302': {
                description: 'Not signed in: to App Service Authentication’s sign-in, and back here after',
              },
            }
          : {}),
        '400': { ...error, description: 'Invalid input; every problem with its field path' },
        '401': { ...error, description: 'No valid App Service Authentication principal' },
        '403': { ...error, description: 'Wrong role, or someone else’s work' },
        '404': { ...error, description: 'Not found' },
        '409': { ...error, description: 'Not allowed in the current state' },
      },
    };
  }
  for (const endpoint of publicEndpoints) {
    paths[endpoint.path] ??= {};
    (paths[endpoint.path] as Record<string, unknown>)[endpoint.method] = publicOperation(endpoint, error);
  }
  return {
    openapi: '3.1.0',
    info: { title: 'Fieldline API', version: '1.0.0' },
    servers: [{ url: '/api' }],
    components: {
      securitySchemes: {
        appServiceAuthentication: {
          type: 'apiKey',
          in: 'header',
          name: 'x-ms-client-principal',
          description: 'Set by App Service Authentication (Entra ID); base64 JSON with claims and app roles.',
        },
        webhookSecret: {
          type: 'apiKey',
          in: 'header',
          name: webhookSecretHeader,
          description: 'The shared secret the Event Grid subscription sends as a delivery header.',
        },
      },
    },
    paths,
  };
}
