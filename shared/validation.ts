import { z } from 'zod';
import { err, ok, type Result } from './result';

/** One thing wrong with an input, located by a dotted path such as `customer.phone` or `requiredSkills.0`. */
export const ValidationIssue = z.object({
  path: z.string(),
  message: z.string().min(1),
});
export type ValidationIssue = z.infer<typeof ValidationIssue>;

const dottedPath = (path: readonly PropertyKey[]): string => path.map((segment) => String(segment)).join('.');

export const issuesFromZod = (error: z.ZodError): ValidationIssue[] =>
  error.issues.map((issue) => ({ path: dottedPath(issue.path), message: issue.message }));

/** Parse with a schema and report problems as field-path issues rather than a thrown ZodError. */
export function validate<S extends z.ZodType>(
  schema: S,
  raw: unknown,
): Result<z.infer<S>, ValidationIssue[]> {
  const parsed = schema.safeParse(raw);
  return parsed.success ? ok(parsed.data) : err(issuesFromZod(parsed.error));
}
