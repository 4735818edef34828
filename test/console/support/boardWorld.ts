import { InflightWorld, siteIn } from '../../inflight/support/inflightWorld';

export const boardDay = '2026-11-25';

/** A site `eastKm` east of the technicians' Namur home. */
const siteAt = (region: string, eastKm: number) => ({
  ...siteIn(region),
  latitude: 50.46,
  longitude: 4.86 + eastKm / 71,
});

/**
 * The whole app in virtual time with two smart-meter technicians and a gas one in `region`, and two
 * customers who booked Wednesday afternoon (2 km and 20 km out). Returns the booked work-order ids.
 */
export async function startBoardWorld(
  region: string,
): Promise<{ world: InflightWorld; technicianIds: string[]; booked: string[] }> {
  const world = new InflightWorld();
  const technicianIds = [`T-${region}-A`, `T-${region}-B`];
  await world.start([
    ...technicianIds.map((id) => InflightWorld.technician(id, region)),
    InflightWorld.technician(`T-${region}-GAS`, region, ['gas']),
  ]);
  const afternoon = (slots: string[]) => slots.find((s) => s.includes(`${boardDay}~1200`));
  const booked: string[] = [];
  for (const [externalId, km] of [
    [`${region}-NEAR`, 2],
    [`${region}-FAR`, 20],
  ] as const)
    booked.push((await world.booked(externalId, { site: siteAt(region, km) }, afternoon)).order.workOrderId);
  return { world, technicianIds, booked };
}
