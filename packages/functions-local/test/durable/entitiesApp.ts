import { app, type HttpRequest, type InvocationContext } from '@azure/functions';
import * as df from 'durable-functions';
import type { EntityContext, OrchestrationContext } from 'durable-functions';

/** The counter entity and orchestration of the durable-functions samples (samples-ts/functions/counter.ts). */
df.app.entity('counterEntity', (context: EntityContext<number>) => {
  let value: number = context.df.getState(() => 0) ?? 0;
  switch (context.df.operationName) {
    case 'add':
      value += context.df.getInput<number>() ?? 0;
      break;
    case 'reset':
      value = 0;
      break;
    case 'get':
      context.df.return(value);
      break;
    default:
      throw new Error(`unknown operation ${context.df.operationName}`);
  }
  context.df.setState(value);
});

df.app.orchestration('counterOrchestration', function* (context: OrchestrationContext) {
  const entityId = new df.EntityId('counterEntity', 'myCounter');
  const current: number = yield context.df.callEntity(entityId, 'get');
  if (current < 10) yield context.df.callEntity(entityId, 'add', 1);
  const after: number = yield context.df.callEntity(entityId, 'get');
  return after;
});

/** A bank account: withdrawing more than the balance fails the operation and leaves the balance. */
df.app.entity('account', (context: EntityContext<number>) => {
  const balance = context.df.getState(() => 0) ?? 0;
  const amount = context.df.getInput<number>() ?? 0;
  switch (context.df.operationName) {
    case 'deposit':
      context.df.setState(balance + amount);
      return;
    case 'withdraw':
      if (amount > balance) throw new Error('insufficient funds');
      context.df.setState(balance - amount);
      return;
    case 'balance':
      context.df.return(balance);
      return;
    case 'delete':
      context.df.destructOnExit();
      return;
    default:
      throw new Error(`unknown operation ${context.df.operationName}`);
  }
});

/** Forwards its input to a counter by signal, entity to entity. */
df.app.entity('relay', (context: EntityContext<null>) => {
  context.df.signalEntity(
    new df.EntityId('counterEntity', context.df.entityKey),
    'add',
    context.df.getInput<number>(),
  );
});

/** Moves money between two accounts inside a critical section, reading both balances while locked. */
df.app.orchestration('transfer', function* (context: OrchestrationContext) {
  const { from, to, amount } = context.df.getInput<{ from: string; to: string; amount: number }>();
  const source = new df.EntityId('account', from);
  const target = new df.EntityId('account', to);
  const lock: df.DurableLock = yield context.df.lock([source, target]);
  const locked = context.df.isLocked().isLocked;
  const balance: number = yield context.df.callEntity(source, 'balance');
  if (balance < amount) {
    lock.release();
    return { moved: false, locked };
  }
  yield context.df.callEntity(source, 'withdraw', amount);
  yield context.df.callEntity(target, 'deposit', amount);
  lock.release();
  return { moved: true, locked, releasedAfter: !context.df.isLocked().isLocked };
});

/** Holds a lock on an account and waits for an event before releasing it. */
df.app.orchestration('holder', function* (context: OrchestrationContext) {
  const lock: df.DurableLock = yield context.df.lock(
    new df.EntityId('account', context.df.getInput<string>()),
  );
  yield context.df.waitForExternalEvent('Release');
  lock.release();
  return 'released';
});

df.app.orchestration('overdraw', function* (context: OrchestrationContext) {
  try {
    yield context.df.callEntity(new df.EntityId('account', 'poor'), 'withdraw', 100);
    return 'withdrawn';
  } catch (error) {
    return { refused: error instanceof Error };
  }
});

df.app.orchestration('signaller', function* (context: OrchestrationContext) {
  context.df.signalEntity(new df.EntityId('counterEntity', 'signalled'), 'add', 5);
  context.df.signalEntity(new df.EntityId('relay', 'signalled'), 'forward', 2);
  yield context.df.createTimer(context.df.currentUtcDateTime);
  return 'sent';
});

df.app.orchestration('callsMissingEntity', function* (context: OrchestrationContext) {
  yield context.df.callEntity(new df.EntityId('nosuchentity', 'k'), 'get');
  return 'unreachable';
});

/** callHttp as listAzureSubscriptions uses it, without the managed identity. */
df.app.orchestration('httpCaller', function* (context: OrchestrationContext) {
  const input = context.df.getInput<{ url: string; polling?: boolean }>();
  const response: { statusCode: number; content?: string } = yield context.df.callHttp({
    method: 'POST',
    url: input.url,
    body: { order: 7 },
    headers: { 'x-functions-key': 'function-key', 'x-trace': 'abc' },
    ...(input.polling === undefined ? {} : { enablePolling: input.polling }),
  });
  return { statusCode: response.statusCode, content: response.content };
});

app.http('client', {
  methods: ['POST'],
  extraInputs: [df.input.durableClient()],
  handler: async (request: HttpRequest, context: InvocationContext) => {
    const client = df.getClient(context);
    const body = (await request.json()) as {
      op: string;
      name: string;
      key: string;
      operation?: string;
      input?: unknown;
    };
    const entityId = new df.EntityId(body.name, body.key);
    switch (body.op) {
      case 'signal':
        await client.signalEntity(entityId, body.operation, body.input);
        return { jsonBody: { signalled: true } };
      case 'read': {
        const state = await client.readEntityState<number>(entityId);
        return { jsonBody: { exists: state.entityExists, state: state.entityState ?? null } };
      }
      default:
        return { status: 400, jsonBody: { error: `unknown op ${body.op}` } };
    }
  },
});
