import { getTypeBrand } from '@pothos/core';

// Which GraphQL type a core object is, from its raw id's prefix (`crt_…` → Certificate): each node
// type registers its prefix where it is defined.
const typenameByIdPrefix = new Map<string, string>();

/** Raw ids with this prefix are objects of `typename` (and appear as its global ids in messages). */
export function registerNodeIdPrefix(prefix: string, typename: string): void {
  typenameByIdPrefix.set(prefix, typename);
}

/** The type of objects whose raw ids start with `prefix`, if one registered it. */
export function typenameOfIdPrefix(prefix: string): string | undefined {
  return typenameByIdPrefix.get(prefix);
}

/**
 * Node's type resolver: Pothos's brand first, then the id's prefix. Pothos brands a loaded node
 * only after every node of its batch has loaded, but hands a second field asking for the same id
 * the cached object at once, so graphql-js can meet it unbranded (two audit events about one
 * certificate failed with "Abstract type Node must resolve to an Object type").
 */
export function resolveNodeType(
  value: unknown,
  brandName: (brand: object | string) => string,
): string | undefined {
  const brand = getTypeBrand(value);
  if (brand) return brandName(brand);
  const id = (value as { id?: unknown } | null)?.id;
  return typeof id === 'string' ? typenameByIdPrefix.get(id.split('_')[0]!) : undefined;
}
