import type { z } from 'zod';
import { InvalidInputError } from './errors.ts';
import { Err, Ok, type Result } from './result.ts';

/** Validates service input; the first issue becomes an `InvalidInputError` whose path names the field. */
export function parseInput<S extends z.ZodType>(
  schema: S,
  input: unknown,
): Result<z.output<S>, InvalidInputError> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return Ok(parsed.data);
  const issue = parsed.error.issues[0]!;
  const path = issue.path.map(String);
  const field = path.length > 0 ? `${path.join('.')} ` : '';
  return Err(new InvalidInputError(`${field}${issue.message}`.trim(), { path }));
}
