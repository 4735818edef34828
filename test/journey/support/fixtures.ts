import type { Customer } from '../../../shared/customers/customer';
import type { WorkOrder } from '../../../shared/workorders/workOrder';

export const workOrderId = 'WO-FLUVIUS-WO~2F2026~2F000123';
export const customerId = 'CU-FLUVIUS-WO~2F2026~2F000123';

export const aWorkOrder = (changes: Partial<WorkOrder> = {}): WorkOrder => ({
  id: workOrderId,
  utilityCode: 'FLUVIUS',
  externalId: 'WO/2026/000123',
  revision: 1,
  correlationId: 'msg-create-1',
  revisionMessageId: 'msg-create-1',
  customerId,
  workType: 'repair',
  priority: 'normal',
  dueDate: '2026-02-01',
  requiredSkills: [],
  estimatedDurationMinutes: 90,
  site: {
    street: 'Kerkstraat 12',
    postcode: '9000',
    city: 'Gent',
    country: 'BE',
    latitude: 51.05,
    longitude: 3.72,
    region: 'BE-OVL',
  },
  state: { status: 'Received' },
  contactAttempts: 0,
  caseIds: [],
  receivedAt: '2026-01-05T08:00:00Z',
  updatedAt: '2026-01-05T08:00:00Z',
  ...changes,
});

export const aCustomer = (changes: Partial<Customer> = {}): Customer => ({
  id: customerId,
  docType: 'customer',
  utilityCode: 'FLUVIUS',
  workOrderId,
  name: 'An Peeters',
  phone: '+32470123456',
  email: 'an.peeters@example.be',
  language: 'nl',
  smsOptedOut: false,
  createdAt: '2026-01-05T08:00:00Z',
  updatedAt: '2026-01-05T08:00:00Z',
  ...changes,
});
