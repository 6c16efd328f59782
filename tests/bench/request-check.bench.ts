// `pnpm bench` (request check): the explainer against an API whose allow list has 10,000 rows
// (random certificate ids plus one real certificate), in-process mock Dashboard. One JSON line
// per case and database: median and p95 over the runs, and the SQL statements of one call.
import { randomBytes } from 'node:crypto';
import { createCore, SecretBox } from '@repo/core';
import {
  createScratchDatabase,
  insertTestCertificates,
  makeCertificate,
  type TestTarget,
} from '@repo/core/testing';
import { sha256Hex } from '@repo/core/x509';
import { startMockDashboard } from '@repo/mock-dashboard';

const ORG = '5e9d9544a1dcd60001d0ed20';
const KEY = 'bench-key';
const API_ID = 'b3c4d5e6f708192a3b4c5d6e7f809102';
const entries = Number(process.env.BENCH_ALLOW_LIST_SIZE ?? 10_000);
const runs = Number(process.env.BENCH_RUNS ?? 50);
const targets: TestTarget[] = [{ dialect: 'pglite', adminUrl: undefined }];
if (process.env.TEST_DATABASE_URL)
  targets.push({ dialect: 'postgres', adminUrl: process.env.TEST_DATABASE_URL });

const print = (line: Record<string, unknown>) =>
  process.stdout.write(`${JSON.stringify({ bench: 'request-check', ...line })}\n`);
const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)]!;

const client = await makeCertificate({ name: 'CN=bench client' });
const stranger = await makeCertificate({ name: 'CN=bench stranger' });
const hashes = Array.from({ length: entries - 1 }, () => randomBytes(32).toString('hex'));
const allowList = hashes.map((h) => ORG + h);
allowList.splice(Math.floor(allowList.length / 2), 0, ORG + sha256Hex(client.der));

const mock = await startMockDashboard({
  seed: {
    orgs: [{ id: ORG, apiKeys: [KEY] }],
    certificates: [{ orgId: ORG, pem: client.pem }],
    apis: [
      {
        api_definition: {
          api_id: API_ID,
          org_id: ORG,
          name: 'Bench API',
          use_standard_auth: true,
          use_mutual_tls_auth: true,
          client_certificates: allowList,
          proxy: { listen_path: '/bench/' },
        },
      },
    ],
    keys: [
      { keyId: 'bench-token', session: { org_id: ORG, access_rights: { [API_ID]: { api_id: API_ID } } } },
    ],
  },
});

try {
  for (const target of targets) {
    const statements: string[] = [];
    const database = await createScratchDatabase(target, (sql) => statements.push(sql));
    try {
      const core = createCore({ db: database.db, secrets: new SecretBox(SecretBox.generateKey()) });
      const provider = await core.providers.create(
        { name: 'bench', dashboardUrl: mock.dashboardUrl, orgId: ORG, apiKey: KEY },
        { kind: 'SYSTEM', component: 'bench' },
      );
      if (!provider.ok) throw provider.error;
      const actor = { kind: 'SYSTEM', component: 'bench' } as const;
      const explain = (pem: string) =>
        core.requestCheck.explain(
          { providerId: provider.value.id, apiId: API_ID, pem, token: 'bench-token' },
          actor,
        );
      const measure = async (name: string, pem: string, expectPass: boolean) => {
        for (let i = 0; i < 3; i++) await explain(pem); // warm the mock, the pool and the caches
        const times: number[] = [];
        for (let i = 0; i < runs; i++) {
          statements.length = 0;
          const started = performance.now();
          const result = await explain(pem);
          times.push(performance.now() - started);
          if (!result.ok || result.value.wouldPass !== expectPass)
            throw new Error(`unexpected report: ${JSON.stringify(result)}`);
        }
        times.sort((a, b) => a - b);
        print({
          case: name,
          db: target.dialect,
          allowListEntries: entries,
          runs,
          medianMs: +percentile(times, 0.5).toFixed(1),
          p95Ms: +percentile(times, 0.95).toFixed(1),
          maxMs: +times.at(-1)!.toFixed(1),
          statementsPerCall: statements.length,
        });
      };
      await measure('exact match, portal knows no row', client.pem, true);
      await measure('not allowed, portal knows no row', stranger.pem, false);
      // The realistic case after a sync: every listed id has a row, so the one query returns 10,000.
      await insertTestCertificates(
        database.db,
        { id: provider.value.id, orgId: ORG },
        [...hashes, sha256Hex(client.der)].map((sha256) => ({ sha256, source: 'DASHBOARD' as const })),
      );
      await measure('exact match, portal knows every row', client.pem, true);
      await measure('not allowed, portal knows every row', stranger.pem, false);
    } finally {
      await database.destroy();
    }
  }
} finally {
  await mock.close();
}
