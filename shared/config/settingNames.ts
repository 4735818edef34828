/**
 * Every app setting Fieldline reads, by the names the Functions host, the local runtime and
 * infra/app/api.bicep use. A connection is either its connection-string setting or, for managed
 * identity, the `__` setting next to it (the Functions identity-connection convention).
 */
export const connectionSettings = {
  hostStorage: { connectionString: 'AzureWebJobsStorage', identity: 'AzureWebJobsStorage__accountName' },
  serviceBus: {
    connectionString: 'ServiceBusConnection',
    identity: 'ServiceBusConnection__fullyQualifiedNamespace',
  },
  cosmos: { connectionString: 'CosmosDbConnection', identity: 'CosmosDbConnection__accountEndpoint' },
  storage: { connectionString: 'StorageConnection', identity: 'StorageConnection__blobServiceUri' },
  communication: { connectionString: 'AcsConnection', identity: 'AcsConnection__endpoint' },
} as const;
export type ConnectionKey = keyof typeof connectionSettings;

export const requiredSettingNames = ['AcsEmailSender', 'LinkSigningKeys', 'PublicBaseUrl'] as const;

/**
 * Settings that switch a feature off when absent: no SMS number bought yet → email only; no
 * webhook secret or Communication Services resource id → the Event Grid endpoints refuse every
 * delivery with 503 (they fail closed; Bicep always sets both).
 */
export const optionalSettingNames = [
  'AcsSmsFrom',
  'SmsEventsWebhookSecret',
  'AcsResourceId',
  'ContactIndexKey',
  'UtilityContacts',
  // No Azure Maps account → travel is priced great-circle × road factor (shared/dispatch/travelTime.ts).
  'AzureMapsClientId',
] as const;

export const tuningSettingNames = [
  'JourneyContactAttempts',
  'JourneyContactIntervalHours',
  'QuietHoursStart',
  'QuietHoursEnd',
  'QuietHoursTimeZone',
  'QuietHoursRestDayStart',
  'QuietHoursRestDayEnd',
  'PublicHolidays',
  'UtilityTimeZones',
  'OnHoldMaxDays',
  'CaseClosureCascade',
  'CaseCloseOutPolicy',
  'SlaPolicies',
  'JourneyCadenceByWorkType',
  'JourneySenderName',
  'JourneyLinkValidityDays',
  'BookingLeadTimeHours',
  'BookingHorizonDays',
  'BookingTimeZone',
  'TechnicianClockSkewMinutes',
  'PersonalDataRetentionDays',
  'FileRetentionDays',
  // A phone typed in national form ("0470 …") by an agent or ops belongs to this country (ISO 3166).
  'DefaultPhoneCountry',
] as const;

/**
 * Set by the platform, never by Bicep: App Service sets `WEBSITE_AUTH_ENABLED=True` while its
 * authentication module runs (and the local runtime's emulation does the same).
 */
export const platformSettingNames = ['WEBSITE_AUTH_ENABLED'] as const;

/** Only the local runtime sets this: a PEM to trust for its embedded Cosmos emulator. */
export const localOnlySettingNames = ['CosmosDbCaCertificatePath'] as const;

export const appSettingNames: readonly string[] = [
  ...Object.values(connectionSettings).flatMap((names) => [names.connectionString, names.identity]),
  ...requiredSettingNames,
  ...optionalSettingNames,
  ...tuningSettingNames,
  ...platformSettingNames,
  ...localOnlySettingNames,
];
