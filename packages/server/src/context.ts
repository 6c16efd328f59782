import type { Actor, Core, User } from '@repo/core';
import type { Logger } from 'pino';
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
}

/** `Authorization: Bearer <token>` → the token; anything else → undefined. */
export function bearerToken(header: string | null): string | undefined {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '');
  return match?.[1];
}

/** One indexed lookup of the token's hash; an unknown token is treated as anonymous. */
export async function createContext(core: Core, request: Request, logger: Logger): Promise<Context> {
  const token = bearerToken(request.headers.get('authorization'));
  const viewer = token === undefined ? undefined : await core.users.authenticate(token);
  return {
    core,
    viewer,
    tokenRejected: token !== undefined && !viewer,
    loaders: createLoaders(core, viewer?.actor),
    logger,
  };
}

/** A consumer naming an organisation other than its own (in a filter): it sees nothing there. */
export function isForeignOrganisation(ctx: Context, organisationId: string | undefined): boolean {
  const actor = ctx.viewer?.actor;
  return (
    organisationId !== undefined && actor?.kind === 'CONSUMER' && actor.organisationId !== organisationId
  );
}
