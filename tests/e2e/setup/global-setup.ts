import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createScratchDatabase, type ScratchDatabase } from '@repo/core/testing';
import type { TestProject } from 'vitest/node';
import { ACCESS_SEED, DASHBOARD_KEY } from '../../support/access-fixtures.ts';
import { ORG_ID } from '../../support/core-harness.ts';
import { startProcess, stopAll } from './processes.ts';
import { startWebhookReceiver } from './webhook-receiver.ts';

const repo = fileURLToPath(new URL('../../../', import.meta.url));

/** One running server: always one on PGlite, and one on PostgreSQL when TEST_DATABASE_URL is set. */
export interface E2eServer {
  readonly database: 'pglite' | 'postgres';
  readonly graphqlUrl: string;
  readonly adminToken: string;
  /** Everything the server process wrote (debug level): scanned for secrets by the access story. */
  readonly logFile: string;
}

declare module 'vitest' {
  export interface ProvidedContext {
    e2e: {
      dashboardUrl: string;
      gatewayUrl: string;
      mockAdminKey: string;
      servers: E2eServer[];
      /** Where the servers POST their webhooks' events, read back at `receivedUrl`, and the signing secret. */
      webhook: { receivedUrl: string; secret: string };
    };
  }
}

/**
 * Starts the mock Dashboard (its CLI) and the server (its start command) as separate processes, the
 * way a tester runs them: PGlite in a scratch directory, or a scratch PostgreSQL database when
 * TEST_DATABASE_URL is set; each server sends its webhooks to a receiver this process runs.
 * Everything started is stopped in teardown.
 */
export default async function setup(project: TestProject) {
  const work = mkdtempSync(join(tmpdir(), 'mtls-e2e-'));
  const seedFile = join(work, 'seed.json');
  writeFileSync(seedFile, JSON.stringify(ACCESS_SEED));
  const mockAdminKey = randomBytes(8).toString('hex');
  const mock = await startProcess(
    'node',
    [
      'packages/mock-dashboard/bin/mock-dashboard.js',
      '--port',
      '0',
      '--gateway-port',
      '0',
      '--seed',
      seedFile,
      '--admin-key',
      mockAdminKey,
    ],
    {
      cwd: repo,
      waitFor: [/Dashboard API\s+(http\S+)/, /Gateway HTTPS\s+(https\S+)/],
    },
  );
  const [dashboardUrl, gatewayUrl] = mock.matches.map((m) => m[1]!);
  let scratch: ScratchDatabase | undefined;
  if (process.env.TEST_DATABASE_URL) {
    scratch = await createScratchDatabase({ dialect: 'postgres', adminUrl: process.env.TEST_DATABASE_URL });
  }
  const receiver = await startWebhookReceiver();
  const webhook = { url: receiver.hookUrl, secret: randomBytes(24).toString('base64url') };
  const config = { work, dashboardUrl: dashboardUrl!, gatewayUrl: gatewayUrl!, webhook };
  const servers = [await startServer('pglite', config)];
  if (scratch?.url) servers.push(await startServer('postgres', { ...config, databaseUrl: scratch.url }));
  project.provide('e2e', {
    dashboardUrl: dashboardUrl!,
    gatewayUrl: gatewayUrl!,
    mockAdminKey,
    servers,
    webhook: { receivedUrl: receiver.receivedUrl, secret: webhook.secret },
  });
  return async () => {
    await stopAll();
    await receiver.close();
    await scratch?.destroy();
    rmSync(work, { recursive: true, force: true });
  };
}

async function startServer(
  database: E2eServer['database'],
  config: {
    work: string;
    dashboardUrl: string;
    gatewayUrl: string;
    webhook: { url: string; secret: string };
    databaseUrl?: string;
  },
): Promise<E2eServer> {
  const adminToken = `mtp_${randomBytes(24).toString('base64url')}`;
  const logFile = join(config.work, `server-${database}.log`);
  const server = await startProcess('node', ['--import', 'tsx', 'src/index.ts'], {
    logFile,
    cwd: join(repo, 'packages/server'),
    env: {
      PORT: '0',
      HOST: '127.0.0.1',
      MTLS_DATA_DIR: join(config.work, `data-${database}`),
      MTLS_ADMIN_TOKEN: adminToken,
      MTLS_SECRET_KEY: randomBytes(32).toString('base64'),
      DASHBOARD_URL: config.dashboardUrl,
      DASHBOARD_API_KEY: DASHBOARD_KEY,
      DASHBOARD_ORG_ID: ORG_ID,
      DASHBOARD_GATEWAY_URL: config.gatewayUrl,
      SYNC_INTERVAL_SECONDS: '0',
      MTLS_WEBHOOK_URL: config.webhook.url,
      MTLS_WEBHOOK_SECRET: config.webhook.secret,
      LOG_LEVEL: 'debug',
      ...(config.databaseUrl ? { DATABASE_URL: config.databaseUrl } : {}),
    },
    waitFor: [/GraphQL\s+(http\S+)/],
    timeoutMs: 90_000,
  });
  const graphqlUrl = server.matches[0]![1]!;
  const health = await fetch(new URL('/health', graphqlUrl));
  if (!health.ok) throw new Error(`server on ${database}: health ${health.status}`);
  return { database, graphqlUrl, adminToken, logFile };
}
