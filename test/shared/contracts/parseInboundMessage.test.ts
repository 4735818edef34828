import { describe, expect, it } from 'vitest';
import { parseInboundMessage } from '../../../shared/contracts/inbound/parseInboundMessage';
import { fixture } from '../fixtures';

const create = (): Record<string, unknown> => fixture('inbound/create.json');
const withCustomer = (customer: Record<string, unknown>): Record<string, unknown> => ({
  ...create(),
  customer,
});
const pathsOf = (raw: unknown): string[] => {
  const parsed = parseInboundMessage(raw);
  return parsed.ok ? [] : parsed.error.map((issue) => issue.path);
};

describe('parseInboundMessage', () => {
  it('reads a create message into a typed value', () => {
    const parsed = parseInboundMessage(create());
    expect(parsed.ok).toBe(true);
    if (!parsed.ok || parsed.value.kind !== 'create') throw new Error('expected a create');
    expect(parsed.value.customer.phone).toBe('+32470000001');
    expect(parsed.value.requiredSkills).toEqual(['fibre-splicing', 'ont-install']);
  });

  it('checks schemaVersion before anything else and names the supported versions', () => {
    const parsed = parseInboundMessage({ schemaVersion: 2, kind: 'teleport', customer: 'nope' });
    expect(parsed).toEqual({
      ok: false,
      error: [{ path: 'schemaVersion', message: 'unsupported schemaVersion 2; supported: 1' }],
    });
  });

  it('requires schemaVersion and says which versions exist', () => {
    const { schemaVersion: _dropped, ...rest } = create();
    expect(parseInboundMessage(rest)).toEqual({
      ok: false,
      error: [{ path: 'schemaVersion', message: 'schemaVersion is required; supported: 1' }],
    });
  });

  it('refuses a version given as a string rather than coercing it', () => {
    const parsed = parseInboundMessage({ ...create(), schemaVersion: '1' });
    expect(parsed.ok ? '' : parsed.error[0]?.message).toBe('unsupported schemaVersion "1"; supported: 1');
  });

  it.each([null, [], 'text', 42])('refuses a body that is not an object (%j)', (raw) => {
    expect(parseInboundMessage(raw)).toEqual({
      ok: false,
      error: [{ path: '', message: 'must be a JSON object' }],
    });
  });

  it('names an unknown kind at the path kind', () => {
    expect(pathsOf({ ...create(), kind: 'upsert' })).toEqual(['kind']);
  });

  it('reports nested fields with dotted paths and array indices', () => {
    const raw = {
      ...create(),
      requiredSkills: ['fibre-splicing', 'Bad Skill'],
      site: { ...(create().site as object), latitude: 123 },
    };
    expect(pathsOf(raw).sort()).toEqual(['requiredSkills.1', 'site.latitude']);
  });

  it('rejects a phone number that is not E.164 at customer.phone', () => {
    const customer = create().customer as Record<string, unknown>;
    const parsed = parseInboundMessage(withCustomer({ ...customer, phone: '0470 00 00 01' }));
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.error).toEqual([
      { path: 'customer.phone', message: 'must be an E.164 phone number, e.g. +32470123456' },
    ]);
  });

  it('accepts phone-only and email-only customers', () => {
    expect(parseInboundMessage(fixture('inbound/create-phone-only.json')).ok).toBe(true);
    expect(parseInboundMessage(fixture('inbound/create-email-only.json')).ok).toBe(true);
  });

  it('requires at least one contact point', () => {
    const parsed = parseInboundMessage(withCustomer({ name: 'An Peeters', language: 'nl' }));
    expect(parsed.ok ? [] : parsed.error).toEqual([
      { path: 'customer.phone', message: 'a phone or an email is required (at least one contact point)' },
    ]);
  });

  it('rejects a preferred channel the customer cannot be reached on', () => {
    const smsWithoutPhone = withCustomer({
      name: 'Luc',
      email: 'luc@example.org',
      preferredChannel: 'sms',
      language: 'fr',
    });
    const emailWithoutEmail = withCustomer({
      name: 'Sam',
      phone: '+32470000002',
      preferredChannel: 'email',
      language: 'en',
    });
    expect(parseInboundMessage(smsWithoutPhone)).toEqual({
      ok: false,
      error: [{ path: 'customer.preferredChannel', message: 'sms needs customer.phone' }],
    });
    expect(parseInboundMessage(emailWithoutEmail)).toEqual({
      ok: false,
      error: [{ path: 'customer.preferredChannel', message: 'email needs customer.email' }],
    });
  });

  it('rejects unknown fields so a misspelt field is not silently dropped', () => {
    const customer = create().customer as Record<string, unknown>;
    const parsed = parseInboundMessage(withCustomer({ ...customer, phonee: '+32470000001' }));
    expect(parsed.ok ? [] : parsed.error.map((issue) => issue.path)).toEqual(['customer']);
    expect(parsed.ok ? '' : parsed.error[0]?.message).toContain('phonee');
  });

  it('requires an asset to identify the installation', () => {
    expect(pathsOf({ ...create(), asset: { description: 'somewhere' } })).toEqual([
      'asset.connectionPointId',
    ]);
  });

  it('rejects revision 0, a malformed due date and an unknown language together', () => {
    const customer = create().customer as Record<string, unknown>;
    const raw = {
      ...create(),
      revision: 0,
      dueDate: '30/04/2026',
      customer: { ...customer, language: 'de' },
    };
    expect(pathsOf(raw).sort()).toEqual(['customer.language', 'dueDate', 'revision']);
  });

  it('reads a cancel without work-order content', () => {
    const parsed = parseInboundMessage(fixture('inbound/cancel.json'));
    expect(parsed.ok && parsed.value.kind).toBe('cancel');
  });

  it('does not let a cancel carry work-order content', () => {
    expect(pathsOf({ ...fixture('inbound/cancel.json'), workType: 'repair' })).toEqual(['']);
  });
});
