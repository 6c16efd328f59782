import {
  type Core,
  type CoreDeps,
  createCore,
  type Organisation,
  type Provider,
  SecretBox,
  systemActor,
} from '@repo/core';
import type { TestDatabase } from '@repo/core/testing';
import { type MockDashboard, type MockSeed, startMockDashboard } from '@repo/mock-dashboard';
import { afterAll, beforeAll, beforeEach } from 'vitest';
import { createYogaServer, type PortalYoga } from '../../src/yoga.ts';

export const ORG_ID = '5e9d9544a1dcd60001d0ed20';
export const DASHBOARD_KEY = 'server-test-dashboard-key';
export const PAYMENTS_API_ID = 'b84fe1a04e5648927971c0557971565c';
const ADMIN_TOKEN = 'mtp_server-test-admin-token-0000000000000000';

/** One org with one Dashboard key and one mTLS API whose allow list tests fill. */
export const BASE_SEED: MockSeed = {
  orgs: [{ id: ORG_ID, apiKeys: [DASHBOARD_KEY] }],
  apis: [
    {
      api_definition: {
        api_id: PAYMENTS_API_ID,
        org_id: ORG_ID,
        name: 'Payments API',
        use_standard_auth: true,
        use_mutual_tls_auth: true,
        client_certificates: [],
        proxy: { listen_path: '/payments/' },
      },
    },
  ],
};

export type Caller = 'anonymous' | 'admin' | 'consumerA' | 'consumerB';
export const CALLERS: readonly Caller[] = ['anonymous', 'consumerA', 'consumerB', 'admin'];

// biome-ignore lint/suspicious/noExplicitAny: GraphQL answers are checked by value in the tests.
export type Json = any;
export interface GqlResult {
  readonly data?: Json;
  readonly errors?: readonly { message: string; path?: string[]; extensions?: { code?: string } }[];
}

export interface ServerHarness {
  readonly core: Core;
  readonly yoga: PortalYoga;
  readonly mock: MockDashboard;
  /** A provider for the mock, fresh before each test. */
  readonly provider: Provider;
  readonly orgA: Organisation;
  readonly orgB: Organisation;
  readonly tokens: Readonly<Record<Exclude<Caller, 'anonymous'>, string>>;
  gql(caller: Caller, query: string, variables?: Record<string, unknown>): Promise<GqlResult>;
  /**
   * A subscription over SSE: the `next` payloads until the server completes the stream or `until`
   * accepts what arrived (then the client hangs up). `started` runs once the response has begun.
   */
  subscribe(
    caller: Caller,
    query: string,
    variables?: Record<string, unknown>,
    options?: { until?: (events: GqlResult[]) => boolean; started?: () => Promise<unknown> },
  ): Promise<GqlResult[]>;
  /** The mock's `/_mock/*` control surface. */
  control(method: string, path: string, body?: unknown): Promise<Json>;
  /** The mock's Dashboard API, as the provider's key: the answer's JSON. */
  dashboard(method: string, path: string, body?: unknown): Promise<Json>;
}

/**
 * A core over the suite's database, the Yoga server over it (called in-process with `yoga.fetch`),
 * the mock Dashboard, and before each test: a provider for the mock, organisations A and B, an
 * admin and one consumer of each organisation.
 */
export function useServerHarness(ctx: TestDatabase, deps: Partial<CoreDeps> = {}): ServerHarness {
  let core: Core | undefined;
  let yoga: PortalYoga | undefined;
  let mock: MockDashboard | undefined;
  let fixtures: Pick<ServerHarness, 'provider' | 'orgA' | 'orgB' | 'tokens'> | undefined;
  const secrets = new SecretBox(SecretBox.generateKey());

  beforeAll(async () => {
    mock = await startMockDashboard({ seed: BASE_SEED, adminKey: 'admin' });
    core = createCore({ db: ctx.db, secrets, dashboard: { retries: 0, backoffMs: 1 }, ...deps });
    yoga = createYogaServer(core);
  });
  afterAll(() => mock?.close());
  beforeEach(async () => {
    await harness.control('POST', '/_mock/reset');
    const c = core!;
    const system = systemActor('test');
    await c.users.ensureAdmin(ADMIN_TOKEN);
    const org = async (name: string) => unwrap(await c.organisations.create(name, system));
    const [orgA, orgB] = [await org('Org A'), await org('Org B')];
    const consumer = async (organisationId: string) =>
      unwrap(
        await c.users.create(
          { role: 'CONSUMER', name: `consumer of ${organisationId}`, organisationId },
          system,
        ),
      ).token;
    const provider = unwrap(
      await c.providers.create(
        { name: 'Mock', dashboardUrl: mock!.dashboardUrl, orgId: ORG_ID, apiKey: DASHBOARD_KEY },
        system,
      ),
    );
    fixtures = {
      provider,
      orgA,
      orgB,
      tokens: { admin: ADMIN_TOKEN, consumerA: await consumer(orgA.id), consumerB: await consumer(orgB.id) },
    };
  });

  const harness: ServerHarness = {
    get core() {
      return required(core, 'core');
    },
    get yoga() {
      return required(yoga, 'yoga');
    },
    get mock() {
      return required(mock, 'mock');
    },
    get provider() {
      return required(fixtures, 'fixtures').provider;
    },
    get orgA() {
      return required(fixtures, 'fixtures').orgA;
    },
    get orgB() {
      return required(fixtures, 'fixtures').orgB;
    },
    get tokens() {
      return required(fixtures, 'fixtures').tokens;
    },
    async gql(caller, query, variables) {
      const headers: Record<string, string> = { 'content-type': 'application/json' };
      if (caller !== 'anonymous') headers.authorization = `Bearer ${harness.tokens[caller]}`;
      const response = await harness.yoga.fetch('http://portal.test/graphql', {
        method: 'POST',
        headers,
        body: JSON.stringify({ query, variables }),
      });
      return (await response.json()) as GqlResult;
    },
    async subscribe(caller, query, variables, options = {}) {
      const headers: Record<string, string> = {
        'content-type': 'application/json',
        accept: 'text/event-stream',
      };
      if (caller !== 'anonymous') headers.authorization = `Bearer ${harness.tokens[caller]}`;
      const response = await harness.yoga.fetch('http://portal.test/graphql', {
        method: 'POST',
        headers,
        body: JSON.stringify({ query, variables }),
      });
      const reading = readEvents(response, options.until ?? (() => false));
      // Let the stream reach the subscription (core's listener) before the action it should see.
      await new Promise((resolve) => setTimeout(resolve, 50));
      await options.started?.();
      return reading;
    },
    async dashboard(method, path, body) {
      const response = await fetch(new URL(path, harness.mock.dashboardUrl), {
        method,
        headers: { authorization: DASHBOARD_KEY },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      if (!response.ok)
        throw new Error(`${method} ${path}: HTTP ${response.status} ${await response.text()}`);
      return response.json();
    },
    async control(method, path, body) {
      const response = await fetch(new URL(path, harness.mock.dashboardUrl), {
        method,
        headers: { 'x-mock-admin-key': 'admin', 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      if (!response.ok)
        throw new Error(`${method} ${path}: HTTP ${response.status} ${await response.text()}`);
      return response.json();
    },
  };
  return harness;
}

export function unwrap<T>(result: { ok: true; value: T } | { ok: false; error: Error }): T {
  if (!result.ok) throw result.error;
  return result.value;
}

function required<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new Error(`The harness's ${what} exists from beforeAll/beforeEach on.`);
  return value;
}

/** The codes of a response's top-level errors. */
export function errorCodes(result: GqlResult): (string | undefined)[] {
  return (result.errors ?? []).map((e) => e.extensions?.code);
}

/** Reads `event: next` / `event: complete` blocks of a text/event-stream response. */
async function readEvents(response: Response, until: (events: GqlResult[]) => boolean): Promise<GqlResult[]> {
  const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
  const events: GqlResult[] = [];
  let buffer = '';
  const deadline = setTimeout(() => void reader.cancel(), 10_000);
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return events;
      buffer += value;
      let end = buffer.indexOf('\n\n');
      while (end >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        end = buffer.indexOf('\n\n');
        const event = /^event: (\w+)/m.exec(block)?.[1];
        const data = /^data: (.*)$/m.exec(block)?.[1];
        if (event === 'complete') return events;
        if (event === 'next' && data) events.push(JSON.parse(data) as GqlResult);
        if (until(events)) {
          await reader.cancel();
          return events;
        }
      }
    }
  } finally {
    clearTimeout(deadline);
  }
}
