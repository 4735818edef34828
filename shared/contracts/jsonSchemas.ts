import { z } from 'zod';
import { InboundMessage } from './inbound/messages';
import { OutboundMessage } from './outbound/messages';

/**
 * The utility-facing contracts as JSON Schema, keyed by file name under docs/contracts/. Both are
 * rendered for the input side: inbound is strict (unknown fields are rejected, as the parser
 * does), outbound allows fields we may add later within the same schemaVersion.
 */
export function contractJsonSchemas(): Readonly<Record<string, unknown>> {
  return {
    'inbound-message.schema.json': z.toJSONSchema(InboundMessage, { io: 'input', target: 'draft-2020-12' }),
    'outbound-message.schema.json': z.toJSONSchema(OutboundMessage, { io: 'input', target: 'draft-2020-12' }),
  };
}

/** The exact text committed for a schema, so the staleness test and the script agree byte for byte. */
export const renderJsonSchema = (schema: unknown): string => `${JSON.stringify(schema, null, 2)}\n`;
