import { resolveArrayConnection } from '@pothos/plugin-relay';
import type { DomainError, KeysetConnection, KeysetPage, Result } from '@repo/core';
import { type FieldNode, GraphQLError, type GraphQLResolveInfo, Kind, type SelectionSetNode } from 'graphql';
import { domainGraphQLError } from './user-errors.ts';

export const DEFAULT_PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 100;

export interface PageArgs {
  readonly first?: number | null;
  readonly after?: string | null;
  readonly last?: number | null;
  readonly before?: string | null;
}

function badInput(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'BAD_USER_INPUT' } });
}

/** Page sizes are 1 to 100; listings read by keyset (certificates) only page forwards. */
export function checkPageArgs(args: PageArgs, options: { backward?: boolean } = {}): void {
  for (const name of ['first', 'last'] as const) {
    const size = args[name];
    if (size != null && (size < 1 || size > MAX_PAGE_SIZE)) {
      throw badInput(`${name} must be from 1 to ${MAX_PAGE_SIZE}.`);
    }
  }
  if (!options.backward && (args.last != null || args.before != null)) {
    throw badInput('This listing pages forwards only: use first and after.');
  }
}

/**
 * The arguments of a listing read by keyset: `first` and `after` alone. Such a listing pages
 * forwards only, so it declares neither `last` nor `before` (which `t.connection` always adds):
 * a client cannot ask for what the listing would refuse. Use `t.field` with a connection object.
 */
export function forwardPageArgs<First, After>(arg: { connectionArgs(): { first: First; after: After } }) {
  const { first, after } = arg.connectionArgs();
  return { first, after };
}

/** `first`/`after` as core's page of a keyset listing, after the checks every forward listing makes. */
export function forwardPage(args: PageArgs): KeysetPage {
  checkPageArgs(args);
  return { first: args.first ?? undefined, after: args.after ?? undefined };
}

/** A page core read by keyset as a Relay connection; a refusal (a foreign cursor…) as a top-level error. */
export function keysetPageConnection<T>(args: PageArgs, page: Result<KeysetConnection<T>, DomainError>) {
  if (!page.ok) throw domainGraphQLError(page.error);
  const { edges, pageInfo } = page.value;
  return {
    edges,
    pageInfo: { ...pageInfo, hasPreviousPage: args.after != null, startCursor: edges[0]?.cursor ?? null },
  };
}

/** A connection over a short list core returns whole (products, plans, apps, access requests). */
export function arrayConnection<T>(args: PageArgs, items: readonly T[]) {
  checkPageArgs(args, { backward: true });
  return resolveArrayConnection({ args, defaultSize: DEFAULT_PAGE_SIZE, maxSize: MAX_PAGE_SIZE }, items);
}

/** Whether the query selects `name` directly on this field's result (through fragments too). */
export function selects(info: GraphQLResolveInfo, name: string): boolean {
  const visit = (set: SelectionSetNode | undefined): boolean =>
    (set?.selections ?? []).some((s) => {
      if (s.kind === Kind.FIELD) return s.name.value === name;
      if (s.kind === Kind.INLINE_FRAGMENT) return visit(s.selectionSet);
      return visit(info.fragments[s.name.value]?.selectionSet);
    });
  return info.fieldNodes.some((node: FieldNode) => visit(node.selectionSet));
}
