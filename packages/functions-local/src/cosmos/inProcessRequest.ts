import type { IncomingMessage, ServerResponse } from 'node:http';
import { PassThrough } from 'node:stream';

/** The emulator's request listener, taken off its server so wrappers can call it in process. */
export type Listener = (request: IncomingMessage, response: ServerResponse) => void;

export type RequestHead = Pick<IncomingMessage, 'method' | 'url' | 'headers'>;

export interface Answer {
  readonly status: number;
  readonly body: string;
}

/** A request object the server's handler can read: the same head, the buffered body. */
export function replayableRequest(head: RequestHead, body: Buffer): IncomingMessage {
  const stream = new PassThrough();
  stream.end(body);
  return Object.assign(stream, {
    method: head.method,
    url: head.url,
    headers: head.headers,
    httpVersion: '1.1',
  }) as unknown as IncomingMessage;
}

/** Runs one request through the server's handler in process and collects its answer. */
export function callHandler(handler: Listener, head: RequestHead, body = Buffer.alloc(0)): Promise<Answer> {
  return new Promise((resolve) => {
    const response = {
      statusCode: 200,
      finished: false,
      setHeader: () => undefined,
      end: (text?: unknown) =>
        resolve({ status: response.statusCode, body: typeof text === 'string' ? text : '' }),
    };
    handler(replayableRequest(head, body), response as unknown as ServerResponse);
  });
}

/** The whole body of a request the server has not read yet. */
export const readBody = (request: IncomingMessage): Promise<Buffer> =>
  new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => resolve(Buffer.concat(chunks)));
    request.on('error', reject);
  });
