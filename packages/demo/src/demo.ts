import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { type Core, type Provider, systemActor } from '@repo/core';
import { type MockDashboard, startMockDashboard } from '@repo/mock-dashboard';
import { keptSecret } from '@repo/server/bootstrap';
import type { Logger } from 'pino';
import { type DemoConsumer, seedAccess } from './demo-access.ts';
import { DEMO_ORGANISATIONS, type DemoCertificate, demoCertificates } from './demo-certificates.ts';
import { DEMO_DASHBOARD_KEY, DEMO_ORG_ID, demoSeed } from './demo-seed.ts';

export const DEMO_PROVIDER_NAME = 'Demo Dashboard (mock)';

export interface Demo {
  readonly mock: MockDashboard;
  readonly provider: Provider;
  /** A consumer per organisation, with its token when this data directory kept it. */
  readonly consumers: readonly DemoConsumer[];
}

const actor = systemActor('demo');

/** The mock's state across restarts, beside the database in the data directory. */
export const MOCK_STATE_FILE = 'mock-dashboard.json';

/**
 * `pnpm start` without a Dashboard: the mock Dashboard with the demo store, two organisations, a
 * provider for the mock and an initial sync. Idempotent over a kept data directory: the mock
 * reloads what it held (so certificates uploaded since are not "deleted in the Dashboard"), keeps
 * its control key, and the provider follows its new ports; names and organisations are set only
 * when the provider is new. Then plans, products, consumers, apps and an approved request.
 */
export async function startDemo(
  core: Core,
  options: { dataDir: string; port: number; gatewayPort: number; logger: Logger },
): Promise<Demo> {
  const certificates = await demoCertificates(options.dataDir);
  const mock = await startMockDashboard({
    seed: demoSeed(certificates),
    stateFile: join(options.dataDir, MOCK_STATE_FILE),
    adminKey: await keptSecret(options.dataDir, 'mock-admin-key', () => randomBytes(16).toString('hex')),
    port: options.port,
    gatewayPort: options.gatewayPort,
  });
  try {
    const organisations = await ensureOrganisations(core);
    const { provider, created } = await ensureProvider(core, mock);
    const synced = await core.sync.run(provider.id, 'MANUAL', actor);
    if (!synced.ok) options.logger.warn({ code: synced.error.code }, synced.error.message);
    if (created) await describeCertificates(core, provider, certificates, organisations);
    const consumers = await seedAccess(core, provider, organisations, options.dataDir);
    return { mock, provider, consumers };
  } catch (error) {
    await mock.close();
    throw error;
  }
}

async function ensureOrganisations(core: Core): Promise<Map<string, string>> {
  const existing = new Map((await core.organisations.all(actor)).map((o) => [o.name, o.id]));
  for (const name of DEMO_ORGANISATIONS.filter((n) => !existing.has(n))) {
    const created = await core.organisations.create(name, actor);
    if (!created.ok) throw created.error;
    existing.set(name, created.value.id);
  }
  return existing;
}

async function ensureProvider(
  core: Core,
  mock: MockDashboard,
): Promise<{ provider: Provider; created: boolean }> {
  const where = { dashboardUrl: mock.dashboardUrl, gatewayUrl: mock.gatewayUrl };
  const existing = (await core.providers.all()).find((p) => p.name === DEMO_PROVIDER_NAME);
  const result = existing
    ? await core.providers.update(existing.id, where, actor)
    : await core.providers.create(
        { name: DEMO_PROVIDER_NAME, orgId: DEMO_ORG_ID, apiKey: DEMO_DASHBOARD_KEY, ...where },
        actor,
      );
  if (!result.ok) throw result.error;
  return { provider: result.value, created: !existing };
}

/** Names and organisations; the valid ones go through upload too, for their full X.509 details. */
async function describeCertificates(
  core: Core,
  provider: Provider,
  certificates: readonly DemoCertificate[],
  organisations: ReadonlyMap<string, string>,
): Promise<void> {
  for (const cert of certificates) {
    const organisationIds = [organisations.get(cert.organisation)!];
    const uploaded = await core.certificates.upload(
      { providerId: provider.id, pem: cert.pem, name: cert.name, organisationIds },
      actor,
    );
    if (uploaded.ok) continue;
    // Expired: Tyk would refuse it, but the store already holds it (the sync found it).
    const found = await core.certificates.list(
      { providerId: provider.id, search: cert.sha256 },
      { first: 1 },
      actor,
    );
    const row = found.ok ? found.value.nodes[0] : undefined;
    if (!row) throw uploaded.error;
    await core.certificates.rename(row.id, cert.name, actor);
    await core.certificates.setOrganisations(row.id, organisationIds, actor);
  }
}
