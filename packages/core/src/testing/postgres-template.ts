import postgres from 'postgres';
import { openDatabase } from '../db/open-database.ts';
import { migrationsKey } from './pglite-snapshot.ts';

// Migrating a new PostgreSQL database costs 110–360 ms on this project's 2-core machine; cloning a
// migrated one (`CREATE DATABASE … TEMPLATE`) costs about 50 ms. Every suite's database is a clone
// of one template per set of migrations, built by whichever test process needs it first.
const TEMPLATE_PREFIX = 'mtls_template_';
/** Serialises template builds across every test process on the server (pg_advisory_lock key). */
const BUILD_LOCK = 7_262_001;
const templates = new Map<string, Promise<string>>();

/** The name of a migrated template database on `adminUrl`'s server, built on first use. */
export function migratedTemplate(adminUrl: string): Promise<string> {
  let template = templates.get(adminUrl);
  if (!template) {
    template = buildTemplate(adminUrl);
    templates.set(adminUrl, template);
    template.catch(() => templates.delete(adminUrl));
  }
  return template;
}

/** After a clone found no template (another run replaced it): build it again on next use. */
export function forgetTemplate(adminUrl: string): void {
  templates.delete(adminUrl);
}

async function buildTemplate(adminUrl: string): Promise<string> {
  const name = `${TEMPLATE_PREFIX}${await migrationsKey()}`;
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  try {
    await admin`SELECT pg_advisory_lock(${BUILD_LOCK})`;
    try {
      const [found] = await admin`SELECT 1 FROM pg_database WHERE datname = ${name}`;
      if (!found) await migrateInto(admin, adminUrl, name);
    } finally {
      await admin`SELECT pg_advisory_unlock(${BUILD_LOCK})`;
    }
    return name;
  } finally {
    await admin.end({ timeout: 5 });
  }
}

/**
 * Migrates a database under a temporary name, then renames it: a clone never starts from a
 * half-migrated template. Templates of older migrations are dropped (they are only a cache).
 */
async function migrateInto(admin: postgres.Sql, adminUrl: string, name: string): Promise<void> {
  const building = `${name}_building`;
  await admin.unsafe(`DROP DATABASE IF EXISTS "${building}" WITH (FORCE)`);
  await admin.unsafe(`CREATE DATABASE "${building}"`);
  const url = new URL(adminUrl);
  url.pathname = `/${building}`;
  const database = await openDatabase({ url: url.href, max: 1 });
  await database.close();
  await admin.unsafe(`ALTER DATABASE "${building}" RENAME TO "${name}"`);
  const stale = await admin`
    SELECT datname FROM pg_database WHERE datname LIKE ${`${TEMPLATE_PREFIX}%`} AND datname <> ${name}`;
  for (const { datname } of stale) await admin.unsafe(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
}
