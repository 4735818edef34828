import type { TokenCredential } from '@azure/identity';
import type { GeoPoint } from '../../common/geo';
import type { TravelMatrix, TravelTimePort } from '../../dispatch/travelTime';
import type { Result } from '../../result';

/**
 * Azure Maps Route Matrix behind the optimiser's travel-time port.
 *
 * - Auth is Microsoft Entra ID, never a key: a bearer token for `https://atlas.microsoft.com/.default`
 *   plus the account's client id in `x-ms-client-id` (Azure Maps "Authentication with Microsoft Entra
 *   ID"). The client id comes from the `AzureMapsClientId` setting; without it the app uses the
 *   great-circle default.
 * - `POST /route/matrix/sync/json?api-version=1.0` takes GeoJSON MultiPoints ([longitude, latitude])
 *   and answers at most 100 cells (origins × destinations) per call (Post Route Matrix Sync), so the
 *   matrix is requested in 10 × 10 tiles.
 * - A cell whose `statusCode` is not 200 (no road route) is a failed answer, not a guess: the caller
 *   falls back to the great-circle port for the whole day rather than mix the two.
 * - Answers are cached per day and point pair, since a region-day is planned nightly and then
 *   re-checked for every slot offer.
 */
export interface RouteMatrixOptions {
  readonly clientId: string;
  readonly credential: TokenCredential;
  readonly fetch?: typeof fetch;
  readonly endpoint?: string;
}

const TILE = 10;
const SCOPE = 'https://atlas.microsoft.com/.default';

interface MatrixCell {
  readonly statusCode: number;
  readonly response?: { readonly routeSummary?: { readonly travelTimeInSeconds?: number } };
}

const key = (p: GeoPoint): string => `${p.latitude.toFixed(5)},${p.longitude.toFixed(5)}`;

export function azureMapsTravel(options: RouteMatrixOptions): TravelTimePort {
  const doFetch = options.fetch ?? fetch;
  const endpoint = options.endpoint ?? 'https://atlas.microsoft.com';
  const cache = new Map<string, Map<string, number>>();

  async function tile(
    origins: readonly GeoPoint[],
    destinations: readonly GeoPoint[],
  ): Promise<Result<number[][], string>> {
    const token = await options.credential.getToken(SCOPE);
    if (token === null) return { ok: false, error: 'no Microsoft Entra token for Azure Maps' };
    const multiPoint = (points: readonly GeoPoint[]) => ({
      type: 'MultiPoint',
      coordinates: points.map((p) => [p.longitude, p.latitude]),
    });
    const response = await doFetch(`${endpoint}/route/matrix/sync/json?api-version=1.0&travelMode=car`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${token.token}`,
        'x-ms-client-id': options.clientId,
        'content-type': 'application/json',
      },
      body: JSON.stringify({ origins: multiPoint(origins), destinations: multiPoint(destinations) }),
    });
    if (!response.ok) return { ok: false, error: `Azure Maps route matrix answered ${response.status}` };
    const body = (await response.json()) as { matrix?: MatrixCell[][] };
    const rows: number[][] = [];
    for (let i = 0; i < origins.length; i++) {
      const row: number[] = [];
      for (let j = 0; j < destinations.length; j++) {
        const cell = body.matrix?.[i]?.[j];
        const seconds = cell?.response?.routeSummary?.travelTimeInSeconds;
        if (cell?.statusCode !== 200 || seconds === undefined) {
          return { ok: false, error: `no road route for cell ${i},${j}` };
        }
        row.push(seconds / 60);
      }
      rows.push(row);
    }
    return { ok: true, value: rows };
  }

  return {
    async matrix(origins, destinations, date): Promise<Result<TravelMatrix, string>> {
      const day = cache.get(date) ?? new Map<string, number>();
      cache.set(date, day);
      for (const old of cache.keys()) if (old < date) cache.delete(old);
      const minutes = new Float64Array(origins.length * destinations.length);
      for (let oi = 0; oi < origins.length; oi += TILE) {
        for (let di = 0; di < destinations.length; di += TILE) {
          const os = origins.slice(oi, oi + TILE);
          const ds = destinations.slice(di, di + TILE);
          const known = os.every((o) => ds.every((d) => day.has(`${key(o)}>${key(d)}`)));
          if (!known) {
            const answer = await tile(os, ds);
            if (!answer.ok) return answer;
            os.forEach((o, i) => ds.forEach((d, j) => day.set(`${key(o)}>${key(d)}`, answer.value[i]![j]!)));
          }
          os.forEach((o, i) =>
            ds.forEach((d, j) => {
              minutes[(oi + i) * destinations.length + di + j] = day.get(`${key(o)}>${key(d)}`)!;
            }),
          );
        }
      }
      return { ok: true, value: { origins: origins.length, destinations: destinations.length, minutes } };
    },
  };
}
