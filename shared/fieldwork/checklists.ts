import { z } from 'zod';
import type { WorkType } from '../contracts/inbound/workType';

/** A reading the technician takes on site; `min`/`max` are what a sane reading lies within. */
export const MeasurementSpec = z.object({
  name: z.string().min(1).max(100),
  unit: z.string().min(1).max(20),
  required: z.boolean(),
  min: z.number().optional(),
  max: z.number().optional(),
});
export type MeasurementSpec = z.infer<typeof MeasurementSpec>;

/** What a visit of one work type asks of the technician before it counts as done. */
export const WorkTypeChecklist = z.object({
  items: z.array(z.string().min(1).max(200)).min(1).max(30),
  measurements: z.array(MeasurementSpec).max(20),
});
export type WorkTypeChecklist = z.infer<typeof WorkTypeChecklist>;

const reading = (name: string, unit: string, min: number, max: number, required = true): MeasurementSpec => ({
  name,
  unit,
  required,
  min,
  max,
});

/**
 * Configuration, not code: one checklist per work type, the same on every phone (the technician
 * app ships it with its shell, so it is there offline). The utility receives the items as ticked,
 * so an unticked item is reported as not done rather than left out; the app checks required readings
 * and their ranges before it queues a report, so nothing is refused hours later off site.
 */
export const workTypeChecklists: Readonly<Record<WorkType, WorkTypeChecklist>> = {
  installation: {
    items: ['Site safe to work', 'Equipment installed', 'Seals fitted', 'Customer shown the installation'],
    measurements: [reading('Supply voltage', 'V', 180, 260), reading('Earth resistance', 'Ω', 0, 200)],
  },
  repair: {
    items: ['Site safe to work', 'Fault found', 'Fault repaired', 'Supply tested after repair'],
    measurements: [reading('Supply voltage', 'V', 180, 260)],
  },
  inspection: {
    items: ['Site safe to work', 'Installation inspected', 'Defects recorded'],
    measurements: [reading('Insulation resistance', 'MΩ', 0, 2000, false)],
  },
  maintenance: {
    items: ['Site safe to work', 'Maintenance done', 'Parts replaced recorded'],
    measurements: [],
  },
  meterExchange: {
    items: ['Site safe to work', 'Old meter removed', 'New meter installed', 'Seals fitted'],
    measurements: [
      reading('Old meter final reading', 'kWh', 0, 10_000_000),
      reading('New meter start reading', 'kWh', 0, 10_000_000),
    ],
  },
  disconnection: {
    items: ['Site safe to work', 'Supply disconnected', 'Disconnection sealed', 'Customer informed'],
    measurements: [reading('Meter reading at disconnection', 'kWh', 0, 10_000_000)],
  },
  reconnection: {
    items: ['Site safe to work', 'Supply reconnected', 'Supply tested'],
    measurements: [
      reading('Meter reading at reconnection', 'kWh', 0, 10_000_000),
      reading('Supply voltage', 'V', 180, 260),
    ],
  },
};
