import { makeCertificate } from '@repo/core/testing';
import { sha256Hex } from '@repo/core/x509';
import type { FaultRule } from '@repo/mock-dashboard';
import { afterEach, describe, expect, it } from 'vitest';
import { ORG_ID } from '../support/core-harness.ts';
import type { E2eServer } from './setup/global-setup.ts';
import {
  allowList,
  classicApi,
  keysFor,
  newApiId,
  oasAuthTokenApi,
  type RunApi,
  seedMock,
} from './support/mock-apis.ts';
import { callGateway, dashboard, graphql, servers } from './support/portal.ts';
import { portal } from './support/stories.ts';

type RequestState = {
  status: string;
  failedStep: string | null;
  failureReason: string | null;
  credentials: { id: string }[];
};

const STATE = `query RequestState($id: ID!) {
  node(id: $id) { ... on AccessRequest { status failedStep failureReason credentials { id } } }
}`;

/** Runs an admin decision on a request, then waits for provisioning to leave PROVISIONING. */
async function decide(
  server: E2eServer,
  mutation: 'accessRequestApprove' | 'accessRequestRetry',
  id: string,
) {
  await graphql(
    server,
    `mutation Decide($id: ID!) { ${mutation}(input: { accessRequest: $id }) { accessRequest { id } userErrors { code message } } }`,
    { id },
  );
  for (let i = 0; i < 300; i++) {
    const { node } = await graphql<{ node: RequestState }>(server, STATE, { id });
    if (node.status !== 'PROVISIONING') return node;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`${mutation}: the request stayed PROVISIONING`);
}

type Written = boolean | 'either';

/** Where a fault strikes during approval, and what the Dashboard holds for the request meanwhile. */
interface Scenario {
  readonly step: string;
  readonly fault: (apis: { classic: RunApi; oas: RunApi }) => FaultRule;
  readonly reason: RegExp;
  /**
   * Which allow lists the failed run wrote (a dropped write landed although the portal saw an
   * error). `either`: the API not under the fault, written or not depending on the order the portal
   * walks the product's APIs (by api_id, random here).
   */
  readonly written: { classic: Written; oas: Written };
  readonly keysWhileFailed: number;
}

const SCENARIOS: [string, Scenario][] = [
  [
    'RESOLVE_CERTIFICATES: POST /api/certs answers 500',
    {
      step: 'RESOLVE_CERTIFICATES',
      // Certificates carry no API id in the path: `times: 1` keeps the rule to this approval's upload.
      fault: () => ({ method: 'POST', path: '/api/certs', kind: 'status', status: 500, times: 1 }),
      reason: /^DASHBOARD_FAILED: /,
      written: { classic: false, oas: false },
      keysWhileFailed: 0,
    },
  ],
  [
    "UPDATE_ALLOW_LISTS: the classic API's PUT answers 503",
    {
      step: 'UPDATE_ALLOW_LISTS',
      // PUTs are retried by the portal, so the rule stays until cleared; only this run's API matches.
      fault: ({ classic }) => ({
        method: 'PUT',
        path: `/api/apis/${classic.apiId}`,
        kind: 'status',
        status: 503,
      }),
      reason: /^DASHBOARD_FAILED: /,
      written: { classic: false, oas: 'either' },
      keysWhileFailed: 0,
    },
  ],
  [
    "UPDATE_ALLOW_LISTS: the OAS API's PUT is applied, then the connection drops",
    {
      step: 'UPDATE_ALLOW_LISTS',
      fault: ({ oas }) => ({
        method: 'PUT',
        path: `/api/apis/oas/${oas.apiId}`,
        kind: 'drop',
        when: 'after',
      }),
      reason: /^DASHBOARD_UNREACHABLE: /,
      written: { classic: 'either', oas: true },
      keysWhileFailed: 0,
    },
  ],
  [
    'CREATE_KEY: POST /api/keys/{id} creates the key, then the connection drops',
    {
      step: 'CREATE_KEY',
      // Key ids are secret to the portal: `times: 1` keeps the rule to this approval's key.
      fault: () => ({ method: 'POST', path: '/api/keys/*', kind: 'drop', when: 'after', times: 1 }),
      reason: /^DASHBOARD_UNREACHABLE: /,
      written: { classic: true, oas: true },
      keysWhileFailed: 1,
    },
  ],
];

describe.each(servers().map((s) => [s.database, s] as const))(
  '[%s] approval under Dashboard faults, through the server process',
  (database, server) => {
    const p = portal(server);
    const installed: string[] = [];

    afterEach(async () => {
      // Only this file's rules: another spec's fault must survive our cleanup.
      for (const id of installed.splice(0)) await dashboard('DELETE', `/_mock/faults/${id}`);
    });

    it.each(SCENARIOS)('%s: FAILED with the step, nothing lost; retry converges', async (_, scenario) => {
      const tag = `${database}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 6)}`;
      const classic = { apiId: newApiId(), listenPath: `/faults-${tag}-c/` };
      const oas = { apiId: newApiId(), listenPath: `/faults-${tag}-o/` };
      const owners = await makeCertificate({ name: 'CN=api owner partner', freshKey: true });
      const ownerEntry = ORG_ID + sha256Hex(owners.der);
      await seedMock({
        certificates: [{ orgId: ORG_ID, pem: owners.pem }],
        apis: [
          classicApi(classic, `Faults classic ${tag}`, [ownerEntry], {
            use_standard_auth: true,
            auth_configs: { authToken: { auth_header_name: 'Authorization' } },
          }),
          oasAuthTokenApi(oas, `Faults OAS ${tag}`, [ownerEntry]),
        ],
      });
      const { productCreate } = await graphql<{ productCreate: { product: { id: string } } }>(
        server,
        `mutation FaultsProduct($input: ProductCreateInput!) { productCreate(input: $input) { product { id } userErrors { code message } } }`,
        {
          input: {
            provider: await p.provider(),
            name: `Faults ${tag}`,
            apiIds: [classic.apiId, oas.apiId],
            certificateMode: 'SELF_SERVE',
            bindCertificateToToken: true,
          },
        },
      );
      const org = await p.organisation(`Faults Org ${tag}`);
      const consumer = await p.consumer(org, 'faults dev');
      const mine = await makeCertificate({ name: 'CN=faults self-serve', freshKey: true });
      const mineEntry = ORG_ID + sha256Hex(mine.der);
      const request = await p.request(consumer, {
        product: productCreate.product.id,
        plan: await p.plan(`faults plan ${tag}`),
        appName: 'faults app',
        pem: mine.pem,
      });

      const response = await dashboard('POST', '/_mock/faults', scenario.fault({ classic, oas }));
      const { faults } = (await response.json()) as { faults: { id: string }[] };
      installed.push(...faults.map((f) => f.id));

      const failed = await decide(server, 'accessRequestApprove', request);
      expect(failed, 'approve under the fault').toEqual({
        status: 'FAILED',
        failedStep: scenario.step,
        failureReason: expect.stringMatching(scenario.reason),
        credentials: [],
      });
      // The owner's entry is never lost, and the request's certificate is never listed twice.
      const expected = (written: Written) =>
        written === 'either'
          ? expect.toSatisfy(
              (list: string[]) => [ownerEntry, `${ownerEntry},${mineEntry}`].includes(list.join()),
              'the owner entry, then the request certificate at most once',
            )
          : written
            ? [ownerEntry, mineEntry]
            : [ownerEntry];
      expect(await allowList(classic.apiId), 'classic allow list while FAILED').toEqual(
        expected(scenario.written.classic),
      );
      expect(await allowList(oas.apiId, 'OAS'), 'OAS allow list while FAILED').toEqual(
        expected(scenario.written.oas),
      );
      expect(await keysFor(classic.apiId), 'Dashboard keys while FAILED').toHaveLength(
        scenario.keysWhileFailed,
      );

      for (const id of installed.splice(0)) await dashboard('DELETE', `/_mock/faults/${id}`);
      expect(await decide(server, 'accessRequestRetry', request), 'retry after clearing the fault').toEqual({
        status: 'APPROVED',
        failedStep: null,
        failureReason: null,
        credentials: [{ id: expect.any(String) }],
      });
      expect(await allowList(classic.apiId), 'classic allow list after retry').toEqual([
        ownerEntry,
        mineEntry,
      ]);
      expect(await allowList(oas.apiId, 'OAS'), 'OAS allow list after retry').toEqual([
        ownerEntry,
        mineEntry,
      ]);
      const keys = await keysFor(classic.apiId);
      expect(keys, 'exactly one Dashboard key after retry').toHaveLength(1);
      expect(
        keys[0]!.session.mtls_static_certificate_bindings,
        'key bound to the request certificate',
      ).toEqual([mineEntry]);

      const token = await p.token(consumer, request);
      expect(
        await callGateway(`${classic.listenPath}orders`, { cert: mine, token }),
        'gateway, classic',
      ).toMatchObject({
        status: 200,
      });
      expect(
        await callGateway(`${oas.listenPath}entries`, { cert: mine, token }),
        'gateway, OAS',
      ).toMatchObject({
        status: 200,
      });
      expect(
        await callGateway(`${classic.listenPath}orders`, { cert: owners, token }),
        'gateway, listed but not bound',
      ).toEqual({
        status: 401,
        body: { error: 'Access to this API has been disallowed' },
      });
    });
  },
);
