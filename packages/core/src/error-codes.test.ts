import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { ERROR_CODES } from './error-codes.ts';

/** Every `readonly code = '…'` of an error class in core's sources (tests aside). */
function declaredCodes(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return declaredCodes(path);
    if (!entry.name.endsWith('.ts') || entry.name.endsWith('.test.ts')) return [];
    return [...readFileSync(path, 'utf8').matchAll(/readonly code = '([A-Z0-9_]+)'/g)].map((m) => m[1]!);
  });
}

// The type check already refuses a DomainError whose code is not listed; this also catches it in a
// run of the tests alone, since the GraphQL enum is built from ERROR_CODES.
it('every error class declares a code listed in ERROR_CODES', () => {
  const declared = declaredCodes(import.meta.dirname);
  expect(declared.length).toBeGreaterThan(20);
  expect(declared.filter((code) => !(code in ERROR_CODES))).toEqual([]);
});
