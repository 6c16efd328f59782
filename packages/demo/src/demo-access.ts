import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { type Actor, type Core, type Provider, systemActor } from '@repo/core';
import { DEMO_ORGANISATIONS } from './demo-certificates.ts';
import { DEMO_APIS } from './demo-seed.ts';

/** A demo consumer and the bearer token it was issued (kept in the data directory, owner-only). */
export interface DemoConsumer {
  readonly organisation: string;
  readonly name: string;
  readonly token: string | undefined;
}

const actor = systemActor('demo');
export const DEMO_PLAN = 'Gold';
export const DEMO_PRODUCTS = [
  { name: 'Payments (Managed)', apiIds: [DEMO_APIS.payments], certificateMode: 'MANAGED', bind: true },
  { name: 'Ledger (Self-Serve)', apiIds: [DEMO_APIS.ledger], certificateMode: 'SELF_SERVE', bind: false },
  { name: 'Reports (JWT + mTLS)', apiIds: [DEMO_APIS.reports] },
] as const;
const TOKENS_FILE = 'demo-consumer-tokens.json';

const unwrap = <T>(result: { ok: true; value: T } | { ok: false; error: Error }): T => {
  if (!result.ok) throw result.error;
  return result.value;
};

/**
 * The access side of the demo, each part made only when missing: the Gold plan, a Managed, a
 * Self-Serve and a JWT + mTLS product, a consumer and an app per organisation, and an approved
 * Managed access request for the first organisation (provisioned here, so its token works).
 */
export async function seedAccess(
  core: Core,
  provider: Provider,
  organisations: ReadonlyMap<string, string>,
  dataDir: string,
): Promise<DemoConsumer[]> {
  const plans = await core.plans.list();
  const plan =
    plans.find((p) => p.name === DEMO_PLAN) ??
    unwrap(
      await core.plans.create(
        { name: DEMO_PLAN, rate: 100, per: 60, quotaMax: 100_000n, quotaRenewalRate: 86_400 },
        actor,
      ),
    );
  const existing = await core.products.list({ providerId: provider.id });
  const products = new Map(existing.map((p) => [p.name, p]));
  for (const spec of DEMO_PRODUCTS.filter((s) => !products.has(s.name))) {
    const options =
      'certificateMode' in spec
        ? { certificateMode: spec.certificateMode, bindCertificateToToken: spec.bind }
        : {};
    const created = unwrap(
      await core.products.create(
        { providerId: provider.id, name: spec.name, apiIds: [...spec.apiIds], ...options },
        actor,
      ),
    );
    products.set(created.name, created);
  }
  const tokens = await readTokens(dataDir);
  const consumers: DemoConsumer[] = [];
  for (const organisation of DEMO_ORGANISATIONS) {
    const organisationId = organisations.get(organisation)!;
    const name = `${organisation} developer`;
    const users = await core.users.all({ organisationId }, actor);
    let user = users.find((u) => u.name === name);
    if (!user) {
      const created = unwrap(await core.users.create({ role: 'CONSUMER', name, organisationId }, actor));
      user = created.user;
      tokens[organisation] = created.token;
      await writeFile(join(dataDir, TOKENS_FILE), `${JSON.stringify(tokens, null, 2)}\n`, { mode: 0o600 });
    }
    consumers.push({ organisation, name, token: tokens[organisation] });
    const consumer: Actor = { kind: 'CONSUMER', userId: user.id, organisationId };
    const appName = `${organisation.split(' ')[0]} App`;
    const app =
      (await core.apps.list({}, consumer)).find((a) => a.name === appName) ??
      unwrap(await core.apps.create({ name: appName, description: 'Demo app' }, consumer));
    if (organisation !== DEMO_ORGANISATIONS[0]) continue;
    const managed = products.get(DEMO_PRODUCTS[0].name)!;
    const requests = unwrap(
      await core.accessRequests.list({ appId: app.id, productId: managed.id }, { first: 1 }, consumer),
    );
    if (requests.nodes.length > 0) continue;
    const request = unwrap(
      await core.accessRequests.submit({ appId: app.id, productId: managed.id, planId: plan.id }, consumer),
    );
    unwrap(await core.accessRequests.approve(request.id, actor));
    await core.provisioning.runDue({ limit: 10 });
  }
  return consumers;
}

async function readTokens(dataDir: string): Promise<Record<string, string>> {
  try {
    return JSON.parse(await readFile(join(dataDir, TOKENS_FILE), 'utf8')) as Record<string, string>;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return {};
    throw error;
  }
}
