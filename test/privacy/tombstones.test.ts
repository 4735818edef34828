import { describe, expect, it } from 'vitest';
import {
  contactIndexWithout,
  erasedCase,
  erasedCustomer,
  erasedText,
  erasedWorkOrder,
  timelineErasure,
} from '../../shared/privacy/tombstones';
import { Customer } from '../../shared/customers/customer';
import { WorkOrder } from '../../shared/workorders/workOrder';
import { aCustomer, aWorkOrder } from '../journey/support/fixtures';

const at = '2027-01-10T12:00:00.000Z';

describe('erasure tombstones', () => {
  it('leaves a customer with no contact point and a name that is no longer theirs, still a valid record', () => {
    const erased = erasedCustomer(aCustomer({ phone: '+32470111222', email: 'a@example.org' }), at);
    expect(erased).not.toHaveProperty('phone');
    expect(erased).not.toHaveProperty('email');
    expect(erased['name']).toBe(erasedText);
    expect(Customer.safeParse(erased).success).toBe(true);
    expect(erasedCustomer(erased, '2030-01-01T00:00:00.000Z')).toBe(erased);
  });

  it('keeps what the utility’s contract needs of a work order and drops the address', () => {
    const order = aWorkOrder({ notes: 'Dog in the garden, ask for Mr Peeters' });
    const erased = erasedWorkOrder(order, at);
    expect(erased).toMatchObject({
      id: order.id,
      externalId: order.externalId,
      utilityCode: order.utilityCode,
      state: order.state,
      receivedAt: order.receivedAt,
      site: {
        street: erasedText,
        postcode: erasedText,
        city: erasedText,
        region: order.site.region,
        latitude: 51.05,
      },
    });
    expect(erased).not.toHaveProperty('notes');
    expect(WorkOrder.safeParse(erased).success).toBe(true);
    expect(erasedWorkOrder(erased, at)).toBe(erased);
  });

  it('coarsens the coordinates to about a kilometre', () => {
    const erased = erasedWorkOrder(
      aWorkOrder({ site: { ...aWorkOrder().site, latitude: 51.054321, longitude: 3.71789 } }),
      at,
    );
    expect(erased['site']).toMatchObject({ latitude: 51.05, longitude: 3.72 });
  });

  it('blanks a case’s text and each note, keeping the case and its history', () => {
    const erased = erasedCase(
      {
        id: 'CASE-000001',
        title: 'Call from An',
        description: 'an@example.org',
        notes: [{ id: 'N1', text: 'An called' }],
      },
      at,
    );
    expect(erased).toEqual({
      id: 'CASE-000001',
      title: erasedText,
      notes: [{ id: 'N1', text: erasedText }],
      erasedAt: at,
    });
  });

  it('deletes the customer’s own texts from the timeline, strips visit-report notes, keeps events', () => {
    expect(timelineErasure({ docType: 'smsText', text: 'hi' }, at)).toEqual({ kind: 'delete' });
    expect(timelineErasure({ docType: 'customerDetails' }, at)).toEqual({ kind: 'delete' });
    expect(timelineErasure({ docType: 'event', summary: 'Booked' }, at)).toEqual({ kind: 'keep' });
    expect(timelineErasure({ docType: 'visitReport', notes: 'Mrs X was out', checklist: [] }, at)).toEqual({
      kind: 'replace',
      document: { docType: 'visitReport', checklist: [], erasedAt: at },
    });
  });

  it('takes only the erased people out of a shared contact-index entry', () => {
    expect(contactIndexWithout({ id: 'CI-1', customerIds: ['CU-A', 'CU-B'] }, ['CU-A'])).toEqual({
      id: 'CI-1',
      customerIds: ['CU-B'],
    });
    expect(contactIndexWithout({ id: 'CI-1', customerIds: ['CU-A'] }, ['CU-A'])).toBeUndefined();
  });
});
