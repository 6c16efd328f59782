import type { Actor, App, Plan, Product } from '@repo/core';
import { systemActor } from '@repo/core';
import defaultSeed from '@repo/mock-dashboard/seeds/default.json' with { type: 'json' };
import { gid } from './certificates.ts';
import { PAYMENTS_API_ID, type ServerHarness, unwrap } from './harness.ts';

export const REPORTS_API_ID = '627efb71ebae49df7a853b9769b65fce';
export const LEDGER_API_ID = 'd1dfc6a927a046c54c0ed470f19757cc';

export interface AccessFixtures {
  readonly plan: Plan;
  /** Auth Token + mTLS over the Payments API, Managed, binding on. */
  readonly managed: Product;
  /** Auth Token + mTLS over the Payments API, Self-Serve. */
  readonly selfServe: Product;
  readonly appA: App;
  readonly appB: App;
  readonly actors: { readonly consumerA: Actor; readonly consumerB: Actor };
  /** Global ids of the above. */
  readonly ids: Record<'plan' | 'managed' | 'selfServe' | 'appA' | 'appB', string>;
}

/** Adds the mock's JWT + mTLS and OAS APIs to it (the harness seeds the Payments API only). */
export async function seedMoreApis(h: ServerHarness): Promise<void> {
  const [, reports, ledger] = defaultSeed.apis;
  await h.control('POST', '/_mock/seed', { apis: [reports, ledger] });
}

/** A plan, a Managed and a Self-Serve product, and an app of each consumer, made through core. */
export async function accessFixtures(h: ServerHarness): Promise<AccessFixtures> {
  const system = systemActor('test');
  const core = h.core;
  const actorOf = async (token: string) => (await core.users.authenticate(token))!.actor;
  const actors = {
    consumerA: await actorOf(h.tokens.consumerA),
    consumerB: await actorOf(h.tokens.consumerB),
  };
  const plan = unwrap(await core.plans.create({ name: 'Gold', rate: 10, per: 1 }, system));
  const product = (name: string, certificateMode: 'MANAGED' | 'SELF_SERVE', bind: boolean) =>
    core.products.create(
      {
        providerId: h.provider.id,
        name,
        apiIds: [PAYMENTS_API_ID],
        certificateMode,
        bindCertificateToToken: bind,
      },
      system,
    );
  const managed = unwrap(await product('Managed', 'MANAGED', true));
  const selfServe = unwrap(await product('Self-Serve', 'SELF_SERVE', false));
  const appA = unwrap(await core.apps.create({ name: 'App A' }, actors.consumerA));
  const appB = unwrap(await core.apps.create({ name: 'App B' }, actors.consumerB));
  return {
    plan,
    managed,
    selfServe,
    appA,
    appB,
    actors,
    ids: {
      plan: gid('Plan', plan.id),
      managed: gid('Product', managed.id),
      selfServe: gid('Product', selfServe.id),
      appA: gid('App', appA.id),
      appB: gid('App', appB.id),
    },
  };
}
