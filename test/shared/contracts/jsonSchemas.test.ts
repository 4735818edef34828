import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { contractJsonSchemas, renderJsonSchema } from '../../../shared/contracts/jsonSchemas';

const contractsDirectory = join(__dirname, '..', '..', '..', 'docs', 'contracts');

describe('committed JSON Schemas', () => {
  it.each(Object.entries(contractJsonSchemas()))(
    'docs/contracts/%s matches the zod contract (run `npm run contracts` after changing it)',
    (fileName, schema) => {
      const committed = readFileSync(join(contractsDirectory, fileName), 'utf8');
      expect(committed).toBe(renderJsonSchema(schema));
    },
  );

  it('describes every message kind in each direction', () => {
    const schemas = contractJsonSchemas();
    const kindsIn = (fileName: string): string[] => {
      const defs = (
        schemas[fileName] as { $defs: Record<string, { properties?: { kind?: { const?: string } } }> }
      ).$defs;
      return Object.values(defs)
        .map((definition) => definition.properties?.kind?.const)
        .filter((kind): kind is string => kind !== undefined)
        .sort();
    };
    expect(kindsIn('inbound-message.schema.json')).toEqual(['amend', 'cancel', 'create']);
    expect(kindsIn('outbound-message.schema.json')).toEqual([
      'accepted',
      'cancelled',
      'closedUnreachable',
      'completed',
      'incomplete',
      'onHold',
      'rejected',
      'scheduled',
      'stale',
      'unscheduled',
    ]);
  });
});
