import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { Case } from '../../../shared/cases/case';
import { ContactIndex } from '../../../shared/customers/contactIndex';
import { Customer } from '../../../shared/customers/customer';
import { resources, type ContainerKey } from '../../../shared/resources';
import { Appointment } from '../../../shared/scheduling/appointment';
import { Technician } from '../../../shared/technicians/technician';
import { TimelineDocument } from '../../../shared/timeline/timelineDocument';
import { WorkOrder } from '../../../shared/workorders/workOrder';
import { validate } from '../../../shared/validation';

const at = '2026-03-02T08:00:00Z';
const workOrderId = 'WO-FLUVIUS-WO~2F2026~2F000123';
const day = [
  { start: '08:00', end: '12:00' },
  { start: '12:30', end: '16:30' },
];

const workOrder = {
  id: workOrderId,
  utilityCode: 'FLUVIUS',
  externalId: 'WO/2026/000123',
  revision: 1,
  correlationId: 'sb-message-1',
  revisionMessageId: 'sb-message-1',
  customerId: 'CU-FLUVIUS-WO~2F2026~2F000123',
  workType: 'installation',
  priority: 'normal',
  dueDate: '2026-04-30',
  requiredSkills: ['fibre-splicing'],
  estimatedDurationMinutes: 120,
  site: {
    street: 'Kerkstraat 12',
    postcode: '2000',
    city: 'Antwerpen',
    country: 'BE',
    latitude: 51.2194,
    longitude: 4.4025,
    region: 'BE-ANT',
  },
  state: { status: 'Scheduled', appointmentId: 'AP-1' },
  contactAttempts: 1,
  caseIds: [],
  receivedAt: at,
  updatedAt: at,
};

const samples: Readonly<
  Record<string, { container: ContainerKey; schema: z.ZodType; document: Record<string, unknown> }>
> = {
  workOrder: { container: 'workOrders', schema: WorkOrder, document: workOrder },
  customer: {
    container: 'customers',
    schema: Customer,
    document: {
      id: 'CU-FLUVIUS-WO~2F2026~2F000123',
      docType: 'customer',
      utilityCode: 'FLUVIUS',
      workOrderId,
      name: 'An Peeters',
      phone: '+32470000001',
      language: 'nl',
      smsOptedOut: false,
      createdAt: at,
      updatedAt: at,
    },
  },
  contactIndex: {
    container: 'customers',
    schema: ContactIndex,
    document: {
      id: 'CI-sms-abc',
      docType: 'contactIndex',
      channel: 'sms',
      customerIds: ['CU-1'],
      updatedAt: at,
    },
  },
  case: {
    container: 'cases',
    schema: Case,
    document: {
      id: 'CASE-000042',
      title: 'Customer asks to move the visit',
      type: 'Request',
      priority: 'Normal',
      origin: 'Phone',
      owner: { kind: 'queue', id: 'dispatch' },
      state: { status: 'Active', reason: 'New' },
      workOrderId,
      createdAt: at,
      updatedAt: at,
    },
  },
  technician: {
    container: 'technicians',
    schema: Technician,
    document: {
      id: 'TECH-0042',
      displayName: 'Technician 42',
      skills: ['fibre-splicing'],
      region: 'BE-ANT',
      homeBase: { latitude: 51.2, longitude: 4.4 },
      timeZone: 'Europe/Brussels',
      workingHours: { mon: day, tue: day, wed: day, thu: day, fri: day, sat: [], sun: [] },
      absences: [{ from: '2026-03-16T00:00:00+01:00', to: '2026-03-21T00:00:00+01:00', reason: 'leave' }],
      active: true,
      updatedAt: at,
    },
  },
  appointment: {
    container: 'appointments',
    schema: Appointment,
    document: {
      id: 'AP-1',
      technicianId: 'TECH-0042',
      workOrderId,
      region: 'BE-ANT',
      windowStart: '2026-03-10T08:00:00+01:00',
      windowEnd: '2026-03-10T10:00:00+01:00',
      localDate: '2026-03-10',
      status: 'booked',
      bookedVia: 'web',
      createdAt: at,
      updatedAt: at,
    },
  },
  timelineEvent: {
    container: 'timeline',
    schema: TimelineDocument,
    document: {
      id: 'EV-1',
      docType: 'event',
      subjectId: workOrderId,
      subjectType: 'workOrder',
      type: 'workOrder.accepted',
      occurredAt: at,
      actor: { kind: 'utility', id: 'FLUVIUS' },
      summary: 'Accepted revision 1',
      data: { revision: 1 },
      correlationId: 'sb-message-1',
    },
  },
  notification: {
    container: 'timeline',
    schema: TimelineDocument,
    document: {
      id: 'NT-1',
      docType: 'notification',
      subjectId: workOrderId,
      customerId: 'CU-1',
      channel: 'sms',
      purpose: 'invitation',
      template: 'journey.invitation',
      language: 'nl',
      status: 'sent',
      providerMessageId: 'acs-1',
      createdAt: at,
      updatedAt: at,
    },
  },
};

describe('stored records', () => {
  it.each(Object.entries(samples))(
    'a %s sample is valid and carries its container partition key',
    (_name, sample) => {
      expect(validate(sample.schema, sample.document)).toEqual({ ok: true, value: sample.document });
      const keyField = resources.cosmos.containers[sample.container].partitionKeyPath.replace(/^\//, '');
      expect(typeof sample.document[keyField]).toBe('string');
      expect(typeof sample.document['id']).toBe('string');
    },
  );

  it('refuses a Scheduled work order without its appointment', () => {
    const broken = { ...workOrder, state: { status: 'Scheduled' } };
    expect(validate(WorkOrder, broken)).toMatchObject({
      ok: false,
      error: [{ path: 'state.appointmentId' }],
    });
  });

  it('refuses working hours that end before they start, and a missing weekday', () => {
    const technician = samples['technician']?.document ?? {};
    const hours = technician['workingHours'] as Record<string, unknown>;
    const backwards = { ...technician, workingHours: { ...hours, mon: [{ start: '17:00', end: '08:00' }] } };
    expect(validate(Technician, backwards)).toMatchObject({
      ok: false,
      error: [{ path: 'workingHours.mon.0.end' }],
    });
    const { sun: _sunday, ...sixDays } = hours;
    expect(validate(Technician, { ...technician, workingHours: sixDays })).toMatchObject({
      ok: false,
      error: [{ path: 'workingHours.sun' }],
    });
  });

  it('refuses an appointment window that ends before it starts', () => {
    const appointment = { ...samples['appointment']?.document, windowEnd: '2026-03-10T07:00:00+01:00' };
    expect(validate(Appointment, appointment)).toMatchObject({ ok: false, error: [{ path: 'windowEnd' }] });
  });

  it('refuses a case number that is not CASE- and six digits', () => {
    expect(validate(Case, { ...samples['case']?.document, id: 'CASE-42' })).toMatchObject({
      ok: false,
      error: [{ path: 'id' }],
    });
  });

  it('refuses a timeline event type outside the area.event form', () => {
    const event = { ...samples['timelineEvent']?.document, type: 'Accepted' };
    expect(validate(TimelineDocument, event)).toMatchObject({ ok: false, error: [{ path: 'type' }] });
  });
});
