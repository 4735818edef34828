import { defaultClockSkewMinutes } from '../../shared/fieldwork/deviceTime';
import type { Settings } from '../../shared/adapters/clients';

export const fieldworkSettingNames = { clockSkewMinutes: 'TechnicianClockSkewMinutes' } as const;

/** How far before its receipt a phone's clock is believed (docs/ARCHITECTURE.md, "Device time"). */
export function clockSkewMs(settings: Settings = process.env): number {
  const raw = settings[fieldworkSettingNames.clockSkewMinutes]?.trim();
  if (raw === undefined || raw === '') return defaultClockSkewMinutes * 60_000;
  const minutes = Number(raw);
  if (!Number.isInteger(minutes) || minutes < 0 || minutes > 24 * 60) {
    throw new Error(
      `${fieldworkSettingNames.clockSkewMinutes}: must be a whole number of minutes, 0 to 1440`,
    );
  }
  return minutes * 60_000;
}
