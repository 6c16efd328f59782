// `pnpm bench` (approval): latency from approve() to an APPROVED request with its key, against the
// in-process mock Dashboard (Self-Serve, binding on, two APIs: one classic, one OAS).
import { type Actor, createCore, SecretBox } from '@repo/core';
import { createScratchDatabase, makeCertificate, type TestTarget } from '@repo/core/testing';
import { startMockDashboard } from '@repo/mock-dashboard';
import {
  ACCESS_SEED,
  consumerOrganisation,
  gold,
  LEDGER_API,
  must,
  PAYMENTS_API,
} from '../support/access-fixtures.ts';
import { DASHBOARD_KEY, ORG_ID } from '../support/core-harness.ts';

const RUNS = Number(process.env.BENCH_APPROVALS ?? 40);
const targets: TestTarget[] = [{ dialect: 'pglite', adminUrl: undefined }];
if (process.env.TEST_DATABASE_URL)
  targets.push({ dialect: 'postgres', adminUrl: process.env.TEST_DATABASE_URL });
const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!;

const mock = await startMockDashboard({ seed: ACCESS_SEED });
try {
  for (const target of targets) {
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
      const product = must(
        await core.products.create(
          {
            providerId: provider.id,
            name: 'bench',
            apiIds: [PAYMENTS_API, LEDGER_API],
            certificateMode: 'SELF_SERVE',
            bindCertificateToToken: true,
          },
          admin,
        ),
      );
      const plan = await gold(core);
      const latencies: number[] = [];
      for (let i = 0; i < RUNS; i++) {
        const consumer = await consumerOrganisation(core, `bench ${i}`);
        const cert = await makeCertificate({ name: `CN=bench ${i}` });
        const request = must(
          await core.accessRequests.submit(
            {
              appId: consumer.app.id,
              productId: product.id,
              planId: plan.id,
              certificate: { pem: cert.pem },
            },
            consumer.actor,
          ),
        );
        const started = performance.now();
        must(await core.accessRequests.approve(request.id, admin));
        await core.provisioning.runDue();
        latencies.push(performance.now() - started);
        if ((await core.accessRequests.get(request.id, admin))?.status !== 'APPROVED')
          throw new Error('approval did not finish');
      }
      const sorted = [...latencies].sort((a, b) => a - b);
      const line = {
        bench: 'approval',
        case: 'approve → APPROVED (2 APIs, binding)',
        db: target.dialect,
        runs: RUNS,
        medianMs: +percentile(sorted, 0.5).toFixed(1),
        p95Ms: +percentile(sorted, 0.95).toFixed(1),
      };
      process.stdout.write(`${JSON.stringify(line)}\n`);
    } finally {
      await database.destroy();
    }
  }
} finally {
  await mock.close();
}
