import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { InvocationContext } from '@azure/functions';
import * as df from 'durable-functions';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { getJourney, startJourney } from '../../orchestrations/journey/client';
import { journeyInstanceId, journeyOrchestrationName } from '../../orchestrations/journey/contract';

/*
 * The real durable-functions client against a stand-in for the extension's HTTP API, so the test
 * sees the errors the library really raises: a 404 for an unknown instance, a 500/503 when the
 * task hub's storage is throttled. Only the first may start a journey; with the extension's default
 * `overridableExistingInstanceStates` a start on a running instance would replace it.
 */
interface Call {
  readonly method: string;
  readonly path: string;
}

let server: Server;
let baseUrl = '';
let statusAnswer: { status: number; body?: unknown } = { status: 404 };
const calls: Call[] = [];

beforeAll(async () => {
  server = createServer((request, response) => {
    const path = new URL(request.url ?? '/', 'http://x').pathname;
    calls.push({ method: request.method ?? '', path });
    request.resume();
    request.on('end', () => {
      if (request.method === 'GET' && path.startsWith('/durabletask/instances/')) {
        response.writeHead(statusAnswer.status, { 'content-type': 'application/json' });
        response.end(statusAnswer.body === undefined ? '' : JSON.stringify(statusAnswer.body));
        return;
      }
      if (
        request.method === 'POST' &&
        path.startsWith(`/durabletask/orchestrators/${journeyOrchestrationName}/`)
      ) {
        const id = decodeURIComponent(path.split('/').pop() ?? '');
        response.writeHead(202, { 'content-type': 'application/json' });
        response.end(JSON.stringify({ id }));
        return;
      }
      response.writeHead(404).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/durabletask/`;
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});

beforeEach(() => {
  calls.length = 0;
});

/** The client the library builds from a durableClient input, as a function receives it. */
const client = (): df.DurableClient => {
  const binding = df.input.durableClient();
  const clientData = {
    taskHubName: 'FieldlineHub',
    creationUrls: {
      createNewInstancePostUri: `${baseUrl}x`,
      createAndWaitOnNewInstancePostUri: `${baseUrl}x`,
    },
    managementUrls: {
      id: 'INSTANCEID',
      statusQueryGetUri: `${baseUrl}x`,
      sendEventPostUri: `${baseUrl}x`,
      terminatePostUri: `${baseUrl}x`,
      rewindPostUri: `${baseUrl}x`,
      purgeHistoryDeleteUri: `${baseUrl}x`,
      suspendPostUri: `${baseUrl}x`,
      resumePostUri: `${baseUrl}x`,
    },
    baseUrl,
    requiredQueryStringParameters: '',
    rpcBaseUrl: baseUrl,
  };
  const context = { options: { extraInputs: [binding] }, extraInputs: { get: () => clientData } };
  return df.getClient(context as unknown as InvocationContext);
};

const starts = () => calls.filter((call) => call.method === 'POST');
const input = { workOrderId: 'wo-1', correlationId: 'c-1' };

const runningStatus = {
  name: journeyOrchestrationName,
  instanceId: journeyInstanceId('wo-1'),
  runtimeStatus: 'Running',
  createdTime: '2026-11-23T09:00:00Z',
  lastUpdatedTime: '2026-11-23T09:05:00Z',
  input,
  output: null,
  customStatus: null,
};

describe('starting a work order journey', () => {
  it('starts one when Durable says there is no such instance', async () => {
    statusAnswer = { status: 404 };
    expect(await startJourney(client(), input)).toBe('started');
    expect(starts()).toHaveLength(1);
  });

  it('leaves a running journey alone on a second start', async () => {
    statusAnswer = { status: 200, body: runningStatus };
    expect(await startJourney(client(), input)).toBe('alreadyStarted');
    expect(starts()).toEqual([]);
  });

  it.each([500, 503])('raises, never restarts, when reading the status fails with %i', async (status) => {
    statusAnswer = { status, body: { message: 'The remote server returned an error: (503) Server Busy.' } };
    await expect(startJourney(client(), input)).rejects.toThrow();
    expect(starts()).toEqual([]);
  });

  it('reads an unknown journey as absent, and a failing read as an error, not as absent', async () => {
    statusAnswer = { status: 404 };
    expect(await getJourney(client(), 'wo-1')).toBeUndefined();
    statusAnswer = { status: 500 };
    await expect(getJourney(client(), 'wo-1')).rejects.toThrow();
  });
});
