// `pnpm bench` (sync): first sync of 10,000 and 50,000 certificates from the mock Dashboard, and a
// re-sync with no change, beside the bare listing fetch in the same run. One JSON line per figure.
// The mock runs as its own process (its CLI), as a Dashboard does: the heap figure is the portal's.
import { writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createCore, DashboardClient, SecretBox } from '@repo/core';
import { createScratchDatabase, type ScratchDatabase, type TestTarget } from '@repo/core/testing';
import { startProcess, stopProcess } from '../e2e/setup/processes.ts';
import { benchCertificatePems } from './bench-certificates.ts';

const ORG = '5e9d9544a1dcd60001d0ed20';
const KEY = 'bench-key';
const sizes = (process.env.BENCH_SYNC_SIZES ?? '10000,50000').split(',').map(Number);
const pageSize = Number(process.env.BENCH_PAGE_SIZE ?? 100);
const targets: TestTarget[] = [{ dialect: 'pglite', adminUrl: undefined }];
if (process.env.TEST_DATABASE_URL)
  targets.push({ dialect: 'postgres', adminUrl: process.env.TEST_DATABASE_URL });

const print = (line: Record<string, unknown>) =>
  process.stdout.write(`${JSON.stringify({ bench: 'sync', ...line })}\n`);
const ms = (from: number) => Math.round(performance.now() - from);

const repo = fileURLToPath(new URL('../../', import.meta.url));

/** The mock's CLI in its own process group, seeded with `pems`; resolves with its Dashboard URL. */
async function startMockProcess(pems: readonly string[]) {
  const seedFile = join(tmpdir(), `sync-bench-seed-${process.pid}-${pems.length}.json`);
  const seed = {
    orgs: [{ id: ORG, apiKeys: [KEY] }],
    certificates: pems.map((pem) => ({ orgId: ORG, pem })),
  };
  await writeFile(seedFile, JSON.stringify(seed));
  const started = await startProcess(
    'node',
    [
      'packages/mock-dashboard/bin/mock-dashboard.js',
      ...['--port', '0', '--gateway-port', '0', '--page-size', String(pageSize), '--seed', seedFile],
    ],
    { cwd: repo, waitFor: [/Dashboard API\s+(http\S+)/], timeoutMs: 600_000 },
  );
  return { dashboardUrl: started.matches[0]![1]!, close: () => stopProcess(started.process) };
}

for (const size of sizes) {
  const mock = await startMockProcess(await benchCertificatePems(size));
  try {
    const client = new DashboardClient({ baseUrl: mock.dashboardUrl, apiKey: KEY });
    await client.listAllCertificates(); // warm the mock and the connection pool
    let started = performance.now();
    const listing = await client.listAllCertificates();
    if (!listing.ok) throw listing.error; // a bench has nothing to report without the listing
    const listed = listing.value.length;
    const fetchMs = ms(started);
    for (const target of targets) {
      const statements: string[] = [];
      const database = await createScratchDatabase(target, (sql) => statements.push(sql));
      try {
        const { core, providerId } = await coreWithProvider(database, mock.dashboardUrl);
        // The run's own listing ends with its last FETCHING event; what follows is diff and apply.
        let listedAt = 0;
        core.sync.events.subscribe((e) => {
          if (e.phase === 'FETCHING' && e.pagesFetched === e.pagesTotal) listedAt = performance.now();
        });
        statements.length = 0;
        const heap = heapWatch();
        started = performance.now();
        const first = await core.sync.run(providerId, 'MANUAL');
        const firstMs = ms(started);
        const heapGrowthMb = heap.stop();
        const firstApplyMs = Math.round(performance.now() - listedAt);
        const firstStatements = statements.length;
        statements.length = 0;
        started = performance.now();
        const again = await core.sync.run(providerId, 'MANUAL');
        const againMs = ms(started);
        const againApplyMs = Math.round(performance.now() - listedAt);
        const writes = statements.filter((s) =>
          /^\s*(insert into|update|delete from)\s+"?(certificates|audit_events)/i.test(s),
        ).length;
        if (!first.ok || first.value.added !== size || !again.ok || again.value.unchanged !== size) {
          throw new Error(`unexpected sync outcome: ${JSON.stringify({ first, again })}`);
        }
        print({
          case: 'first sync',
          db: target.dialect,
          certificates: size,
          pageSize,
          listed,
          fetchMs,
          syncMs: firstMs,
          diffAndApplyMs: firstApplyMs,
          ratio: +(firstMs / fetchMs).toFixed(2),
          target: target.dialect === 'postgres' ? '<= 2' : '<= 3',
          statements: firstStatements,
          heapGrowthMb,
          liveHeapGrowthMb: await liveHeapOfFirstSync(target, mock.dashboardUrl),
          heapTarget: '< 200 MB',
        });
        print({
          case: 're-sync, no change',
          db: target.dialect,
          certificates: size,
          pageSize,
          fetchMs,
          syncMs: againMs,
          diffAndApplyMs: againApplyMs,
          ratio: +(againMs / fetchMs).toFixed(2),
          target: '<= 1.5',
          statements: statements.length,
          certificateWrites: writes,
        });
      } finally {
        await database.destroy();
      }
    }
  } finally {
    await mock.close();
  }
}

/**
 * The most the heap grew above where it stood when the watch began, sampled every 20 ms: what a
 * first sync costs the portal in memory (garbage not yet collected included, as the OS sees it).
 * V8 runs few full collections while the heap is far below its limit, so most of this is dead
 * objects waiting: see `liveHeapOfFirstSync` for what the sync actually holds.
 */
function heapWatch(): { stop(): number } {
  const base = process.memoryUsage().heapUsed;
  let peak = base;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().heapUsed);
  }, 20);
  return {
    stop() {
      clearInterval(timer);
      peak = Math.max(peak, process.memoryUsage().heapUsed);
      return Math.round((peak - base) / 1_048_576);
    },
  };
}

/**
 * The live heap a first sync holds at its largest: the same sync again on a fresh database, with a
 * full collection before every sample (every 200 ms), so only reachable objects count. Needs
 * `--expose-gc` (the bench script passes it); undefined without. Slower, so not the timed run.
 */
async function liveHeapOfFirstSync(target: TestTarget, dashboardUrl: string): Promise<number | undefined> {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) return undefined;
  const database = await createScratchDatabase(target);
  try {
    const { core, providerId } = await coreWithProvider(database, dashboardUrl);
    gc();
    const base = process.memoryUsage().heapUsed;
    let peak = base;
    const sample = () => {
      gc();
      peak = Math.max(peak, process.memoryUsage().heapUsed);
    };
    const timer = setInterval(sample, 200);
    const run = await core.sync.run(providerId, 'MANUAL');
    clearInterval(timer);
    sample();
    if (!run.ok) throw run.error;
    return Math.round((peak - base) / 1_048_576);
  } finally {
    await database.destroy();
  }
}

/** A core over `database` with a provider for the mock at `dashboardUrl`. */
async function coreWithProvider(database: ScratchDatabase, dashboardUrl: string) {
  const core = createCore({ db: database.db, secrets: new SecretBox(SecretBox.generateKey()) });
  const provider = await core.providers.create(
    { name: 'bench', dashboardUrl, orgId: ORG, apiKey: KEY },
    { kind: 'SYSTEM', component: 'bench' },
  );
  if (!provider.ok) throw provider.error;
  return { core, providerId: provider.value.id };
}
