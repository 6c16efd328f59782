import { z } from 'zod';
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

/** C0 controls (U+0000–U+001F) and DEL: bytes a terminal sends as keys, never part of a name. */
function hasControlCharacter(s: string): boolean {
  for (const c of s) {
    const code = c.codePointAt(0)!;
    if (code <= 0x1f || code === 0x7f) return true;
  }
  return false;
}

/**
 * A name people read (certificate, organisation, app, product, plan, provider, user): trimmed,
 * non-empty, at most `max` characters, and without control characters, which a terminal's editing
 * keys (`ctrl-u` as U+0015) would otherwise store invisibly.
 */
export function nameSchema(max: number, emptyMessage?: string) {
  return z
    .string()
    .refine((s) => !hasControlCharacter(s), 'must not contain control characters')
    .trim()
    .min(1, emptyMessage)
    .max(max);
}
