import { z } from 'zod';

export const WorkType = z.enum([
  'installation',
  'repair',
  'inspection',
  'maintenance',
  'meterExchange',
  'disconnection',
  'reconnection',
]);
export type WorkType = z.infer<typeof WorkType>;

export const WorkPriority = z.enum(['low', 'normal', 'high', 'emergency']);
export type WorkPriority = z.infer<typeof WorkPriority>;
