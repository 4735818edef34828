import { azureCredential } from '../../shared/adapters/clients/credential';
import { cosmosBookingStore } from '../../shared/adapters/cosmos/bookingStore';
import { cosmosIntakeStore } from '../../shared/adapters/cosmos/intakeStore';
import { cosmosPlanStore } from '../../shared/adapters/cosmos/planStore';
import { azureMapsTravel } from '../../shared/adapters/maps/routeMatrix';
import type { BookingRoutes } from '../../shared/booking/bookingPorts';
import { appClock } from '../../shared/clock';
import { bookingRoutes } from '../../shared/dispatch/bookingRoutes';
import { legSource, type LegSource } from '../../shared/dispatch/legMinutes';
import type { PlanStore } from '../../shared/dispatch/planStore';
import type { TravelTimePort } from '../../shared/dispatch/travelTime';
import { cosmos, perSettings, type Settings } from '../platform';

export const dispatchSettingNames = { azureMapsClientId: 'AzureMapsClientId' } as const;

/**
 * Azure Maps Route Matrix when `AzureMapsClientId` names an account (Entra ID through the app's
 * identity, never a key); made once per client id so its per-day cache lives as long as the process.
 * Without it the planner and the slot check price travel great-circle.
 */
export function travelPort(settings: Settings = process.env): TravelTimePort | undefined {
  const clientId = settings[dispatchSettingNames.azureMapsClientId]?.trim();
  if (!clientId) return undefined;
  return perSettings(`azureMaps:${clientId}`, () =>
    azureMapsTravel({ clientId, credential: azureCredential() }),
  );
}

export const travelLegs = (settings: Settings = process.env): LegSource => legSource(travelPort(settings));

export const planStore = (settings: Settings = process.env): PlanStore => cosmosPlanStore(cosmos(settings));

/** The day's routes booking consults and updates (travel-aware booking), each change on the timelines. */
export function routesForBooking(timeZone: string, settings: Settings = process.env): BookingRoutes {
  const bookings = cosmosBookingStore(cosmos(settings));
  return bookingRoutes({
    plans: planStore(settings),
    techniciansIn: (region) => bookings.techniciansIn(region),
    legs: travelLegs(settings),
    timeZone,
    now: () => appClock().now(),
    recordEvent: (event) => cosmosIntakeStore(cosmos(settings)).addTimelineEvent(event),
  });
}
