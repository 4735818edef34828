import {
  app,
  type HttpHandler,
  type HttpRequest,
  type InvocationContext,
  type Timer,
} from '@azure/functions';
import { hostClockKey } from '../../../src/resources';

/** The clock the runtime publishes for the app, as an app reads it. */
const appClock = (): { now(): Date } =>
  ((globalThis as Record<symbol, unknown>)[hostClockKey] as { now(): Date } | undefined) ?? {
    now: () => new Date(),
  };

/** A small app exercising what the runtime's HTTP and timer serving must honour. */

app.http('itemById', {
  route: 'items/{id:int}',
  methods: ['GET'],
  handler: (request: HttpRequest) => ({ jsonBody: { by: 'id', id: request.params['id'] } }),
});

app.http('itemBySlug', {
  route: 'items/{slug}',
  methods: ['GET'],
  handler: (request: HttpRequest) => ({ jsonBody: { by: 'slug', slug: request.params['slug'] } }),
});

app.http('things', {
  route: 'things/{category?}',
  methods: ['GET'],
  handler: (request: HttpRequest) => ({
    jsonBody: { category: request.params['category'] ?? null, tags: request.query.getAll('tag') },
  }),
});

app.http('secret', {
  route: 'secret',
  methods: ['GET'],
  authLevel: 'function',
  handler: () => ({ jsonBody: { secret: true } }),
});

app.http('adminOnly', {
  route: 'admin-only',
  methods: ['GET'],
  authLevel: 'admin',
  handler: () => ({ jsonBody: { admin: true } }),
});

app.http('createOrder', {
  route: 'orders',
  methods: ['POST'],
  handler: async (request: HttpRequest) => {
    let body: unknown;
    try {
      body = await request.json();
    } catch {
      return { status: 400, jsonBody: { error: 'body must be JSON' } };
    }
    return {
      status: 201,
      headers: {
        location: '/api/orders/1',
        'x-seen-content-type': request.headers.get('content-type') ?? '',
      },
      cookies: [{ name: 'order', value: '1', httpOnly: true, path: '/' }],
      jsonBody: { received: body },
    };
  },
});

app.http('explode', {
  route: 'explode',
  methods: ['GET'],
  handler: () => {
    throw new Error('kaboom');
  },
});

app.http('nothing', {
  route: 'nothing',
  methods: ['DELETE'],
  // The library's types demand a response; JavaScript apps do return nothing, and the host copes.
  handler: (() => undefined) as unknown as HttpHandler,
});

export const ticks: { at: string; isPastDue: boolean; last: string }[] = [];

app.timer('everyFiveMinutes', {
  schedule: '0 */5 * * * *',
  handler: (timer: Timer, context: InvocationContext) => {
    ticks.push({
      at: appClock().now().toISOString(),
      isPastDue: timer.isPastDue,
      last: timer.scheduleStatus.last,
    });
    context.log('tick');
  },
});

export const startups: string[] = [];

app.timer('onStartup', {
  schedule: '0 0 3 * * *',
  runOnStartup: true,
  handler: () => {
    startups.push(appClock().now().toISOString());
  },
});

let releaseSlow: () => void = () => undefined;
export const slowStarted: string[] = [];
/** Lets a test hold an invocation in flight while the runtime stops. */
export const release = (): void => releaseSlow();

app.http('slow', {
  route: 'slow',
  methods: ['GET'],
  handler: async () => {
    const released = new Promise<void>((resolve) => (releaseSlow = resolve));
    slowStarted.push('started');
    await released;
    return { jsonBody: { finished: true } };
  },
});
