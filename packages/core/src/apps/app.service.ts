import { and, asc, eq, inArray } from 'drizzle-orm';
import { z } from 'zod';
import { type Actor, organisationScope } from '../actor.ts';
import { recordAudit } from '../audit/audit.repo.ts';
import { isUniqueViolation } from '../db/pg-error.ts';
import { apps } from '../db/schema/apps.ts';
import { users } from '../db/schema/users.ts';
import type { CoreDeps } from '../deps.ts';
import { DomainError, type InvalidInputError, NotFoundError } from '../errors.ts';
import { Err, Ok, type Result } from '../result.ts';
import { nameSchema, parseInput } from '../validation.ts';

export type App = typeof apps.$inferSelect;

/** The codes of this module's errors, each with what it means (the GraphQL enum's descriptions). */
export const APP_ERROR_CODES = {
  APP_NAME_TAKEN: "Another of the organisation's apps has this name.",
} as const;

export class AppNameTakenError extends DomainError {
  readonly code = 'APP_NAME_TAKEN' as const;
}

const appInput = z.object({
  name: nameSchema(100),
  description: z.string().max(2000).nullish(),
  /** Admins create apps for a consumer; a consumer's own apps are always its own. */
  ownerId: z.string().min(1).optional(),
});
export type AppInput = z.input<typeof appInput>;

/** A consumer's applications; they own access requests and credentials. */
export class AppService {
  readonly #deps: CoreDeps;

  constructor(deps: CoreDeps) {
    this.#deps = deps;
  }

  /** Errors: INVALID_INPUT, NOT_FOUND (owner: unknown, not a consumer, or another organisation's), APP_NAME_TAKEN. */
  async create(
    input: AppInput,
    actor: Actor,
  ): Promise<Result<App, InvalidInputError | NotFoundError | AppNameTakenError>> {
    const parsed = parseInput(appInput, input);
    if (!parsed.ok) return parsed;
    const ownerId = actor.kind === 'CONSUMER' ? actor.userId : parsed.value.ownerId;
    if (!ownerId) return Err(new NotFoundError('consumer', '(none given)', ['ownerId']));
    const [owner] = await this.#deps.db
      .select()
      .from(users)
      .where(and(eq(users.id, ownerId), eq(users.role, 'CONSUMER')));
    const scope = organisationScope(actor);
    if (!owner?.organisationId || (scope !== undefined && owner.organisationId !== scope)) {
      return Err(new NotFoundError('consumer', ownerId, ['ownerId']));
    }
    try {
      return Ok(
        await this.#deps.db.transaction(async (tx) => {
          const values = {
            name: parsed.value.name,
            description: parsed.value.description ?? null,
            ownerId,
            organisationId: owner.organisationId!,
          };
          const [row] = await tx.insert(apps).values(values).returning();
          await recordAudit(tx, actor, [
            { action: 'app.create', subjectType: 'app', subjectId: row!.id, after: values },
          ]);
          return row!;
        }),
      );
    } catch (error) {
      if (isUniqueViolation(error))
        return Err(
          new AppNameTakenError(`The organisation already has an app named "${parsed.value.name}".`, {
            path: ['name'],
          }),
        );
      throw error;
    }
  }

  /** Batch load, scoped to the actor's organisation. */
  byIds(ids: readonly string[], actor: Actor): Promise<App[]> {
    if (ids.length === 0) return Promise.resolve([]);
    const scope = organisationScope(actor);
    return this.#deps.db
      .select()
      .from(apps)
      .where(
        and(inArray(apps.id, [...ids]), scope === undefined ? undefined : eq(apps.organisationId, scope)),
      );
  }

  list(filter: { organisationId?: string }, actor: Actor): Promise<App[]> {
    const organisationId = organisationScope(actor) ?? filter.organisationId;
    return this.#deps.db
      .select()
      .from(apps)
      .where(organisationId === undefined ? undefined : eq(apps.organisationId, organisationId))
      .orderBy(asc(apps.name), asc(apps.id));
  }
}
