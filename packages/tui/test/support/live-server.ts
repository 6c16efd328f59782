// A live portal for the view tests: PGlite with the real migrations, core, the mock Dashboard,
// and the Yoga server listening on a free port, reached by the TUI over HTTP like in production.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  type Core,
  createCore,
  type HoldPolicy,
  type Organisation,
  type Provider,
  SecretBox,
  systemActor,
} from '@repo/core';
import { createScratchDatabase, type ScratchDatabase } from '@repo/core/testing';
import { type MockDashboard, type MockSeed, startMockDashboard } from '@repo/mock-dashboard';
import { createYogaServer } from '@repo/server';

export const ORG_ID = '5e9d9544a1dcd60001d0ed20';
export const PAYMENTS_API_ID = 'b84fe1a04e5648927971c0557971565c';
export const DASHBOARD_KEY = 'tui-test-dashboard-key';
export const ADMIN_TOKEN = 'mtp_tui-test-admin-token-00000000000000000000';

/** An mTLS API whose allow list holds these Tyk certificate ids. */
export function paymentsApi(clientCertificates: string[] = []) {
  return {
    api_definition: {
      api_id: PAYMENTS_API_ID,
      org_id: ORG_ID,
      name: 'Payments API',
      use_standard_auth: true,
      use_mutual_tls_auth: true,
      client_certificates: clientCertificates,
      proxy: { listen_path: '/payments/' },
    },
  };
}

export const SEED: MockSeed = { orgs: [{ id: ORG_ID, apiKeys: [DASHBOARD_KEY] }], apis: [paymentsApi()] };

export interface LiveServer {
  /** The GraphQL endpoint. */
  readonly url: string;
  readonly token: string;
  readonly core: Core;
  readonly database: ScratchDatabase;
  readonly mock: MockDashboard;
  readonly provider: Provider;
  readonly organisations: readonly Organisation[];
  /** Stops answering HTTP (the server "goes away"): the port refuses connections. */
  goAway(): Promise<void>;
  /** Listens again on the same port. */
  comeBack(): Promise<void>;
  close(): Promise<void>;
}

export interface LiveServerOptions {
  readonly seed?: MockSeed;
  readonly hold?: HoldPolicy;
  readonly organisations?: readonly string[];
  /** Dashboard page size (default 10, as Tyk). */
  readonly pageSize?: number;
}

export const system = systemActor('tui-test');

export async function startLiveServer(options: LiveServerOptions = {}): Promise<LiveServer> {
  const database = await createScratchDatabase({ dialect: 'pglite' });
  const mock = await startMockDashboard({
    seed: options.seed ?? SEED,
    adminKey: 'admin',
    pageSize: options.pageSize,
  });
  const core = createCore({
    db: database.db,
    secrets: new SecretBox(SecretBox.generateKey()),
    dashboard: { retries: 0, backoffMs: 1 },
    ...(options.hold ? { sync: { hold: options.hold } } : {}),
  });
  await core.users.ensureAdmin(ADMIN_TOKEN);
  const organisations: Organisation[] = [];
  for (const name of options.organisations ?? ['Acme Payments', 'Globex Retail']) {
    organisations.push(unwrap(await core.organisations.create(name, system)));
  }
  const provider = unwrap(
    await core.providers.create(
      { name: 'Mock Dashboard', dashboardUrl: mock.dashboardUrl, orgId: ORG_ID, apiKey: DASHBOARD_KEY },
      system,
    ),
  );
  // The server's provisioning worker in miniature: approvals are provisioned as they are queued.
  let provisioning: Promise<unknown> = Promise.resolve();
  core.provisioning.onWork(() => {
    provisioning = provisioning.then(() => core.provisioning.runDue({ limit: 10 })).catch(() => {});
  });
  const yoga = createYogaServer(core);
  let server = createServer(yoga);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/graphql`,
    token: ADMIN_TOKEN,
    core,
    database,
    mock,
    provider,
    organisations,
    goAway: () => closeServer(server),
    comeBack: async () => {
      server = createServer(yoga);
      await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
    },
    close: async () => {
      core.provisioning.onWork(undefined);
      await provisioning;
      await closeServer(server);
      await mock.close();
      await database.destroy();
    },
  };
}

/** Calls the mock's Dashboard API with the provider's key. */
export async function dashboard(
  mock: MockDashboard,
  method: string,
  path: string,
  body?: unknown,
): Promise<unknown> {
  const response = await fetch(new URL(path, mock.dashboardUrl), {
    method,
    headers: { authorization: DASHBOARD_KEY },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  if (!response.ok) throw new Error(`${method} ${path}: HTTP ${response.status} ${await response.text()}`);
  return response.json();
}

export function unwrap<T>(result: { ok: true; value: T } | { ok: false; error: Error }): T {
  if (!result.ok) throw result.error;
  return result.value;
}

function closeServer(server: Server): Promise<void> {
  server.closeAllConnections(); // open SSE streams would hold close() forever
  return new Promise((resolve) => server.close(() => resolve()));
}

/** Calls the mock's `/_mock/*` control surface. */
export async function control(
  mock: MockDashboard,
  method: string,
  path: string,
  body?: unknown,
): Promise<unknown> {
  const response = await fetch(new URL(path, mock.dashboardUrl), {
    method,
    headers: { 'x-mock-admin-key': 'admin', 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`${method} ${path}: HTTP ${response.status} ${await response.text()}`);
  return response.json();
}
