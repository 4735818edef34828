/**
 * The contract version both directions carry. A message states its version so a reader can refuse
 * what it does not understand with a clear reason instead of misreading it.
 */
export const contractSchemaVersion = 1;

export const supportedSchemaVersions: readonly number[] = [contractSchemaVersion];
