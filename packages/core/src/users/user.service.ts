import { and, asc, eq, inArray } from 'drizzle-orm';
import { z } from 'zod';
import { type Actor, isAdmin, organisationScope } from '../actor.ts';
import { recordAudit } from '../audit/audit.repo.ts';
import { isReferenceViolation } from '../db/pg-error.ts';
import { USER_ROLES, users } from '../db/schema/users.ts';
import type { CoreDeps } from '../deps.ts';
import { ForbiddenError, type InvalidInputError, NotFoundError } from '../errors.ts';
import { type KeysetConnection, type KeysetPage, keysetConnection, parseKeysetPage } from '../keyset-page.ts';
import { Err, Ok, type Result } from '../result.ts';
import { nameSchema, parseInput } from '../validation.ts';
import { pageUsers, publicUserColumns } from './user.repo.ts';
import { generateUserToken, hashUserToken } from './user-token.ts';

/** A user as core hands it out: never with its token hash. */
export type User = Omit<typeof users.$inferSelect, 'tokenHash'>;

const userInput = z.discriminatedUnion('role', [
  z.object({ role: z.literal('ADMIN'), name: nameSchema(100) }),
  z.object({
    role: z.literal('CONSUMER'),
    name: nameSchema(100),
    organisationId: z.string().min(1),
  }),
]);
export type UserInput = z.input<typeof userInput>;

const userFilter = z.object({
  organisationId: z.string().min(1).optional(),
  role: z.enum(USER_ROLES).optional(),
});
export type UserFilter = z.input<typeof userFilter>;

/** Admins and consumers, and the bearer tokens they call the portal with. */
export class UserService {
  readonly #deps: CoreDeps;

  constructor(deps: CoreDeps) {
    this.#deps = deps;
  }

  /**
   * Creates a user and returns its token: the only time the token is seen, as only its hash is kept.
   * Errors: FORBIDDEN (not an admin), INVALID_INPUT, NOT_FOUND (organisation).
   */
  async create(
    input: UserInput,
    actor: Actor,
  ): Promise<Result<{ user: User; token: string }, ForbiddenError | InvalidInputError | NotFoundError>> {
    if (!isAdmin(actor)) return Err(new ForbiddenError('Only admins create users.'));
    const parsed = parseInput(userInput, input);
    if (!parsed.ok) return parsed;
    const token = generateUserToken();
    const organisationId = parsed.value.role === 'CONSUMER' ? parsed.value.organisationId : null;
    try {
      const user = await this.#deps.db.transaction(async (tx) => {
        const [row] = await tx
          .insert(users)
          .values({
            role: parsed.value.role,
            name: parsed.value.name,
            organisationId,
            tokenHash: hashUserToken(token),
          })
          .returning(publicUserColumns);
        await recordAudit(tx, actor, [
          {
            action: 'user.create',
            subjectType: 'user',
            subjectId: row!.id,
            after: { name: row!.name, role: row!.role, organisationId },
          },
        ]);
        return row!;
      });
      return Ok({ user, token });
    } catch (error) {
      if (isReferenceViolation(error))
        return Err(new NotFoundError('organisation', organisationId ?? '', ['organisationId']));
      throw error;
    }
  }

  /**
   * Makes sure an admin holding `token` exists (server start with a configured admin token).
   * Idempotent: only the hash is compared and stored.
   */
  async ensureAdmin(token: string, name = 'admin'): Promise<User> {
    const tokenHash = hashUserToken(token);
    const [existing] = await this.#deps.db
      .select(publicUserColumns)
      .from(users)
      .where(eq(users.tokenHash, tokenHash));
    if (existing) return existing;
    const [row] = await this.#deps.db
      .insert(users)
      .values({ role: 'ADMIN', name, tokenHash })
      .onConflictDoNothing({ target: users.tokenHash })
      .returning(publicUserColumns);
    return (
      row ??
      (await this.#deps.db.select(publicUserColumns).from(users).where(eq(users.tokenHash, tokenHash)))[0]!
    );
  }

  /** The actor a bearer token stands for, or undefined for an unknown token. One indexed lookup. */
  async authenticate(token: string): Promise<{ actor: Actor; user: User } | undefined> {
    if (!token) return undefined;
    const [user] = await this.#deps.db
      .select(publicUserColumns)
      .from(users)
      .where(eq(users.tokenHash, hashUserToken(token)));
    if (!user) return undefined;
    const actor: Actor =
      user.role === 'ADMIN'
        ? { kind: 'ADMIN', userId: user.id }
        : { kind: 'CONSUMER', userId: user.id, organisationId: user.organisationId! };
    return { actor, user };
  }

  /** Batch load, scoped: a consumer sees the users of its own organisation only. */
  async byIds(ids: readonly string[], actor: Actor): Promise<User[]> {
    if (ids.length === 0) return [];
    const scope = organisationScope(actor);
    return this.#deps.db
      .select(publicUserColumns)
      .from(users)
      .where(
        and(inArray(users.id, [...ids]), scope === undefined ? undefined : eq(users.organisationId, scope)),
      );
  }

  /**
   * One page of users by name (then id), read in one statement with a keyset cursor: every one for
   * admins, its own organisation's for a consumer (naming another organisation gives an empty page).
   * Errors: INVALID_INPUT (a filter field, `first`, or an `after` this listing did not make).
   */
  async list(
    filter: UserFilter,
    page: KeysetPage,
    actor: Actor,
  ): Promise<Result<KeysetConnection<User>, InvalidInputError>> {
    const f = parseInput(userFilter, filter);
    if (!f.ok) return f;
    const p = parseKeysetPage('users', page);
    if (!p.ok) return p;
    const rows = await pageUsers(this.#deps.db, {
      scope: organisationScope(actor),
      organisationId: f.value.organisationId,
      role: f.value.role,
      after: p.value.after,
      limit: p.value.first + 1,
    });
    return Ok(
      keysetConnection('users', rows, p.value.first, (node) => ({
        position: { key: node.name, id: node.id },
        node,
      })),
    );
  }

  /** Every user the actor may see, by name (for seeding, which looks users up). */
  all(filter: { organisationId?: string }, actor: Actor): Promise<User[]> {
    const scope = organisationScope(actor);
    const organisationId = scope ?? filter.organisationId;
    return this.#deps.db
      .select(publicUserColumns)
      .from(users)
      .where(organisationId === undefined ? undefined : eq(users.organisationId, organisationId))
      .orderBy(asc(users.name), asc(users.id));
  }
}
