/**
 * The answer to "what do you hold about me?" (GDPR art. 15): every record as stored, grouped by
 * kind, with each file listed beside a download link that expires with the export's own link.
 * Timestamps and ids stay as they are so the person can match them to letters and texts.
 */
/** Everything held about a person, as stored, by kind. */
export interface PersonRecords<T = unknown> {
  readonly customers: readonly T[];
  readonly workOrders: readonly T[];
  readonly bookings: readonly T[];
  readonly smsOffers: readonly T[];
  readonly cases: readonly T[];
  readonly timeline: readonly T[];
}

export interface ExportSources extends PersonRecords {
  readonly files: readonly ExportFile[];
}

export interface ExportFile {
  readonly container: string;
  readonly name: string;
  readonly size: number;
  readonly contentType?: string;
  readonly createdOn: string;
  readonly downloadUrl: string;
}

export interface PersonalDataExport extends ExportSources {
  readonly exportId: string;
  readonly exportedAt: string;
  readonly linkExpiresAt: string;
  readonly counts: Readonly<Record<keyof ExportSources, number>>;
}

export function personalDataExport(
  exportId: string,
  exportedAt: string,
  linkExpiresAt: string,
  sources: ExportSources,
): PersonalDataExport {
  return {
    exportId,
    exportedAt,
    linkExpiresAt,
    ...sources,
    counts: {
      customers: sources.customers.length,
      workOrders: sources.workOrders.length,
      bookings: sources.bookings.length,
      smsOffers: sources.smsOffers.length,
      cases: sources.cases.length,
      timeline: sources.timeline.length,
      files: sources.files.length,
    },
  };
}
