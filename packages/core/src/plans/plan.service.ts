import { asc, inArray } from 'drizzle-orm';
import { z } from 'zod';
import { type Actor, isAdmin } from '../actor.ts';
import { recordAudit } from '../audit/audit.repo.ts';
import { isUniqueViolation } from '../db/pg-error.ts';
import { plans } from '../db/schema/plans.ts';
import type { CoreDeps } from '../deps.ts';
import { DomainError, ForbiddenError, type InvalidInputError } from '../errors.ts';
import { Err, Ok, type Result } from '../result.ts';
import { nameSchema, parseInput } from '../validation.ts';

export type Plan = typeof plans.$inferSelect;

/** The codes of this module's errors, each with what it means (the GraphQL enum's descriptions). */
export const PLAN_ERROR_CODES = { PLAN_NAME_TAKEN: 'Another plan has this name.' } as const;

export class PlanNameTakenError extends DomainError {
  readonly code = 'PLAN_NAME_TAKEN' as const;
}

const planInput = z.object({
  name: nameSchema(100),
  /** Tyk `rate` requests per `per` seconds. */
  rate: z.number().positive(),
  per: z.number().positive(),
  /** Tyk's `quota_max` is an int64. */
  quotaMax: z
    .bigint()
    .min(-1n)
    .max(2n ** 63n - 1n)
    .default(-1n),
  quotaRenewalRate: z.number().int().min(-1).default(-1),
  /** 0 = keys never expire. */
  keyLifetimeSeconds: z.number().int().min(0).default(0),
});
export type PlanInput = z.input<typeof planInput>;

/** Plans: the rate limit, quota and key lifetime an approval writes on the key. */
export class PlanService {
  readonly #deps: CoreDeps;

  constructor(deps: CoreDeps) {
    this.#deps = deps;
  }

  /** Errors: FORBIDDEN, INVALID_INPUT, PLAN_NAME_TAKEN. */
  async create(
    input: PlanInput,
    actor: Actor,
  ): Promise<Result<Plan, ForbiddenError | InvalidInputError | PlanNameTakenError>> {
    if (!isAdmin(actor)) return Err(new ForbiddenError('Only admins manage plans.'));
    const parsed = parseInput(planInput, input);
    if (!parsed.ok) return parsed;
    try {
      return Ok(
        await this.#deps.db.transaction(async (tx) => {
          const [row] = await tx.insert(plans).values(parsed.value).returning();
          await recordAudit(tx, actor, [
            {
              action: 'plan.create',
              subjectType: 'plan',
              subjectId: row!.id,
              // JSON has no bigint: the audit keeps the exact digits as a string.
              after: { ...parsed.value, quotaMax: String(parsed.value.quotaMax) },
            },
          ]);
          return row!;
        }),
      );
    } catch (error) {
      if (isUniqueViolation(error))
        return Err(new PlanNameTakenError(`A plan named "${parsed.value.name}" exists.`, { path: ['name'] }));
      throw error;
    }
  }

  /** Batch load: plans are the catalogue, which every signed-in actor sees. */
  byIds(ids: readonly string[], _actor: Actor): Promise<Plan[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return this.#deps.db
      .select()
      .from(plans)
      .where(inArray(plans.id, [...ids]));
  }

  list(): Promise<Plan[]> {
    return this.#deps.db.select().from(plans).orderBy(asc(plans.name));
  }
}
