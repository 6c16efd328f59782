import { describeDatabases } from '@repo/core/testing';
import { expect, it } from 'vitest';
import { schema } from '../src/schema/index.ts';
import { gid, uploaded } from './support/certificates.ts';
import { DASHBOARD_KEY, ORG_ID, useServerHarness } from './support/harness.ts';

const CREATE = `mutation($input: ProviderCreateInput!) {
  providerCreate(input: $input) { provider { id name dashboardUrl orgId gatewayUrl requestTimeoutMs } userErrors { code path } }
}`;
const UPDATE = `mutation($input: ProviderUpdateInput!) {
  providerUpdate(input: $input) { provider { name gatewayUrl } userErrors { code path } }
}`;
const TEST = `mutation($input: ProviderTestConnectionInput!) {
  providerTestConnection(input: $input) { connectionCheck { certificatePages latencyMs } userErrors { code message path } }
}`;
const DELETE = `mutation($input: ProviderDeleteInput!) { providerDelete(input: $input) { provider { name } userErrors { code } } }`;

it('no type exposes an API key or a token hash', () => {
  for (const type of Object.values(schema.getTypeMap())) {
    if (!('getFields' in type) || type.name.endsWith('Input')) continue;
    for (const field of Object.keys(type.getFields()))
      expect(field, `${type.name}.${field}`).not.toMatch(/apiKey|hash|secret/i);
  }
});

describeDatabases('providers', (ctx) => {
  const h = useServerHarness(ctx);
  const input = { name: 'Second', dashboardUrl: 'http://dashboard.example.com/', orgId: ORG_ID, apiKey: 'k' };

  it('providerCreate adds one (the key goes in, never out); a taken name or a bad URL is a userError', async () => {
    const created = await h.gql('admin', CREATE, { input });
    expect(created.data.providerCreate).toMatchObject({
      provider: {
        name: 'Second',
        dashboardUrl: 'http://dashboard.example.com',
        gatewayUrl: null,
        requestTimeoutMs: 10000,
      },
      userErrors: [],
    });
    expect(JSON.stringify(created)).not.toContain('"k"');
    expect((await h.gql('admin', CREATE, { input })).data.providerCreate).toEqual({
      provider: null,
      userErrors: [{ code: 'PROVIDER_NAME_TAKEN', path: ['input', 'name'] }],
    });
    const badUrl = await h.gql('admin', CREATE, {
      input: { ...input, name: 'Third', dashboardUrl: 'ftp://x' },
    });
    expect(badUrl.data.providerCreate.userErrors).toEqual([
      { code: 'INVALID_INPUT', path: ['input', 'dashboardUrl'] },
    ]);
    const list = await h.gql('admin', '{ providers { nodes { name } } }');
    expect(list.data.providers.nodes).toEqual([{ name: 'Mock' }, { name: 'Second' }]);
  });

  it('providerUpdate changes what is given: null clears the gateway URL, a missing provider is NOT_FOUND', async () => {
    const provider = gid('Provider', h.provider.id);
    const set = await h.gql('admin', UPDATE, { input: { provider, gatewayUrl: 'https://gw.example.com' } });
    expect(set.data.providerUpdate).toEqual({
      provider: { name: 'Mock', gatewayUrl: 'https://gw.example.com' },
      userErrors: [],
    });
    const cleared = await h.gql('admin', UPDATE, { input: { provider, gatewayUrl: null, name: null } });
    expect(cleared.data.providerUpdate.provider).toEqual({ name: 'Mock', gatewayUrl: null });
    const missing = await h.gql('admin', UPDATE, {
      input: { provider: gid('Provider', 'prv_01m8gzzzzzzzzzzzzzzzzzzzzz') },
    });
    expect(missing.data.providerUpdate.userErrors).toEqual([
      { code: 'NOT_FOUND', path: ['input', 'provider'] },
    ]);
  });

  it('providerTestConnection reads the Dashboard; a wrong key is DASHBOARD_UNAUTHORISED', async () => {
    const provider = gid('Provider', h.provider.id);
    const ok = await h.gql('admin', TEST, { input: { provider } });
    expect(ok.data.providerTestConnection).toMatchObject({
      connectionCheck: { certificatePages: expect.any(Number) },
      userErrors: [],
    });
    await h.gql('admin', UPDATE, { input: { provider, apiKey: `${DASHBOARD_KEY}-wrong` } });
    const refused = await h.gql('admin', TEST, { input: { provider } });
    expect(refused.data.providerTestConnection).toMatchObject({
      connectionCheck: null,
      userErrors: [{ code: 'DASHBOARD_UNAUTHORISED', path: null }],
    });
  });

  it('providerDelete removes an unused provider and refuses one certificates refer to', async () => {
    await uploaded(h);
    const inUse = await h.gql('admin', DELETE, { input: { provider: gid('Provider', h.provider.id) } });
    expect(inUse.data.providerDelete).toEqual({ provider: null, userErrors: [{ code: 'PROVIDER_IN_USE' }] });
    const second = (await h.gql('admin', CREATE, { input })).data.providerCreate.provider.id;
    expect((await h.gql('admin', DELETE, { input: { provider: second } })).data.providerDelete).toEqual({
      provider: { name: 'Second' },
      userErrors: [],
    });
    expect((await h.gql('admin', `{ node(id: "${second}") { id } }`)).data.node).toBeNull();
  });
});
