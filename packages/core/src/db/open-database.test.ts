import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { getTableName, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { describeDatabases } from '../testing/index.ts';
import { migrationsFolder, openDatabase } from './open-database.ts';
import { schema } from './relations.ts';
import { organisations } from './schema/organisations.ts';

/** The committed migrations: one folder each. */
const committedMigrations = (await readdir(migrationsFolder, { withFileTypes: true })).filter((entry) =>
  entry.isDirectory(),
).length;

const expectedTables = Object.values(schema)
  .map((table) => getTableName(table))
  .sort();

async function publicTables(db: import('./open-database.ts').Db): Promise<string[]> {
  const rows = await db.execute<{ name: string }>(
    sql`SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename`,
    'objects',
  );
  return rows.map((row) => row.name);
}

async function appliedMigrations(db: import('./open-database.ts').Db): Promise<number> {
  const rows = await db.execute<{ n: number }>(
    sql`SELECT count(*)::int AS n FROM drizzle.__drizzle_migrations`,
    'objects',
  );
  return rows[0]!.n;
}

describeDatabases('openDatabase', (ctx) => {
  it('applies the committed migrations: every schema table exists, each migration recorded once', async () => {
    expect(await publicTables(ctx.db)).toEqual(expectedTables);
    expect(await appliedMigrations(ctx.db)).toBe(committedMigrations);
  });

  it('reports every statement it sends to onQuery', async () => {
    const { statements } = await ctx.countStatements(async () => {
      await ctx.db.insert(organisations).values({ name: 'acme' });
      await ctx.db.query.organisations.findMany({ with: { certificates: true, users: true } });
    });
    // The relational query with two relations is still one statement.
    expect(statements).toHaveLength(2);
    expect(statements[0]).toMatch(/^insert into "organisations"/);
  });

  if (ctx.dialect === 'postgres') {
    it('re-opening a migrated PostgreSQL database applies nothing', async () => {
      const second = await openDatabase({ url: ctx.url!, max: 1 });
      try {
        expect(await appliedMigrations(second.db)).toBe(committedMigrations);
        expect(second.dialect).toBe('postgres');
      } finally {
        await second.close();
      }
    });
  }
});

describe('openDatabase with a PGlite data directory', () => {
  it('keeps the data and does not migrate again when re-opened', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'core-pglite-'));
    try {
      const first = await openDatabase({ dataDir });
      await first.db.insert(organisations).values({ name: 'persisted' });
      await first.close();

      const second = await openDatabase({ dataDir });
      expect(await second.db.select({ name: organisations.name }).from(organisations)).toEqual([
        { name: 'persisted' },
      ]);
      expect(await appliedMigrations(second.db)).toBe(committedMigrations);
      await second.close();
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});
