import { type Actor, type Core, createCore, type Provider, SecretBox } from '@repo/core';
import type { TestDatabase } from '@repo/core/testing';
import { type MockDashboard, type MockSeed, startMockDashboard } from '@repo/mock-dashboard';
import { afterAll, beforeAll, beforeEach } from 'vitest';

export const ORG_ID = '5e9d9544a1dcd60001d0ed20';
export const OTHER_ORG_ID = '664a14650619d40001f1f00f';
export const DASHBOARD_KEY = 'integration-dashboard-key';
export const ADMIN: Actor = { kind: 'ADMIN', userId: 'usr_test_admin' };

/** Two orgs with one Dashboard key each; no APIs, certificates or keys (tests seed what they need). */
export const BASE_SEED: MockSeed = {
  orgs: [
    { id: ORG_ID, apiKeys: [DASHBOARD_KEY] },
    { id: OTHER_ORG_ID, apiKeys: ['other-org-key'] },
  ],
};

export interface CoreHarness {
  readonly core: Core;
  readonly mock: MockDashboard;
  /** A provider pointing at the mock, created fresh before each test. */
  readonly provider: Provider;
  /** An admin that exists as a user (decisions record who made them). */
  readonly admin: Actor;
  /** The secret key the harness's core seals with, for a second core over the same database. */
  readonly secrets: SecretBox;
  /** The same key as text, for a second core in another process. */
  readonly secretKey: string;
  /** Calls the mock's `/_mock/*` control surface. */
  control(method: 'GET' | 'POST' | 'DELETE', path: string, body?: unknown): Promise<unknown>;
  /** Calls the mock's Dashboard API as the portal's Dashboard user would. */
  dashboard(method: string, path: string, body?: BodyInit): Promise<Response>;
}

/**
 * Inside `describeDatabases`: one mock Dashboard per suite (reset before each test), a core over
 * the suite's database, and a provider for the mock. Retries back off in milliseconds so fault
 * tests stay fast.
 */
export function useCoreHarness(
  ctx: TestDatabase,
  options: { seed?: MockSeed; pageSize?: number } = {},
): CoreHarness {
  let mock: MockDashboard | undefined;
  let core: Core | undefined;
  let provider: Provider | undefined;
  let admin: Actor | undefined;
  const secretKey = SecretBox.generateKey();
  const secrets = new SecretBox(secretKey);
  beforeAll(async () => {
    mock = await startMockDashboard({ seed: options.seed ?? BASE_SEED, pageSize: options.pageSize ?? 10 });
  });
  afterAll(async () => mock?.close());
  beforeEach(async () => {
    await harness.control('POST', '/_mock/reset');
    core = createCore({ db: ctx.db, secrets, dashboard: { retries: 2, backoffMs: 5 } });
    const created = await core.providers.create(
      {
        name: 'mock',
        dashboardUrl: mock!.dashboardUrl,
        orgId: ORG_ID,
        apiKey: DASHBOARD_KEY,
        requestTimeoutMs: 2_000,
      },
      ADMIN,
    );
    if (!created.ok) throw created.error;
    provider = created.value;
    admin = {
      kind: 'ADMIN',
      userId: (await core.users.ensureAdmin('mtp_test-admin-token', 'test admin')).id,
    };
  });
  const harness: CoreHarness = {
    get core() {
      return required(core, 'core');
    },
    get mock() {
      return required(mock, 'mock');
    },
    get provider() {
      return required(provider, 'provider');
    },
    get admin() {
      return required(admin, 'admin');
    },
    secrets,
    secretKey,
    async control(method, path, body) {
      const response = await fetch(new URL(path, required(mock, 'mock').dashboardUrl), {
        method,
        headers: { 'x-mock-admin-key': required(mock, 'mock').adminKey, 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      if (!response.ok)
        throw new Error(`${method} ${path}: HTTP ${response.status} ${await response.text()}`);
      return response.json();
    },
    dashboard(method, path, body) {
      return fetch(new URL(path, required(mock, 'mock').dashboardUrl), {
        method,
        headers: { authorization: DASHBOARD_KEY },
        body,
      });
    },
  };
  return harness;
}

function required<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new Error(`The harness's ${what} exists from beforeEach on.`);
  return value;
}
