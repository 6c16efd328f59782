import { homedir } from 'node:os';
import { resolve } from 'node:path';

/** A typed path: `~/` is the home directory, relative paths start at `cwd`; quotes are dropped. */
export function resolvePath(typed: string, cwd: string): string {
  const path = typed.trim().replace(/^(['"])(.*)\1$/, '$2');
  if (path === '~' || path.startsWith('~/')) return resolve(homedir(), path.slice(2));
  return resolve(cwd, path);
}
