// `pnpm bench` (import): one certificateImport of a 1,000-certificate bundle against the in-process
// mock Dashboard — wall time, items per second, and the heap it grew by (bounded memory).
import { type Actor, createCore, SecretBox } from '@repo/core';
import { createScratchDatabase, makeCertificate, type TestTarget } from '@repo/core/testing';
import { startMockDashboard } from '@repo/mock-dashboard';
import { must } from '../support/access-fixtures.ts';
import { DASHBOARD_KEY, ORG_ID } from '../support/core-harness.ts';

const ITEMS = Number(process.env.BENCH_IMPORT_ITEMS ?? 1_000);
const targets: TestTarget[] = [{ dialect: 'pglite', adminUrl: undefined }];
if (process.env.TEST_DATABASE_URL)
  targets.push({ dialect: 'postgres', adminUrl: process.env.TEST_DATABASE_URL });

// The certificates are made once, before anything is timed.
const bundle = (
  await Promise.all(
    Array.from({ length: ITEMS }, (_, i) => makeCertificate({ name: `CN=bench-device-${i}` })),
  )
)
  .map((c) => c.pem)
  .join('');

for (const target of targets) {
  const mock = await startMockDashboard({
    seed: { orgs: [{ id: ORG_ID, apiKeys: [DASHBOARD_KEY] }], apis: [] },
  });
  const database = await createScratchDatabase(target);
  try {
    const core = createCore({ db: database.db, secrets: new SecretBox(SecretBox.generateKey()) });
    const admin: Actor = { kind: 'ADMIN', userId: (await core.users.ensureAdmin('mtp_bench-admin')).id };
    const provider = must(
      await core.providers.create(
        { name: 'bench', dashboardUrl: mock.dashboardUrl, orgId: ORG_ID, apiKey: DASHBOARD_KEY },
        admin,
      ),
    );
    const input = {
      providerId: provider.id,
      files: [{ name: 'devices.pem', text: bundle }],
      namePattern: '{cn}',
    };
    global.gc?.();
    const heapBefore = process.memoryUsage().heapUsed;
    let dryMs = performance.now();
    must(await core.certificates.import({ ...input, dryRun: true }, admin));
    dryMs = performance.now() - dryMs;
    const started = performance.now();
    const report = must(await core.certificates.import(input, admin));
    const ms = performance.now() - started;
    global.gc?.();
    if (report.counts.CREATED !== ITEMS) throw new Error(`imported ${JSON.stringify(report.counts)}`);
    const line = {
      bench: 'import',
      case: `${ITEMS} certificates, one bundle`,
      db: target.dialect,
      dryRunMs: Math.round(dryMs),
      importMs: Math.round(ms),
      perSecond: Math.round((ITEMS / ms) * 1000),
      heapGrowthMb: +((process.memoryUsage().heapUsed - heapBefore) / 1024 / 1024).toFixed(1),
    };
    process.stdout.write(`${JSON.stringify(line)}\n`);
  } finally {
    await database.destroy();
    await mock.close();
  }
}
