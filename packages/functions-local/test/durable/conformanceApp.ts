import { app, type HttpRequest, type InvocationContext } from '@azure/functions';
import * as df from 'durable-functions';
import type { OrchestrationContext } from 'durable-functions';
import { countCall, knobs } from './appState';

const hour = 60 * 60 * 1000;
const day = 24 * hour;

df.app.activity('hello', { handler: (name: string) => `Hello ${name}` });
df.app.activity('double', { handler: (n: number) => n * 2 });

/** Fails its first `failures` calls for `key`, then answers. */
df.app.activity('flaky', {
  handler: (input: { key: string; failures: number }) => {
    const n = countCall(input.key);
    if (n <= input.failures) throw new Error(`flaky attempt ${n} failed`);
    return `ok after ${n}`;
  },
});

df.app.orchestration('chain', function* (context: OrchestrationContext) {
  const a: string = yield context.df.callActivity('hello', 'Tokyo');
  const b: string = yield context.df.callActivity('hello', 'Seattle');
  const c: string = yield context.df.callActivity('hello', 'London');
  return [a, b, c];
});

df.app.orchestration('fanOut', function* (context: OrchestrationContext) {
  const count = context.df.getInput<number>();
  const tasks = Array.from({ length: count }, (_, i) => context.df.callActivity('double', i));
  const results: number[] = yield context.df.Task.all(tasks);
  return results.reduce((sum, n) => sum + n, 0);
});

/** Human interaction: an approval event races a deadline timer. */
df.app.orchestration('approval', function* (context: OrchestrationContext) {
  const hours = context.df.getInput<number>();
  const deadline = new Date(context.df.currentUtcDateTime.getTime() + hours * hour);
  const timer = context.df.createTimer(deadline);
  const approval = context.df.waitForExternalEvent('Approval');
  const winner: unknown = yield context.df.Task.any([approval, timer]);
  if (winner === approval) {
    timer.cancel();
    return { outcome: 'approved', by: approval.result, at: context.df.currentUtcDateTime.toISOString() };
  }
  return { outcome: 'escalated', at: context.df.currentUtcDateTime.toISOString() };
});

df.app.orchestration('sleepDays', function* (context: OrchestrationContext) {
  const days = context.df.getInput<number>();
  const startedAt = context.df.currentUtcDateTime.getTime();
  yield context.df.createTimer(new Date(startedAt + days * day));
  return (context.df.currentUtcDateTime.getTime() - startedAt) / day;
});

df.app.orchestration('retrying', function* (context: OrchestrationContext) {
  const input = context.df.getInput<{
    key: string;
    failures: number;
    attempts: number;
    timeoutMs?: number;
  }>();
  const options = new df.RetryOptions(1000, input.attempts);
  if (input.timeoutMs !== undefined) options.retryTimeoutInMilliseconds = input.timeoutMs;
  try {
    const result: string = yield context.df.callActivityWithRetry('flaky', options, {
      key: input.key,
      failures: input.failures,
    });
    return { result };
  } catch (error) {
    return { gaveUp: error instanceof Error ? error.message : String(error) };
  }
});

df.app.orchestration('catching', function* (context: OrchestrationContext) {
  try {
    yield context.df.callActivity('flaky', { key: context.df.getInput<string>(), failures: 1 });
    return 'no error';
  } catch (error) {
    return `caught: ${error instanceof Error ? error.message : String(error)}`;
  }
});

df.app.orchestration('parent', function* (context: OrchestrationContext) {
  const child: string[] = yield context.df.callSubOrchestrator(
    'chain',
    undefined,
    `${context.df.instanceId}-child`,
  );
  let failure = '';
  try {
    yield context.df.callSubOrchestrator('failing', 'boom');
  } catch (error) {
    failure = error instanceof Error ? error.message : String(error);
  }
  return { child, failure };
});

df.app.orchestration('failing', function* (context: OrchestrationContext) {
  yield context.df.callActivity('hello', 'first');
  throw new Error(`child failed: ${context.df.getInput<string>()}`);
});

/** A child that fails while its activity does (no retry of its own): the parent retries the child. */
df.app.orchestration('flakyChild', function* (context: OrchestrationContext) {
  const input = context.df.getInput<{ key: string; failures: number }>();
  const result: string = yield context.df.callActivity('flaky', input);
  return `child ${result}`;
});

df.app.orchestration('retryingParent', function* (context: OrchestrationContext) {
  const input = context.df.getInput<{ key: string; failures: number }>();
  const result: string = yield context.df.callSubOrchestratorWithRetry(
    'flakyChild',
    new df.RetryOptions(1000, 3),
    input,
  );
  return result;
});

/** An eternal loop: wakes hourly, continues as new until its counter reaches the input's limit. */
df.app.orchestration('eternal', function* (context: OrchestrationContext) {
  const state = context.df.getInput<{ n: number; limit: number }>();
  if (state.n >= state.limit) return state.n;
  yield context.df.createTimer(new Date(context.df.currentUtcDateTime.getTime() + hour));
  context.df.continueAsNew({ n: state.n + 1, limit: state.limit });
  return undefined;
});

/** Collects `Item` events one generation at a time: one wait per generation, then continue-as-new. */
df.app.orchestration('collector', function* (context: OrchestrationContext) {
  const seen = context.df.getInput<string[]>();
  if (seen.length >= 3) return seen;
  const item: string = yield context.df.waitForExternalEvent('Item');
  context.df.continueAsNew([...seen, item]);
  return undefined;
});

/**
 * Generation 0 waits for `Item` and continues as new; generation 1 races `Early` against an hour.
 * An `Early` raised during generation 0 was received there and never consumed.
 */
df.app.orchestration('forgetful', function* (context: OrchestrationContext) {
  const generation = context.df.getInput<number>();
  if (generation === 0) {
    yield context.df.waitForExternalEvent('Item');
    context.df.continueAsNew(1);
    return undefined;
  }
  const early = context.df.waitForExternalEvent('Early');
  const timer = context.df.createTimer(new Date(context.df.currentUtcDateTime.getTime() + hour));
  const winner: unknown = yield context.df.Task.any([early, timer]);
  if (winner === early) timer.cancel();
  return winner === early ? 'early seen' : 'early discarded';
});

/** Waits an hour before it starts listening: events raised earlier must be buffered. */
df.app.orchestration('lateListener', function* (context: OrchestrationContext) {
  yield context.df.createTimer(new Date(context.df.currentUtcDateTime.getTime() + hour));
  const first: string = yield context.df.waitForExternalEvent('Go');
  const second: string = yield context.df.waitForExternalEvent('Go');
  return [first, second];
});

df.app.orchestration('waiter', function* (context: OrchestrationContext) {
  context.df.setCustomStatus({ stage: 'waiting' });
  const value: unknown = yield context.df.waitForExternalEvent('Done');
  context.df.setCustomStatus({ stage: 'done' });
  return value;
});

/** Its first action depends on a knob, so flipping the knob mid-flight changes "the code". */
df.app.orchestration('fickle', function* (context: OrchestrationContext) {
  yield context.df.callActivity(knobs.flipChoice ? 'double' : 'hello', 'original');
  yield context.df.waitForExternalEvent('Continue');
  return 'done';
});

df.app.orchestration('bigStatus', function* (context: OrchestrationContext) {
  context.df.setCustomStatus('x'.repeat(context.df.getInput<number>()));
  yield context.df.callActivity('hello', 'status');
  return 'done';
});

/**
 * A test's remote control for `df.getClient`: one client operation per invocation, so the test
 * can let the engine work between operations.
 */
app.http('client', {
  route: 'client',
  methods: ['POST'],
  authLevel: 'anonymous',
  extraInputs: [df.input.durableClient()],
  handler: async (request: HttpRequest, context: InvocationContext) => {
    const client = df.getClient(context);
    const body = (await request.json()) as {
      op: string;
      name?: string;
      id?: string;
      input?: unknown;
      event?: string;
      reason?: string;
      statuses?: df.OrchestrationRuntimeStatus[];
      from?: string;
      showHistory?: boolean;
    };
    const id = body.id ?? '';
    switch (body.op) {
      case 'start':
        return {
          jsonBody: {
            id: await client.startNew(body.name ?? '', {
              ...(body.id ? { instanceId: body.id } : {}),
              input: body.input,
            }),
          },
        };
      case 'status':
        return {
          jsonBody: await client.getStatus(id, {
            showHistory: body.showHistory ?? false,
            showHistoryOutput: body.showHistory ?? false,
            showInput: true,
          }),
        };
      case 'raise':
        await client.raiseEvent(id, body.event ?? '', body.input);
        return { jsonBody: { raised: true } };
      case 'terminate':
        await client.terminate(id, body.reason ?? '');
        return { jsonBody: { terminated: true } };
      case 'suspend':
        await client.suspend(id, body.reason ?? '');
        return { jsonBody: { suspended: true } };
      case 'resume':
        await client.resume(id, body.reason ?? '');
        return { jsonBody: { resumed: true } };
      case 'query':
        return {
          jsonBody: await client.getStatusBy({
            ...(body.statuses ? { runtimeStatus: body.statuses } : {}),
            ...(body.from ? { createdTimeFrom: new Date(body.from) } : {}),
          }),
        };
      case 'purge':
        return { jsonBody: await client.purgeInstanceHistory(id) };
      case 'checkStatus':
        return client.createCheckStatusResponse(request, id);
      default:
        return { status: 400, jsonBody: { error: `unknown op ${body.op}` } };
    }
  },
});
