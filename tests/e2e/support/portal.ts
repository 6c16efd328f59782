import type { TestCertificate } from '@repo/core/testing';
import { sha256Hex } from '@repo/core/x509';
import { expect, inject } from 'vitest';
import {
  type ClientCertificate,
  callGateway as callMockGateway,
  type GatewayAnswer,
} from '../../support/gateway-client.ts';
import type { E2eServer } from '../setup/global-setup.ts';

/** The running processes the global setup started. */
export const e2e = () => inject('e2e');

/** The servers to run each scenario against (PGlite, and PostgreSQL when configured). */
export const servers = (): E2eServer[] => inject('e2e').servers;

/**
 * A GraphQL call to the running server. Throws with the operation name when the server answers
 * `errors` or a mutation answers `userErrors`, so a failing step names itself.
 */
export async function graphql<T = Record<string, unknown>>(
  server: E2eServer,
  query: string,
  variables: Record<string, unknown> = {},
  token: string = server.adminToken,
): Promise<T> {
  const response = await fetch(server.graphqlUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as { data?: T; errors?: { message: string }[] };
  const name = /(query|mutation)\s+(\w+)/.exec(query)?.[2] ?? 'operation';
  if (body.errors?.length) throw new Error(`${name}: ${body.errors.map((e) => e.message).join('; ')}`);
  for (const [field, value] of Object.entries(body.data ?? {})) {
    const errors = (value as { userErrors?: { code: string; message: string }[] } | null)?.userErrors;
    if (errors?.length)
      throw new Error(`${name}.${field}: ${errors.map((e) => `${e.code} ${e.message}`).join('; ')}`);
  }
  return body.data as T;
}

/** A call to the mock Dashboard's API as the portal's Dashboard user, or to its `/_mock` controls. */
export async function dashboard(method: string, path: string, body?: BodyInit | object): Promise<Response> {
  const control = path.startsWith('/_mock/');
  const headers: Record<string, string> = control
    ? { 'x-mock-admin-key': e2e().mockAdminKey }
    : { authorization: 'integration-dashboard-key' };
  const payload =
    body === undefined || typeof body === 'string' || body instanceof FormData ? body : JSON.stringify(body);
  const response = await fetch(new URL(path, e2e().dashboardUrl), {
    method,
    headers,
    body: payload as BodyInit | undefined,
  });
  if (response.status >= 500 && !control)
    throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
  return response;
}

export type { GatewayAnswer };

/** Asserts the gateway let a request through; a refusal names the step and the gateway's reason. */
export function expectAllowed(answer: GatewayAnswer, step: string): void {
  expect(answer.status, `${step}: the gateway answered ${answer.status} ${JSON.stringify(answer.body)}`).toBe(
    200,
  );
}

/**
 * How a Managed story ends at the gateway: the organisation's two certificates pass with its token
 * (one on each product API), another organisation's is refused by the allow list.
 */
export async function expectManagedAccess(
  token: string,
  [one, two]: readonly [TestCertificate, TestCertificate],
  theirs: TestCertificate,
): Promise<void> {
  expectAllowed(
    await callGateway('/payments/orders', { cert: one, token }),
    'certificate one with the token at /payments/orders',
  );
  expectAllowed(
    await callGateway('/ledger/entries', { cert: two, token }),
    'certificate two with the token at /ledger/entries',
  );
  expect(
    await callGateway('/payments/orders', { cert: theirs, token }),
    "another organisation's certificate with the token at /payments/orders",
  ).toEqual({
    status: 403,
    body: { error: `Certificate with SHA256 ${sha256Hex(theirs.der)} not allowed` },
  });
}

/** One real mutual-TLS request to the e2e mock's gateway. */
export function callGateway(path: string, options: { cert?: ClientCertificate; token?: string } = {}) {
  return callMockGateway(e2e().gatewayUrl, path, options);
}

/** Waits for a sync run to leave RUNNING and returns it. */
export async function finishedRun(server: E2eServer, runId: string) {
  for (let i = 0; i < 200; i++) {
    const { node } = await graphql<{
      node: { status: string; error: string | null; counts: Record<string, number> };
    }>(
      server,
      `query SyncRunState($id: ID!) { node(id: $id) { ... on SyncRun { status error counts { added restored softDeleted unchanged } } } }`,
      { id: runId },
    );
    if (node.status !== 'RUNNING') return node;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`sync run ${runId} did not finish`);
}
