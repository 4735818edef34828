import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestRuntime, type TestRuntime } from '../support/runtime';

let rt: TestRuntime;
beforeAll(async () => {
  rt = await startTestRuntime({ app: () => import('./samplesApp'), embedded: false });
});
afterAll(async () => {
  await rt.stop();
});

interface CheckStatus {
  readonly id: string;
  readonly statusQueryGetUri: string;
}

/** What a sample user does: POST to httpStart, then follow statusQueryGetUri until it answers 200. */
async function startAndWait(name: string, input?: unknown): Promise<{ status: CheckStatus; body: unknown }> {
  const started = await rt.fetch(`/api/orchestrators/${name}`, {
    method: 'POST',
    ...(input === undefined
      ? {}
      : { body: JSON.stringify(input), headers: { 'content-type': 'application/json' } }),
  });
  expect(started.status).toBe(202);
  const status = (await started.json()) as CheckStatus;
  for (let attempt = 0; attempt < 100; attempt++) {
    const polled = await fetch(status.statusQueryGetUri);
    if (polled.status === 200) return { status, body: await polled.json() };
    expect(polled.status).toBe(202);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`${name} did not finish`);
}

describe('the durable-functions samples’ shapes, HTTP-started through the local runtime', () => {
  it('runs the function chaining sample', async () => {
    const { body } = await startAndWait('helloSequence');
    expect(body).toMatchObject({
      runtimeStatus: 'Completed',
      output: ['Hello Tokyo', 'Hello Seattle', 'Hello Cairo'],
    });
  });

  it('runs fan-out/fan-in', async () => {
    const { body } = await startAndWait('fanOutFanIn', ['a', 'b', 'c', 'd']);
    expect(body).toMatchObject({ runtimeStatus: 'Completed', output: 4 });
  });

  it('runs the counter entity sample, twice, the entity keeping its count', async () => {
    expect((await startAndWait('counterOrchestration')).body).toMatchObject({ output: 1 });
    expect((await startAndWait('counterOrchestration')).body).toMatchObject({ output: 2 });
  });

  it('hands out status URLs carrying the system key, which are refused without it', async () => {
    const { status } = await startAndWait('helloSequence');
    const url = new URL(status.statusQueryGetUri);
    expect(url.searchParams.get('code')).toBeTruthy();
    url.searchParams.delete('code');
    expect((await fetch(url)).status).toBe(401);
  });
});
