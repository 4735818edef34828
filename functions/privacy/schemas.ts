import { z } from 'zod';

export const ErasureParams = z.object({
  erasureId: z.string().regex(/^ER-[0-9a-f]{24}$/, 'must be an erasure id'),
});
