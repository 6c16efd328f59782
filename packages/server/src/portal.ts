// The portal process: configuration → database → core → GraphQL server and jobs. The only module
// that listens. `src/index.ts` runs it as is; the demo package (`pnpm start`) adds the mock Dashboard.
import { mkdir } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { type Core, createCore, openDatabase, SecretBox } from '@repo/core';
import type { Logger } from 'pino';
import { ensureConfiguredProvider, generateAdminToken, generateSecretKey, keptSecret } from './bootstrap.ts';
import { EnvError, readEnv } from './env.ts';
import { createLogger } from './http/logging.ts';
import { createMetrics } from './http/metrics.ts';
import { startExpiryScan } from './jobs/expiry-scan.ts';
import { startProvisioningWorker } from './jobs/provisioning-worker.ts';
import { startSyncScheduler } from './jobs/sync-scheduler.ts';
import { createYogaServer } from './yoga.ts';

/**
 * What stands in for a Dashboard when none is configured (the demo's mock). It starts after the
 * core is ready and before the server listens; its lines are printed under the banner and it is
 * closed last at shutdown.
 */
export interface DashboardStandIn {
  start(core: Core, context: { readonly dataDir: string; readonly logger: Logger }): Promise<RunningStandIn>;
}

export interface RunningStandIn {
  /** Banner lines, already indented like the others. */
  readonly lines: readonly string[];
  close(): Promise<void>;
}

/**
 * Starts the portal from the environment and runs until SIGINT or SIGTERM. With DASHBOARD_* set,
 * that Dashboard becomes a provider; without, `standIn` (when given) supplies one, otherwise the
 * portal starts with the providers its database already holds.
 */
export async function startPortal(options: { standIn?: DashboardStandIn } = {}): Promise<void> {
  // 1. Configuration.
  let env: ReturnType<typeof readEnv>;
  try {
    env = readEnv();
  } catch (error) {
    if (!(error instanceof EnvError)) throw error;
    console.error(error.message);
    process.exit(1);
  }
  const logger = createLogger(env.LOG_LEVEL);
  const dataDir = env.MTLS_DATA_DIR;
  await mkdir(dataDir, { recursive: true });

  // 2. Secrets: from configuration, or generated once and kept for the demo.
  const secretKey = env.MTLS_SECRET_KEY ?? (await keptSecret(dataDir, 'secret-key', generateSecretKey));
  const adminToken = env.MTLS_ADMIN_TOKEN ?? (await keptSecret(dataDir, 'admin-token', generateAdminToken));

  // 3. Database and core.
  const pgliteDir = env.PGLITE_DIR ?? join(dataDir, 'pglite');
  const database = await openDatabase(env.DATABASE_URL ? { url: env.DATABASE_URL } : { dataDir: pgliteDir });
  const webhook =
    env.MTLS_WEBHOOK_URL && env.MTLS_WEBHOOK_SECRET
      ? { url: env.MTLS_WEBHOOK_URL, secret: env.MTLS_WEBHOOK_SECRET }
      : undefined;
  const core = createCore({
    db: database.db,
    secrets: new SecretBox(secretKey),
    ...(webhook ? { webhook } : {}),
  });
  await core.users.ensureAdmin(adminToken);
  // Before the demo's first sync, so /metrics counts it.
  const metrics = createMetrics(core, { processMetrics: true });

  // 4. The Dashboard: configured, or the stand-in.
  let standIn: RunningStandIn | undefined;
  if (env.DASHBOARD_URL && env.DASHBOARD_API_KEY && env.DASHBOARD_ORG_ID) {
    const { DASHBOARD_URL, DASHBOARD_API_KEY, DASHBOARD_ORG_ID } = env;
    const provider = await ensureConfiguredProvider(core, {
      ...env,
      DASHBOARD_URL,
      DASHBOARD_API_KEY,
      DASHBOARD_ORG_ID,
    });
    logger.info({ provider: provider.name, dashboardUrl: provider.dashboardUrl }, 'configured Dashboard');
  } else if (options.standIn) {
    standIn = await options.standIn.start(core, { dataDir, logger });
  }

  // 5. HTTP server and jobs.
  const server = createServer(
    createYogaServer(core, {
      logger,
      metrics,
      maxSubscriptionsPerToken: env.MTLS_MAX_SUBSCRIPTIONS_PER_TOKEN,
    }),
  );
  // Idle keep-alive sockets: clients (undici's fetch: 4 s) must give up before the server does.
  // With Node's 5 s a loaded server closed a socket just as a client reused it, and the request
  // failed with "other side closed" (seen in CI). Longer than any client's, as behind a proxy.
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(env.PORT, env.HOST, resolve);
  });
  const scheduler = startSyncScheduler(core, { intervalMs: env.SYNC_INTERVAL_SECONDS * 1000, logger });
  const expiryScan = startExpiryScan(core, { intervalMs: env.EXPIRY_SCAN_INTERVAL_SECONDS * 1000, logger });
  const provisioning = startProvisioningWorker(core, {
    intervalMs: env.PROVISIONING_POLL_SECONDS * 1000,
    logger,
    jobs: metrics.provisioningJobs,
  });

  const { port } = server.address() as AddressInfo;
  const host = env.HOST.includes(':') ? `[${env.HOST}]` : env.HOST;
  const lines = [
    'mTLS Portal is running',
    `  GraphQL      http://${host}:${port}/graphql   (GraphiQL in a browser)`,
    `  Health       http://${host}:${port}/health    metrics: /metrics`,
    `  Database     ${env.DATABASE_URL ? 'PostgreSQL (DATABASE_URL)' : `PGlite in ${pgliteDir}`}`,
    ...(standIn?.lines ?? []),
    ...(env.MTLS_ADMIN_TOKEN
      ? ['  Admin token  from MTLS_ADMIN_TOKEN']
      : [
          `  Admin token  ${adminToken}   (kept in ${join(dataDir, 'admin-token')})`,
          `  Try          curl -H 'Authorization: Bearer ${adminToken}' -H 'content-type: application/json' \\`,
          `                 -d '{"query":"{ viewer { name role } }"}' http://${host}:${port}/graphql`,
        ]),
  ];
  console.log(lines.join('\n'));

  // 6. Shutdown: stop taking requests, finish the jobs, then close the database and the mock.
  let stopping = false;
  async function shutdown(signal: string): Promise<void> {
    if (stopping) process.exit(1); // a second signal: do not wait
    stopping = true;
    logger.info({ signal }, 'shutting down');
    const closed = new Promise((resolve) => server.close(resolve));
    server.closeAllConnections(); // open SSE streams would hold close() forever
    await Promise.all([closed, scheduler.stop(), expiryScan.stop(), provisioning.stop()]);
    metrics.close();
    await database.close();
    await standIn?.close();
    logger.info('stopped');
    process.exit(0);
  }
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
}
