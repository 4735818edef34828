import { z } from 'zod';
import type { Disposition } from './messageEntity';
import type { OutcomeName } from './rheaInternals';

const deadLetterCondition = 'com.microsoft:dead-letter';

const Properties = z.record(z.string(), z.unknown());
const Modified = z.object({
  undeliverable_here: z.boolean().optional(),
  message_annotations: Properties.optional().nullable(),
});
const Rejected = z.object({
  error: z
    .object({
      condition: z.string().optional(),
      description: z.string().optional().nullable(),
      info: Properties.optional().nullable(),
    })
    .optional()
    .nullable(),
});

const optionalText = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

/**
 * Reads a receiver's outcome the way Service Bus does: accepted completes; modified abandons, or defers
 * when `undeliverable-here`; rejected dead-letters, with reason and description from the error info;
 * released gives the message back uncounted.
 */
export function dispositionOfOutcome(name: OutcomeName, outcome: unknown): Disposition {
  switch (name) {
    case 'accepted':
      return { kind: 'complete' };
    case 'released':
      return { kind: 'release' };
    case 'modified': {
      const parsed = Modified.safeParse(outcome);
      const properties = (parsed.success ? parsed.data.message_annotations : undefined) ?? {};
      return parsed.success && parsed.data.undeliverable_here === true
        ? { kind: 'defer', properties }
        : { kind: 'abandon', properties };
    }
    case 'rejected':
      return rejectedDisposition(outcome);
    default: {
      const unknown: never = name;
      throw new Error(`unknown outcome ${String(unknown)}`);
    }
  }
}

function rejectedDisposition(outcome: unknown): Disposition {
  const parsed = Rejected.safeParse(outcome);
  const error = parsed.success ? parsed.data.error : undefined;
  const { DeadLetterReason, DeadLetterErrorDescription, ...properties } = error?.info ?? {};
  if (error?.condition === deadLetterCondition) {
    return {
      kind: 'deadLetter',
      reason: optionalText(DeadLetterReason),
      description: optionalText(DeadLetterErrorDescription),
      properties,
    };
  }
  // A plain AMQP reject (not the SDK's dead-letter) still means "this message is bad": dead-letter it.
  return {
    kind: 'deadLetter',
    reason: error?.condition,
    description: error?.description ?? undefined,
    properties: {},
  };
}
