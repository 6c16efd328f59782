import type { Actor, Core, User } from '@repo/core';
import type { Logger } from 'pino';
import type { SubscriptionSlots } from './http/subscription-slots.ts';
import { createLoaders, type Loaders } from './loaders.ts';

/** The authenticated caller. */
export interface Viewer {
  readonly actor: Actor;
  readonly user: User;
}

/** What every resolver gets: core, the caller (undefined when anonymous) and the request's loaders. */
export interface Context {
  readonly core: Core;
  readonly viewer: Viewer | undefined;
  /** A bearer token was sent but names no user (as opposed to no token at all). */
  readonly tokenRejected: boolean;
  readonly loaders: Loaders;
  readonly logger: Logger;
  /** The server's count of open subscriptions per caller. */
  readonly subscriptions: SubscriptionSlots;
}

/** `Authorization: Bearer <token>` → the token; anything else → undefined. */
export function bearerToken(header: string | null): string | undefined {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '');
  return match?.[1];
}

/** One indexed lookup of the token's hash; an unknown token is treated as anonymous. */
export async function createContext(
  core: Core,
  request: Request,
  logger: Logger,
  subscriptions: SubscriptionSlots,
): Promise<Context> {
  const token = bearerToken(request.headers.get('authorization'));
  const viewer = token === undefined ? undefined : await core.users.authenticate(token);
  return {
    core,
    viewer,
    tokenRejected: token !== undefined && !viewer,
    loaders: createLoaders(core, viewer?.actor),
    logger,
    subscriptions,
  };
}

/** The context of a field that requires a signed-in caller (Pothos auth contexts): the viewer is set. */
export type SignedInContext = Context & { readonly viewer: Viewer };

/**
 * The viewer of a field that Pothos let through its `loggedIn` scope (the root types carry it):
 * for resolvers that cannot take an auth context (connections over a shared connection type).
 */
export function viewerOf(ctx: Context): Viewer {
  if (!ctx.viewer) throw new Error('A signed-in field ran without a viewer: its auth scope is missing.');
  return ctx.viewer;
}
