// Every environment variable the code reads is declared to Turbo (in strict mode a task sees only
// what it declares) and listed in the README's configuration table.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';

const repo = fileURLToPath(new URL('../../', import.meta.url));
/** Set by the shell, pnpm or CI, not by a user of the portal. */
const AMBIENT = new Set(['PATH', 'NODE_ENV', 'CI', 'INIT_CWD']);
const SKIP_DIRS = new Set(['node_modules', 'dist', '.turbo', '.git', '.data', 'drizzle']);

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    if (SKIP_DIRS.has(entry.name)) return [];
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return /\.(ts|tsx|mjs)$/.test(entry.name) ? [path] : [];
  });
}

/** Reads of `process.env`, and the keys of the env schemas (`src/env.ts`, read through zod). */
function variablesRead(): Map<string, string> {
  const found = new Map<string, string>();
  const files = [...sourceFiles(join(repo, 'packages')), ...sourceFiles(join(repo, 'tests'))];
  for (const file of files) {
    const text = readFileSync(file, 'utf8');
    const names = [...text.matchAll(/process\.env\.([A-Z][A-Z0-9_]*)/g)].map((m) => m[1]!);
    if (file.endsWith('/src/env.ts'))
      names.push(...[...text.matchAll(/^\s+([A-Z][A-Z0-9_]+):/gm)].map((m) => m[1]!));
    for (const name of names) if (!AMBIENT.has(name)) found.set(name, relative(repo, file));
  }
  return found;
}

function declaredToTurbo(): string[] {
  const turbo = JSON.parse(readFileSync(join(repo, 'turbo.json'), 'utf8')) as {
    globalEnv?: string[];
    tasks: Record<string, { env?: string[] }>;
  };
  return [...(turbo.globalEnv ?? []), ...Object.values(turbo.tasks).flatMap((task) => task.env ?? [])];
}

const matches = (patterns: readonly string[], name: string) =>
  patterns.some((p) => (p.endsWith('*') ? name.startsWith(p.slice(0, -1)) : p === name));

it('finds the variables it checks', () => {
  expect([...variablesRead().keys()]).toEqual(
    expect.arrayContaining([
      'TEST_DATABASE_URL',
      'PROVISIONING_POLL_SECONDS',
      'EXPIRY_SCAN_INTERVAL_SECONDS',
    ]),
  );
});

it('declares every variable read to Turbo', () => {
  const declared = declaredToTurbo();
  const missing = [...variablesRead()].filter(([name]) => !matches(declared, name));
  expect(missing).toEqual([]);
});

it("lists every variable read in the README's configuration table", () => {
  const readme = readFileSync(join(repo, 'README.md'), 'utf8');
  const table = readme.slice(readme.indexOf('## Configuration'));
  const listed = [...table.matchAll(/`([A-Z][A-Z0-9_]*\*?)`/g)].map((m) => m[1]!);
  const missing = [...variablesRead()].filter(([name]) => !matches(listed, name));
  expect(missing).toEqual([]);
});
