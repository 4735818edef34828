import { Appointment } from '../../scheduling/appointment';
import type { CosmosStore } from '../clients/cosmos';

/**
 * A technician's booked visits starting in [from, to): one query inside the technician's
 * partition of `appointments` (the partition key is in the WHERE, as the emulator requires).
 */
export async function appointmentsOf(
  store: CosmosStore,
  technicianId: string,
  from: string,
  to: string,
): Promise<Appointment[]> {
  const { resources } = await store
    .container('appointments')
    .items.query(
      {
        query:
          "SELECT * FROM c WHERE c.technicianId = @id AND c.windowStart >= @from AND c.windowStart < @to AND c.status = 'booked' ORDER BY c.windowStart",
        parameters: [
          { name: '@id', value: technicianId },
          { name: '@from', value: from },
          { name: '@to', value: to },
        ],
      },
      { partitionKey: technicianId },
    )
    .fetchAll();
  return resources.map((resource) => Appointment.parse(resource));
}
