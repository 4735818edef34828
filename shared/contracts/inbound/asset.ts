import { z } from 'zod';

/** The installation the work is about; at least one identifier so the technician finds it. */
export const Asset = z
  .strictObject({
    connectionPointId: z
      .string()
      .regex(/^\d{18}$/, 'must be an 18-digit EAN connection-point code')
      .optional(),
    meterNumber: z.string().min(1).max(40).optional(),
    description: z.string().max(500).optional(),
  })
  .refine((asset) => asset.connectionPointId !== undefined || asset.meterNumber !== undefined, {
    message: 'needs a connectionPointId or a meterNumber',
    path: ['connectionPointId'],
  });
export type Asset = z.infer<typeof Asset>;
