import { randomBytes } from 'node:crypto';
import type { MockSeed } from '@repo/mock-dashboard';
import { expect } from 'vitest';
import { ORG_ID } from '../../support/core-harness.ts';
import { dashboard } from './portal.ts';

/** An API added to the shared mock for one test run: ids and listen path no other test uses. */
export interface RunApi {
  readonly apiId: string;
  readonly listenPath: string;
}

/** A fresh `api_id` (32 hex, as Tyk writes them). */
export const newApiId = () => randomBytes(16).toString('hex');

/** A classic mTLS API definition for `POST /_mock/seed`; `auth` adds the auth fields. */
export function classicApi(api: RunApi, name: string, allowList: string[], auth: Record<string, unknown>) {
  return {
    api_definition: {
      id: randomBytes(12).toString('hex'),
      api_id: api.apiId,
      org_id: ORG_ID,
      name,
      active: true,
      use_mutual_tls_auth: true,
      client_certificates: allowList,
      proxy: { listen_path: api.listenPath, target_url: 'http://upstream.internal', strip_listen_path: true },
      ...auth,
    },
  };
}

/** An OAS Auth Token + mTLS API definition for `POST /_mock/seed`. */
export function oasAuthTokenApi(api: RunApi, name: string, allowList: string[]) {
  return {
    oas: {
      openapi: '3.0.3',
      info: { title: name, version: '1.0.0' },
      paths: {},
      components: { securitySchemes: { authToken: { type: 'apiKey', in: 'header', name: 'Authorization' } } },
      security: [{ authToken: [] }],
      'x-tyk-api-gateway': {
        info: { id: api.apiId, orgId: ORG_ID, name, state: { active: true } },
        upstream: { url: 'http://upstream.internal' },
        server: {
          listenPath: { value: api.listenPath, strip: true },
          authentication: { enabled: true, securitySchemes: { authToken: { enabled: true } } },
          clientCertificates: { enabled: true, allowlist: allowList },
        },
      },
    },
  };
}

/** Adds APIs (and certificates) to the running mock, as a tester seeds it. */
export async function seedMock(seed: MockSeed): Promise<void> {
  const response = await dashboard('POST', '/_mock/seed', seed);
  expect(response.status, await response.clone().text()).toBe(200);
}

/** The allow list of a classic (`api_definition.client_certificates`) or OAS API, read from the Dashboard. */
export async function allowList(apiId: string, kind: 'CLASSIC' | 'OAS' = 'CLASSIC'): Promise<string[]> {
  if (kind === 'OAS') {
    const doc = await (await dashboard('GET', `/api/apis/oas/${apiId}`)).json();
    return doc['x-tyk-api-gateway'].server.clientCertificates.allowlist;
  }
  const wrapper = await (await dashboard('GET', `/api/apis/${apiId}`)).json();
  return wrapper.api_definition.client_certificates;
}

/** The Dashboard keys with access rights to an API, from the mock's state dump. */
export async function keysFor(apiId: string) {
  const state = (await (await dashboard('GET', '/_mock/state')).json()) as {
    keys: {
      keyId: string;
      session: { access_rights?: Record<string, unknown>; mtls_static_certificate_bindings?: string[] };
    }[];
  };
  return state.keys.filter((k) => k.session.access_rights?.[apiId] !== undefined);
}
