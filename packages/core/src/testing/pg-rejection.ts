import { type PgErrorInfo, pgErrorOf } from '../db/pg-error.ts';

/**
 * Awaits a statement that must fail and returns the PostgreSQL error (code, constraint), so tests
 * can assert which constraint fired on either driver. Anything else (success, a non-server error)
 * fails the test.
 */
export async function pgRejection(statement: PromiseLike<unknown>): Promise<PgErrorInfo> {
  try {
    await statement;
  } catch (error) {
    const info = pgErrorOf(error);
    if (!info) throw error;
    return info;
  }
  throw new Error('Expected the statement to be rejected by PostgreSQL, but it succeeded.');
}
