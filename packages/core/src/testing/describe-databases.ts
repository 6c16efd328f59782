import { afterAll, beforeAll, beforeEach, describe } from 'vitest';
import type { Db, Dialect } from '../db/open-database.ts';
import {
  createScratchDatabase,
  deleteAllRows,
  type ScratchDatabase,
  type TestTarget,
  testTargets,
} from './test-databases.ts';

/** What a database suite gets: its own migrated database, shared by the tests of the suite. */
export interface TestDatabase {
  readonly dialect: Dialect;
  /** The suite's database; available from `beforeAll` on. */
  readonly db: Db;
  /** PostgreSQL only: the suite database's URL, to open a second, independent connection pool. */
  readonly url: string | undefined;
  /** Deletes every row; runs before each test unless the suite opted out. */
  reset(): Promise<void>;
  /** Runs `fn` and returns the SQL statements Drizzle sent meanwhile. */
  countStatements<T>(fn: () => Promise<T>): Promise<{ result: T; statements: string[] }>;
}

export interface DescribeDatabasesOptions {
  /** Truncate every table before each test (default true). */
  resetBeforeEach?: boolean;
}

/**
 * Declares the suite once per database target: `[pglite] <name>` always, and `[postgres] <name>`
 * when `TEST_DATABASE_URL` is set, so a CI log shows which ran. Each suite opens one database in
 * `beforeAll` (a fresh PGlite, or a fresh PostgreSQL database) and removes it in `afterAll`.
 */
export function describeDatabases(
  name: string,
  define: (ctx: TestDatabase) => void,
  options: DescribeDatabasesOptions = {},
): void {
  for (const target of testTargets()) {
    describe(`[${target.dialect}] ${name}`, () => {
      const ctx = new SuiteDatabase(target);
      beforeAll(() => ctx.open());
      afterAll(() => ctx.destroy());
      if (options.resetBeforeEach ?? true) beforeEach(() => ctx.reset());
      define(ctx);
    });
  }
}

class SuiteDatabase implements TestDatabase {
  readonly #target: TestTarget;
  #database: ScratchDatabase | undefined;
  #recorder: string[] | undefined;

  constructor(target: TestTarget) {
    this.#target = target;
  }

  get dialect(): Dialect {
    return this.#target.dialect;
  }

  get db(): Db {
    if (!this.#database) throw new Error('TestDatabase.db is available from beforeAll on, inside the suite.');
    return this.#database.db;
  }

  get url(): string | undefined {
    return this.#database?.url;
  }

  async open(): Promise<void> {
    this.#database = await createScratchDatabase(this.#target, (statement) =>
      this.#recorder?.push(statement),
    );
  }

  async destroy(): Promise<void> {
    await this.#database?.destroy();
    this.#database = undefined;
  }

  reset(): Promise<void> {
    return deleteAllRows(this.db);
  }

  async countStatements<T>(fn: () => Promise<T>): Promise<{ result: T; statements: string[] }> {
    const statements: string[] = [];
    this.#recorder = statements;
    try {
      return { result: await fn(), statements };
    } finally {
      this.#recorder = undefined;
    }
  }
}
