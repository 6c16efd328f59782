import { createHash, type Hash, randomBytes } from 'node:crypto';
import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { migratedPgliteSnapshot, migrationsFolder } from '../db/open-database.ts';

// PGlite's initdb is 3 of the 4 seconds a fresh in-memory database costs. Every test file starts
// instead from one migrated snapshot, cached on disk like any tool cache (gitignored node_modules)
// and keyed by the migrations and the PGlite build, so a changed migration makes a new one.
const CACHE_DIR = fileURLToPath(new URL('../../node_modules/.cache/pglite-snapshots/', import.meta.url));

async function snapshotKey(): Promise<string> {
  const hash = createHash('sha256');
  // The resolved path carries the installed version (pnpm store layout).
  hash.update(createRequire(import.meta.url).resolve('@electric-sql/pglite'));
  return (await hashMigrations(hash)).digest('hex').slice(0, 16);
}

/** A short key that changes with any migration: names the PostgreSQL template too. */
export async function migrationsKey(): Promise<string> {
  return (await hashMigrations(createHash('sha256'))).digest('hex').slice(0, 16);
}

async function hashMigrations(hash: Hash): Promise<Hash> {
  const entries = (await readdir(migrationsFolder, { recursive: true, withFileTypes: true }))
    .filter((entry) => entry.isFile() && entry.name.endsWith('.sql'))
    .map((entry) => join(entry.parentPath, entry.name))
    .sort();
  for (const path of entries) hash.update(path.slice(migrationsFolder.length)).update(await readFile(path));
  return hash;
}

/** The migrated snapshot for the current migrations, built and cached on first use. */
export async function cachedPgliteSnapshot(): Promise<Blob> {
  const file = join(CACHE_DIR, `${await snapshotKey()}.tar`);
  try {
    return new Blob([await readFile(file)]);
  } catch {
    // Not cached yet: build it below.
  }
  const snapshot = await migratedPgliteSnapshot();
  await mkdir(CACHE_DIR, { recursive: true });
  // Written aside and renamed: parallel workers never read a half-written file.
  const partial = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.partial`;
  await writeFile(partial, new Uint8Array(await snapshot.arrayBuffer()));
  await rename(partial, file);
  await removeOtherSnapshots(file);
  return snapshot;
}

/** Drops a cached snapshot that failed to load, so the next file rebuilds it. */
export async function forgetPgliteSnapshots(): Promise<void> {
  await rm(CACHE_DIR, { recursive: true, force: true });
}

async function removeOtherSnapshots(keep: string): Promise<void> {
  for (const name of await readdir(CACHE_DIR)) {
    const path = join(CACHE_DIR, name);
    if (path !== keep && name.endsWith('.tar')) await rm(path, { force: true });
  }
}
