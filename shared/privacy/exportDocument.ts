/**
 * The answer to "what do you hold about me?" (GDPR art. 15): every record as stored, grouped by
 * kind, with each file listed beside a download link that expires with the export's own link.
 * Timestamps and ids stay as they are so the person can match them to letters and texts.
 */
export interface ExportSources {
  readonly customers: readonly unknown[];
  readonly workOrders: readonly unknown[];
  readonly bookings: readonly unknown[];
  readonly smsOffers: readonly unknown[];
  readonly cases: readonly unknown[];
  readonly timeline: readonly unknown[];
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
