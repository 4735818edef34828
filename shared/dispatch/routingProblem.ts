/**
 * The optimiser's own view of a problem: numbered jobs and vehicles in flat typed arrays, so the search
 * loop reads numbers, never objects. Solomon instances and technician days are both translated into
 * this shape (`solomonInstance.ts`, `technicianDay.ts`); the search knows neither.
 *
 * Times and travel share one unit. A job's service starts inside [ready, due]; a vehicle leaves its
 * start location no earlier than `shiftStart` and reaches its end location no later than `shiftEnd`.
 */
export interface RoutingProblem {
  readonly jobCount: number;
  readonly vehicleCount: number;
  readonly locationCount: number;
  /** locationCount × locationCount, row = from. Travel time, also the cost minimised. */
  readonly travel: Float64Array;
  readonly jobLocation: Int32Array;
  readonly jobReady: Float64Array;
  readonly jobDue: Float64Array;
  readonly jobService: Float64Array;
  readonly jobDemand: Float64Array;
  /** What leaving the job unassigned weighs (priority); the search first minimises the sum. */
  readonly jobWeight: Float64Array;
  readonly vehicleStart: Int32Array;
  readonly vehicleEnd: Int32Array;
  readonly vehicleShiftStart: Float64Array;
  readonly vehicleShiftEnd: Float64Array;
  readonly vehicleCapacity: Float64Array;
  readonly vehicleMaxJobs: Int32Array;
  /** jobCount × vehicleCount, 1 = the vehicle may serve the job (skills, availability); null = all may. */
  readonly allowed: Uint8Array | null;
  /** Per vehicle, [start, end) intervals in which no service may run (breaks). */
  readonly vehicleBreaks: readonly (readonly (readonly [number, number])[])[];
  /** Per vehicle, jobs fixed at the head of its route in this order (dispatched, en route, on site). */
  readonly pinned: readonly (readonly number[])[];
  /** Cost of each vehicle that leaves at all; large when the fleet size itself is minimised. */
  readonly vehicleFixedCost: number;
  /** Weight of the balance term (spread of working time between used vehicles); 0 for pure VRPTW. */
  readonly balanceWeight: number;
}

export function travelBetween(problem: RoutingProblem, from: number, to: number): number {
  return problem.travel[from * problem.locationCount + to]!;
}
