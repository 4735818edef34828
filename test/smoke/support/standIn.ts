import { createServer, request as forward, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface StandIn {
  readonly url: string;
  close(): Promise<void>;
}

/** A small HTTP app on a free port, for a smoke check to run against. */
export async function standIn(
  handler: (request: IncomingMessage, response: ServerResponse) => void,
): Promise<StandIn> {
  const server = createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

export const json = (response: ServerResponse, status: number, body: unknown): void => {
  response.writeHead(status, { 'content-type': 'application/json' });
  response.end(JSON.stringify(body));
};

/**
 * What the Azure front end does before a request reaches the Functions host, and the local runtime
 * does not do yet (other work in progress): App Service Authentication drops a client-sent
 * x-ms-client-principal ("External requests aren't allowed to set these headers",
 * https://learn.microsoft.com/azure/app-service/configure-authentication-user-identities), and
 * the Durable extension's HTTP API answers 401 without the system key
 * (https://learn.microsoft.com/azure/azure-functions/durable/durable-functions-http-api).
 * Everything else is passed to the runtime unchanged.
 */
export function platformFront(runtimeUrl: string): Promise<StandIn> {
  const target = new URL(runtimeUrl);
  return standIn((request, response) => {
    const path = request.url ?? '/';
    const keyed = /[?&]code=/.test(path) || request.headers['x-functions-key'] !== undefined;
    if (path.startsWith('/runtime/webhooks/durabletask') && !keyed) {
      request.resume();
      response.writeHead(401).end();
      return;
    }
    const headers: Record<string, string | string[] | undefined> = { ...request.headers, host: target.host };
    delete headers['x-ms-client-principal'];
    const upstream = forward(
      { hostname: target.hostname, port: target.port, path, method: request.method, headers },
      (answer) => {
        response.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(response);
      },
    );
    upstream.on('error', () => response.writeHead(502).end());
    request.pipe(upstream);
  });
}
