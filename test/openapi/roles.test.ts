import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '@fieldline/functions-local';
import { DurableEngine } from '@fieldline/functions-local';
import { Role } from '../../shared/identity';
import { aWorkOrder } from '../journey/support/fixtures';
import { signedInAs, startTestRuntime, type TestRuntime } from '../support/runtime';

interface Grant {
  readonly role: string;
  readonly scope: 'any' | 'own';
}
interface Operation {
  readonly method: string;
  readonly path: string;
  readonly operationId: string;
  readonly grants: readonly Grant[];
  /** A staff page documents a 302 to the sign-in for a visitor who is not signed in, not a 401. */
  readonly signIn: boolean;
}

const own = 'tech-own';
const ids: Record<string, string> = { caseId: 'CASE-000999', workOrderId: 'WO-ROLES', technicianId: own };
/**
 * Bodies an operation accepts, so an own-work check (made after validation) is what answers. Each
 * caller sends its own status update id: a replay of an update already applied is answered as a
 * duplicate before anything else (phones replay after reassignment too).
 */
const bodiesFor = (caller: string): Record<string, unknown> => ({
  technicianStatusUpdate: {
    updateId: `roles-${caller}`,
    clientTimestamp: '2026-01-05T09:00:00Z',
    status: 'enRoute',
    eta: '2026-01-05T10:00:00Z',
  },
  technicianPhotoUpload: { contentType: 'image/jpeg' },
  technicianRaiseCase: { title: 'Loose cable' },
});

/** What the document promises for a caller: let in (any answer but 401/403), or 403. */
const promised = (grants: readonly Grant[], role: string, userId: string): 'allowed' | 403 =>
  grants.some((grant) => grant.role === role && (grant.scope === 'any' || userId === own)) ? 'allowed' : 403;

/*
 * Every operation of the OpenAPI document, called with no principal and with each app role in
 * turn (a technician both on their own work and on someone else's), against what the document's
 * `x-roles` says. Nothing here restates the roles: the document is the expectation.
 */
describe('roles in the OpenAPI document are the roles the functions enforce', () => {
  let rt: TestRuntime;
  let operations: Operation[] = [];

  beforeAll(async () => {
    rt = await startTestRuntime({
      app: () => import('../kpis/support/reportingTestApp'),
      clock: new ManualClock(Date.parse('2026-01-05T09:00:00Z')),
      plugins: [new DurableEngine()],
    });
    await rt.cosmos!.container('workOrders').items.upsert(
      aWorkOrder({
        id: ids['workOrderId'],
        externalId: ids['workOrderId'],
        state: { status: 'Dispatched', appointmentId: 'AP-ROLES', technicianId: own },
      }),
    );
    const document = (await (await rt.fetch('/api/openapi.json')).json()) as { paths: unknown };
    operations = Object.entries(
      document.paths as Record<string, Record<string, Record<string, unknown>>>,
    ).flatMap(([path, methods]) =>
      Object.entries(methods)
        .filter(([, operation]) => operation['x-roles'] !== undefined)
        .map(([method, operation]) => ({
          method,
          path,
          operationId: operation['operationId'] as string,
          grants: operation['x-roles'] as Grant[],
          signIn: '302' in (operation['responses'] as Record<string, unknown>),
        })),
    );
  }, 60_000);
  afterAll(async () => {
    await rt?.stop();
  });

  const call = async (operation: Operation, caller: string, headers: Record<string, string>) => {
    const path = operation.path.replace(/\{(\w+)\}/g, (_, name: string) => ids[name] ?? name);
    const body = bodiesFor(caller)[operation.operationId] ?? {};
    const response = await rt.fetch(`/api${path}`, {
      method: operation.method.toUpperCase(),
      redirect: 'manual',
      headers: { 'content-type': 'application/json', ...headers },
      ...(operation.method === 'get' ? {} : { body: JSON.stringify(body) }),
    });
    await response.text();
    const signInPage =
      response.status === 302 && response.headers.get('location')?.startsWith('/.auth/login');
    return signInPage ? 'sign-in' : response.status;
  };

  it('lists roles for every operation', () => {
    expect(operations.length).toBeGreaterThanOrEqual(13);
    for (const operation of operations)
      expect(operation.grants.length, operation.operationId).toBeGreaterThan(0);
    expect(new Set(operations.flatMap((o) => o.grants.map((g) => g.role)))).toContain('admin');
  });

  it('answers every operation for every role as the document says', async () => {
    const outcomes: string[] = [];
    const expected: string[] = [];
    for (const operation of operations) {
      const anonymous = await call(operation, 'anonymous', {});
      outcomes.push(`${operation.operationId} anonymous ${anonymous}`);
      expected.push(`${operation.operationId} anonymous ${operation.signIn ? 'sign-in' : 401}`);
      const callers = [
        ...Role.options.map((role) => ({ role, userId: own })),
        { role: 'technician' as const, userId: 'tech-other' },
      ];
      for (const { role, userId } of callers) {
        const status = await call(operation, `${role}-${userId}`, signedInAs({ userId, roles: [role] }));
        const seen = status === 'sign-in' ? 401 : status === 401 || status === 403 ? status : 'allowed';
        outcomes.push(`${operation.operationId} ${role}/${userId} ${seen}`);
        expected.push(
          `${operation.operationId} ${role}/${userId} ${promised(operation.grants, role, userId)}`,
        );
      }
    }
    expect(outcomes).toEqual(expected);
  }, 120_000);
});
