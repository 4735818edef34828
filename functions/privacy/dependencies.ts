import { personFiles } from '../../shared/adapters/blob/personFiles';
import { personalDataStore } from '../../shared/adapters/cosmos/personalDataStore';
import { privacyRecords } from '../../shared/adapters/cosmos/privacyRecords';
import { appClock } from '../../shared/clock';
import type { ErasureDependencies } from '../../orchestrations/privacy';
import { booking } from '../booking';
import { blobs, cosmos, perSettings, type Settings } from '../platform';

export const privacySettingNames = {
  retentionDays: 'PersonalDataRetentionDays',
  fileRetentionDays: 'FileRetentionDays',
} as const;

export interface RetentionRules {
  /** Days after a work order closes or is cancelled before its personal data is erased. */
  readonly retentionDays: number;
  /** Days after upload before a customer's or technician's file is deleted. */
  readonly fileRetentionDays: number;
}

function days(settings: Settings, name: string, fallback: number): number {
  const raw = settings[name]?.trim();
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1 || value > 3650) {
    throw new Error(`${name}: must be a whole number of days between 1 and 3650`);
  }
  return value;
}

export const retentionRules = (settings: Settings = process.env): RetentionRules =>
  perSettings(
    `retention:${settings['PersonalDataRetentionDays'] ?? ''}:${settings['FileRetentionDays'] ?? ''}`,
    () => ({
      retentionDays: days(settings, privacySettingNames.retentionDays, 365),
      fileRetentionDays: days(settings, privacySettingNames.fileRetentionDays, 180),
    }),
  );

export const personalData = () => personalDataStore(cosmos());
export const files = () => personFiles(blobs());
export const privacyLog = () => privacyRecords(cosmos());

export const erasureDependencies = (): ErasureDependencies => ({
  records: personalData(),
  files: files(),
  releaseBooking: async (workOrderId) => void (await booking().cancel(workOrderId)),
  saveErasureRecord: (record) => privacyLog().save(record),
  exportIdsOf: (customerIds) => privacyLog().exportIdsOf(customerIds),
  now: () => appClock().now(),
});
