import type { GeoPoint } from '../common/geo';
import type { Result } from '../result';

/** Minutes from every origin to every destination, row-major (origins × destinations). */
export interface TravelMatrix {
  readonly origins: number;
  readonly destinations: number;
  readonly minutes: Float64Array;
}

/**
 * The optimiser's only I/O: travel times between points on a day. The default is computed here; the
 * Azure Maps Route Matrix adapter (`shared/adapters/maps`) answers from the road network.
 */
export interface TravelTimePort {
  matrix(
    origins: readonly GeoPoint[],
    destinations: readonly GeoPoint[],
    date: string,
  ): Promise<Result<TravelMatrix, string>>;
}

export interface GreatCircleModel {
  /** Roads are longer than the straight line; 1.3 is the usual detour factor for European roads. */
  readonly roadFactor: number;
  readonly speedKmh: number;
}

export const defaultTravelModel: GreatCircleModel = { roadFactor: 1.3, speedKmh: 40 };

const EARTH_RADIUS_KM = 6371.0088;
const RAD = Math.PI / 180;

/** Haversine distance in kilometres. */
export function greatCircleKm(a: GeoPoint, b: GeoPoint): number {
  const dLat = (b.latitude - a.latitude) * RAD;
  const dLon = (b.longitude - a.longitude) * RAD;
  const h =
    Math.sin(dLat / 2) ** 2 +
    Math.cos(a.latitude * RAD) * Math.cos(b.latitude * RAD) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(h)));
}

export function greatCircleMinutes(
  a: GeoPoint,
  b: GeoPoint,
  model: GreatCircleModel = defaultTravelModel,
): number {
  return (greatCircleKm(a, b) * model.roadFactor * 60) / model.speedKmh;
}

export function greatCircleMatrix(
  origins: readonly GeoPoint[],
  destinations: readonly GeoPoint[],
  model: GreatCircleModel = defaultTravelModel,
): TravelMatrix {
  const minutes = new Float64Array(origins.length * destinations.length);
  for (let i = 0; i < origins.length; i++) {
    for (let j = 0; j < destinations.length; j++) {
      minutes[i * destinations.length + j] = greatCircleMinutes(origins[i]!, destinations[j]!, model);
    }
  }
  return { origins: origins.length, destinations: destinations.length, minutes };
}

/** The default port: great-circle distance × road factor at a typical speed. */
export function greatCircleTravel(model: GreatCircleModel = defaultTravelModel): TravelTimePort {
  return {
    matrix: (origins, destinations) =>
      Promise.resolve({ ok: true, value: greatCircleMatrix(origins, destinations, model) }),
  };
}
