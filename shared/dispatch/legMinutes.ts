import type { GeoPoint } from '../common/geo';
import { dayLocations } from './planDay';
import type { DayInput } from './dayInput';
import { greatCircleMinutes, type TravelMatrix, type TravelTimePort } from './travelTime';

export type LegMinutes = (from: GeoPoint, to: GeoPoint) => number;

const key = (p: GeoPoint): string => `${p.latitude.toFixed(5)},${p.longitude.toFixed(5)}`;

/**
 * Travel between two points read from a day's matrix (as `planDay` reads it), so the slot check and
 * the nightly plan price a leg the same; a pair the matrix does not hold is priced great-circle.
 */
export function legsFrom(points: readonly GeoPoint[], matrix: TravelMatrix): LegMinutes {
  const index = new Map<string, number>();
  points.forEach((point, k) => {
    if (!index.has(key(point))) index.set(key(point), k);
  });
  return (from, to) => {
    const i = index.get(key(from));
    const j = index.get(key(to));
    if (i === undefined || j === undefined) return greatCircleMinutes(from, to);
    return matrix.minutes[i * matrix.destinations + j]!;
  };
}

/** A day's travel matrix priced by a leg function, in `dayLocations` order. */
export function matrixOf(input: DayInput, legs: LegMinutes): TravelMatrix {
  const points = dayLocations(input);
  const minutes = new Float64Array(points.length * points.length);
  points.forEach((from, i) =>
    points.forEach((to, j) => {
      minutes[i * points.length + j] = i === j ? 0 : legs(from, to);
    }),
  );
  return { origins: points.length, destinations: points.length, minutes };
}

/** How a day's legs are priced: from the travel-time port's matrix over the points, or great-circle. */
export type LegSource = (date: string, points: readonly GeoPoint[]) => Promise<LegMinutes>;

/**
 * Legs from the port (Azure Maps when configured). A failed answer prices the whole day great-circle
 * rather than mixing the two models within one route.
 */
export function legSource(port: TravelTimePort | undefined): LegSource {
  return async (date, points) => {
    if (port === undefined || points.length === 0) return (from, to) => greatCircleMinutes(from, to);
    const matrix = await port.matrix(points, points, date);
    return matrix.ok ? legsFrom(points, matrix.value) : (from, to) => greatCircleMinutes(from, to);
  };
}
