import { asc, eq, inArray } from 'drizzle-orm';
import { z } from 'zod';
import { type Actor, isAdmin, organisationScope } from '../actor.ts';
import { recordAudit } from '../audit/audit.repo.ts';
import { isUniqueViolation } from '../db/pg-error.ts';
import { organisations } from '../db/schema/organisations.ts';
import type { CoreDeps } from '../deps.ts';
import { DomainError, ForbiddenError, type InvalidInputError, NotFoundError } from '../errors.ts';
import { type KeysetConnection, type KeysetPage, keysetConnection, parseKeysetPage } from '../keyset-page.ts';
import { Err, Ok, type Result } from '../result.ts';
import { nameSchema, parseInput } from '../validation.ts';
import { pageOrganisations } from './organisation.repo.ts';

export type Organisation = typeof organisations.$inferSelect;

/** The codes of this module's errors, each with what it means (the GraphQL enum's descriptions). */
export const ORGANISATION_ERROR_CODES = {
  ORGANISATION_NAME_TAKEN: 'Another organisation has this name.',
} as const;

export class OrganisationNameTakenError extends DomainError {
  readonly code = 'ORGANISATION_NAME_TAKEN' as const;
}

const organisationInput = z.object({ name: nameSchema(100) });

const organisationFilter = z.object({
  /** Part of the name, any case; blank means no filter. */
  search: z.string().trim().optional(),
});
export type OrganisationFilter = z.input<typeof organisationFilter>;

/** Consumer organisations. Admins manage them; a consumer sees only its own. */
export class OrganisationService {
  readonly #deps: CoreDeps;

  constructor(deps: CoreDeps) {
    this.#deps = deps;
  }

  /** Errors: FORBIDDEN, INVALID_INPUT, ORGANISATION_NAME_TAKEN. */
  async create(
    name: string,
    actor: Actor,
  ): Promise<Result<Organisation, ForbiddenError | InvalidInputError | OrganisationNameTakenError>> {
    if (!isAdmin(actor)) return Err(new ForbiddenError('Only admins create organisations.'));
    const parsed = parseInput(organisationInput, { name });
    if (!parsed.ok) return parsed;
    try {
      return Ok(
        await this.#deps.db.transaction(async (tx) => {
          const [row] = await tx.insert(organisations).values({ name: parsed.value.name }).returning();
          await recordAudit(tx, actor, [
            {
              action: 'organisation.create',
              subjectType: 'organisation',
              subjectId: row!.id,
              after: { name: row!.name },
            },
          ]);
          return row!;
        }),
      );
    } catch (error) {
      if (isUniqueViolation(error))
        return Err(
          new OrganisationNameTakenError(`An organisation named "${parsed.value.name}" exists.`, {
            path: ['name'],
          }),
        );
      throw error;
    }
  }

  /** Errors: NOT_FOUND (also for another organisation's id, seen by a consumer). */
  async get(id: string, actor: Actor): Promise<Result<Organisation, NotFoundError>> {
    const [row] = await this.byIds([id], actor);
    return row ? Ok(row) : Err(new NotFoundError('organisation', id));
  }

  /** Batch load, scoped: ids the actor may not see are simply absent. */
  async byIds(ids: readonly string[], actor: Actor): Promise<Organisation[]> {
    const scope = organisationScope(actor);
    const visible = scope === undefined ? [...ids] : ids.filter((id) => id === scope);
    if (visible.length === 0) return [];
    return this.#deps.db.select().from(organisations).where(inArray(organisations.id, visible));
  }

  /**
   * One page of organisations by name (then id), read in one statement with a keyset cursor: every
   * one for admins, its own for a consumer. `search` matches part of the name in any case.
   * Errors: INVALID_INPUT (`first`, or an `after` this listing did not make).
   */
  async list(
    filter: OrganisationFilter,
    page: KeysetPage,
    actor: Actor,
  ): Promise<Result<KeysetConnection<Organisation>, InvalidInputError>> {
    const f = parseInput(organisationFilter, filter);
    if (!f.ok) return f;
    const p = parseKeysetPage('organisations', page);
    if (!p.ok) return p;
    const rows = await pageOrganisations(this.#deps.db, {
      scope: organisationScope(actor),
      search: f.value.search || undefined,
      after: p.value.after,
      limit: p.value.first + 1,
    });
    return Ok(
      keysetConnection('organisations', rows, p.value.first, (node) => ({
        position: { key: node.name, id: node.id },
        node,
      })),
    );
  }

  /** Every organisation the actor may see, by name (for seeding, which looks names up). */
  all(actor: Actor): Promise<Organisation[]> {
    const scope = organisationScope(actor);
    return this.#deps.db
      .select()
      .from(organisations)
      .where(scope === undefined ? undefined : eq(organisations.id, scope))
      .orderBy(asc(organisations.name));
  }
}
