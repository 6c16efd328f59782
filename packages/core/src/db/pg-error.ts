/** SQLSTATE codes repositories turn into domain errors. */
export const PG_ERROR = {
  uniqueViolation: '23505',
  foreignKeyViolation: '23503',
  /** `ON DELETE RESTRICT` since PostgreSQL 18 (so PGlite 0.5); PostgreSQL 15 reports 23503. */
  restrictViolation: '23001',
  checkViolation: '23514',
  notNullViolation: '23502',
} as const;

export interface PgErrorInfo {
  /** SQLSTATE, e.g. `23505`. */
  readonly code: string;
  /** Name of the violated constraint or index, when the server reports one. */
  readonly constraint: string | undefined;
  readonly message: string;
}

/**
 * The PostgreSQL error behind a failed query, whichever driver raised it: Drizzle wraps driver
 * errors (`DrizzleQueryError.cause`); postgres.js names the constraint `constraint_name`, PGlite
 * `constraint`. Undefined for anything that is not a server error.
 */
export function pgErrorOf(error: unknown): PgErrorInfo | undefined {
  for (let current = error, depth = 0; current instanceof Error && depth < 5; depth++) {
    const fields = current as Error & { code?: unknown; constraint_name?: unknown; constraint?: unknown };
    if (typeof fields.code === 'string' && /^[0-9A-Z]{5}$/.test(fields.code)) {
      const constraint = fields.constraint_name ?? fields.constraint;
      return {
        code: fields.code,
        constraint: typeof constraint === 'string' ? constraint : undefined,
        message: current.message,
      };
    }
    current = current.cause;
  }
  return undefined;
}

/** True when `error` is a unique violation, optionally of the named constraint or unique index. */
export function isUniqueViolation(error: unknown, constraint?: string): boolean {
  const info = pgErrorOf(error);
  return (
    info?.code === PG_ERROR.uniqueViolation && (constraint === undefined || info.constraint === constraint)
  );
}

/**
 * True when a delete or update was refused because rows still reference the target (or an insert
 * referenced a missing row). Covers both codes PostgreSQL versions use for `ON DELETE RESTRICT`.
 */
export function isReferenceViolation(error: unknown, constraint?: string): boolean {
  const info = pgErrorOf(error);
  const referenceCode =
    info?.code === PG_ERROR.foreignKeyViolation || info?.code === PG_ERROR.restrictViolation;
  return referenceCode && (constraint === undefined || info?.constraint === constraint);
}
