import { ID_PREFIXES, type Plan as PlanModel } from '@repo/core';
import { loadAll } from '../loaders.ts';
import { builder } from './builder.ts';
import { arrayConnection } from './connections.ts';
import { payloadType } from './payloads.ts';
import { registerNodeIdPrefix, settle } from './user-errors.ts';

export const Plan = builder.objectRef<PlanModel>('Plan');
registerNodeIdPrefix(ID_PREFIXES.plan, 'Plan');

builder.node(Plan, {
  description: 'The rate limit, quota and key lifetime an approval writes on the key it issues.',
  id: { resolve: (plan) => plan.id },
  loadMany: (ids, ctx) => loadAll(ctx.loaders.plans, ids),
  fields: (t) => ({
    name: t.exposeString('name', { description: 'Unique name.' }),
    rate: t.exposeFloat('rate', { description: 'Requests allowed per `per` seconds (Tyk `rate`).' }),
    per: t.exposeFloat('per', { description: 'The rate window in seconds (Tyk `per`).' }),
    quotaMax: t.expose('quotaMax', {
      type: 'Int64',
      description: 'Requests per quota period (Tyk `quota_max`, an int64, hence a string); -1 is unlimited.',
    }),
    quotaRenewalRate: t.exposeFloat('quotaRenewalRate', {
      description: 'The quota period in seconds (Tyk `quota_renewal_rate`); -1 never renews.',
    }),
    keyLifetimeSeconds: t.exposeInt('keyLifetimeSeconds', {
      description: 'Lifetime of issued keys in seconds; 0 is never expires.',
    }),
    createdAt: t.expose('createdAt', { type: 'DateTime', description: 'When it was created.' }),
    updatedAt: t.expose('updatedAt', { type: 'DateTime', description: 'When it last changed.' }),
  }),
});

const PlanConnection = builder.connectionObject(
  { type: Plan, name: 'PlanConnection', description: 'A page of plans.' },
  { name: 'PlanEdge', description: 'A plan in a page, with its cursor.' },
);

builder.queryField('plans', (t) =>
  t.connection(
    {
      type: Plan,
      description: 'Every plan, by name. Every authenticated caller sees them all.',
      resolve: async (_root, args, ctx) => arrayConnection(args, await ctx.core.plans.list()),
    },
    PlanConnection,
  ),
);

const PlanCreateInput = builder.inputType('PlanCreateInput', {
  description: 'A plan to create.',
  fields: (t) => ({
    name: t.string({ required: true, description: 'Unique name, 1 to 100 characters.' }),
    rate: t.float({ required: true, description: 'Requests allowed per `per` seconds; positive.' }),
    per: t.float({ required: true, description: 'The rate window in seconds; positive.' }),
    quotaMax: t.field({
      type: 'Int64',
      description:
        'Requests per quota period (Tyk `quota_max`): -1 (default) is unlimited, else 0 to 2^63-1.',
    }),
    quotaRenewalRate: t.int({ description: 'The quota period in seconds; -1 (default) never renews.' }),
    keyLifetimeSeconds: t.int({ description: 'Lifetime of issued keys in seconds; 0 (default) is forever.' }),
  }),
});

builder.mutationField('planCreate', (t) =>
  t.withAuth({ admin: true }).field({
    type: payloadType('PlanCreatePayload', {
      description: 'The created plan, or why not.',
      field: 'plan',
      type: Plan,
      fieldDescription: 'The new plan.',
    }),
    description: 'Creates a plan. Admins only.',
    args: { input: t.arg({ type: PlanCreateInput, required: true, description: 'The plan.' }) },
    resolve: async (_root, { input }, ctx) =>
      settle(
        await ctx.core.plans.create(
          {
            name: input.name,
            rate: input.rate,
            per: input.per,
            quotaMax: input.quotaMax ?? undefined,
            quotaRenewalRate: input.quotaRenewalRate ?? undefined,
            keyLifetimeSeconds: input.keyLifetimeSeconds ?? undefined,
          },
          ctx.viewer.actor,
        ),
      ),
  }),
);
