import type { TokenCredential } from '@azure/identity';
import { describe, expect, it } from 'vitest';
import { azureMapsTravel } from '../../shared/adapters/maps/routeMatrix';

const credential: TokenCredential = {
  getToken: () => Promise.resolve({ token: 'entra-token', expiresOnTimestamp: Date.now() + 3_600_000 }),
};

function recordingFetch(status = 200, cellStatus = 200) {
  const calls: {
    url: string;
    headers: Record<string, string>;
    body: { origins: { coordinates: number[][] }; destinations: { coordinates: number[][] } };
  }[] = [];
  const fake = (async (url: string, init: RequestInit) => {
    const body = JSON.parse(String(init.body));
    calls.push({ url, headers: init.headers as Record<string, string>, body });
    const matrix = body.origins.coordinates.map((o: number[]) =>
      body.destinations.coordinates.map((d: number[]) => ({
        statusCode: cellStatus,
        response: { routeSummary: { travelTimeInSeconds: Math.round(Math.abs(o[1]! - d[1]!) * 60_000) } },
      })),
    );
    return new Response(JSON.stringify({ matrix }), { status });
  }) as unknown as typeof fetch;
  return { calls, fake };
}

const points = Array.from({ length: 12 }, (_, k) => ({ latitude: 51 + k / 100, longitude: 4.4 }));

describe('Azure Maps route matrix adapter', () => {
  it('asks with an Entra token and the client id, in tiles of at most 100 cells, lon/lat order', async () => {
    const { calls, fake } = recordingFetch();
    const port = azureMapsTravel({ clientId: 'maps-client', credential, fetch: fake });
    const result = await port.matrix(points, points, '2026-12-02');
    expect(result.ok).toBe(true);
    expect(calls).toHaveLength(4);
    expect(
      calls.every((c) => c.body.origins.coordinates.length * c.body.destinations.coordinates.length <= 100),
    ).toBe(true);
    expect(calls[0]!.headers).toMatchObject({
      authorization: 'Bearer entra-token',
      'x-ms-client-id': 'maps-client',
    });
    expect(calls[0]!.url).toContain('/route/matrix/sync/json?api-version=1.0');
    expect(calls[0]!.body.origins.coordinates[1]).toEqual([4.4, 51.01]);
    if (result.ok) expect(result.value.minutes[1 * 12 + 3]).toBeCloseTo(20, 5);
  });

  it('answers a second ask of the same day from its cache, and asks again the next day', async () => {
    const { calls, fake } = recordingFetch();
    const port = azureMapsTravel({ clientId: 'maps-client', credential, fetch: fake });
    await port.matrix(points, points, '2026-12-02');
    await port.matrix(points.slice(0, 5), points.slice(0, 5), '2026-12-02');
    expect(calls).toHaveLength(4);
    await port.matrix(points.slice(0, 5), points.slice(0, 5), '2026-12-03');
    expect(calls).toHaveLength(5);
  });

  it('fails rather than guess when the service refuses or a cell has no route', async () => {
    const refused = azureMapsTravel({ clientId: 'c', credential, fetch: recordingFetch(403).fake });
    expect(await refused.matrix(points, points, '2026-12-02')).toEqual({
      ok: false,
      error: 'Azure Maps route matrix answered 403',
    });
    const noRoute = azureMapsTravel({ clientId: 'c', credential, fetch: recordingFetch(200, 400).fake });
    expect((await noRoute.matrix(points, points, '2026-12-02')).ok).toBe(false);
  });
});
