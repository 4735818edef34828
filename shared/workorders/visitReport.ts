import { z } from 'zod';
import { IsoInstant } from '../common/time';

export const ChecklistItem = z.object({
  item: z.string().min(1).max(200),
  done: z.boolean(),
  note: z.string().max(500).optional(),
});

export const Measurement = z.object({
  name: z.string().min(1).max(100),
  value: z.number(),
  unit: z.string().min(1).max(20),
});

/** A photo is referenced, never embedded: the blob lives in the technician-photos container. */
export const PhotoReference = z.object({
  reference: z.string().min(1).max(300).meta({ description: 'Blob name in the technician-photos container' }),
  takenAt: IsoInstant.optional(),
  caption: z.string().max(200).optional(),
});

/** What the technician reports at the end of a completed visit; sent to the utility as-is. */
export const VisitReport = z.object({
  checklist: z.array(ChecklistItem).max(100),
  measurements: z.array(Measurement).max(100),
  notes: z.string().max(4000).optional(),
  photos: z.array(PhotoReference).max(50),
});
export type VisitReport = z.infer<typeof VisitReport>;
