import { isRecord } from '../http/read-body.ts';
import type { JsonObject } from '../state/stored-api.ts';

/** Reads a nested value; `undefined` as soon as a step is not an object. */
export function getPath(root: unknown, path: readonly string[]): unknown {
  let node: unknown = root;
  for (const step of path) {
    if (!isRecord(node)) return undefined;
    node = node[step];
  }
  return node;
}

/** Writes a nested value, creating (or replacing non-object) intermediate steps. */
export function setPath(root: JsonObject, path: readonly string[], value: unknown): void {
  let node = root;
  for (const step of path.slice(0, -1)) {
    const next = node[step];
    if (!isRecord(next)) node[step] = {};
    node = node[step] as JsonObject;
  }
  node[path[path.length - 1]!] = value;
}

export function getString(root: unknown, path: readonly string[]): string | undefined {
  const value = getPath(root, path);
  return typeof value === 'string' ? value : undefined;
}

export function getBoolean(root: unknown, path: readonly string[]): boolean | undefined {
  const value = getPath(root, path);
  return typeof value === 'boolean' ? value : undefined;
}
