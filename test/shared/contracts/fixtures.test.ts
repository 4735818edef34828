import { describe, expect, it } from 'vitest';
import { parseInboundMessage } from '../../../shared/contracts/inbound/parseInboundMessage';
import { OutboundMessage } from '../../../shared/contracts/outbound/messages';
import { fixture, fixtureNames } from '../fixtures';

const inboundKinds = ['create', 'amend', 'cancel'];
const outboundKinds = OutboundMessage.options.map((option) => option.shape.kind.value);

describe('contract fixtures', () => {
  it.each(fixtureNames('inbound'))('inbound/%s is a valid inbound message', (name) => {
    const parsed = parseInboundMessage(fixture(`inbound/${name}`));
    expect(parsed.ok ? [] : parsed.error).toEqual([]);
  });

  it.each(fixtureNames('outbound'))('outbound/%s is a valid outbound message named for its kind', (name) => {
    const parsed = OutboundMessage.safeParse(fixture(`outbound/${name}`));
    expect(parsed.success ? [] : parsed.error.issues).toEqual([]);
    expect(`${parsed.data?.kind}.json`).toBe(name);
  });

  it('has a sample for every inbound and outbound kind', () => {
    const inboundSampleKinds = new Set(
      fixtureNames('inbound').map((name) => fixture(`inbound/${name}`)['kind']),
    );
    expect([...inboundSampleKinds].sort()).toEqual([...inboundKinds].sort());
    expect(fixtureNames('outbound').map((name) => name.replace(/\.json$/, ''))).toEqual(
      [...outboundKinds].sort(),
    );
  });
});
