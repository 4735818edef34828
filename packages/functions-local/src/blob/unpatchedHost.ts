/**
 * Azurite's telemetry module requires `applicationinsights` (2.x) when it loads, whether telemetry
 * is on or not, and that package's diagnostic-channel start-up patches the whole process at once:
 * console, winston, bunyan and every Azure SDK call (an OpenTelemetry span per Cosmos request).
 * A Functions host in Azure does none of this to the app's process, and here it cost about a tenth
 * of the host's CPU in the issue 17 benchmark. Its documented opt-out is read once, when the
 * package first loads; it is set only while the embedded blob part's modules load (this module is
 * imported before them), then the app's environment is put back as it was.
 * See applicationinsights 2.9 `out/AutoCollection/diagnostic-channel/initialization.js`.
 */
const optOut = 'APPLICATION_INSIGHTS_NO_DIAGNOSTIC_CHANNEL';
const before = process.env[optOut];
process.env[optOut] = 'true';

/** Called once the Azurite modules have loaded. */
export function restoreEnvironment(): void {
  if (before === undefined) delete process.env[optOut];
  else process.env[optOut] = before;
}
