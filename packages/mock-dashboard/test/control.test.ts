import { makeCertificate } from '@repo/core/testing';
import { sha256Hex } from '@repo/core/x509';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { baseSeed, classicApi, KEY, ORG } from './support/fixtures.ts';
import { startTestMock, type TestMock } from './support/mock.ts';

let mock: TestMock;

beforeAll(async () => {
  mock = await startTestMock({ seed: baseSeed({ apis: [classicApi()] }) });
});
afterAll(() => mock.close());

describe('/_mock control surface', () => {
  it('needs the admin key', async () => {
    const res = await fetch(`${mock.dashboardUrl}/_mock/state`, { headers: { 'x-mock-admin-key': 'wrong' } });
    expect(res.status).toBe(403);
    expect((await fetch(`${mock.dashboardUrl}/_mock/state`)).status).toBe(403);
  });

  it('loads a seed of orgs, keys, APIs, certificates and sessions, and dumps it', async () => {
    const cert = await makeCertificate({ name: 'CN=seeded' });
    const res = await mock.control('POST', '/_mock/seed', {
      orgs: [{ id: 'neworg', apiKeys: ['new-key'] }],
      certificates: [{ orgId: 'neworg', pem: cert.pem }],
      keys: [{ keyId: 'seeded-token', session: { org_id: 'neworg', alias: 'seeded' } }],
    });
    const certId = `neworg${sha256Hex(cert.der)}`;
    expect(res.json).toEqual({
      status: 'ok',
      seeded: { certificates: [certId], apis: [], keys: ['seeded-token'] },
    });
    expect((await mock.dashboard('/api/certs', { key: 'new-key' })).json).toEqual({
      certs: [certId],
      pages: 1,
    });
    const state = (await mock.control('GET', '/_mock/state')).json as Record<string, unknown>;
    expect(state).toMatchObject({
      settings: { pageSize: 10 },
      orgs: expect.arrayContaining([
        { id: 'neworg', apiKeys: ['new-key'] },
        { id: ORG, apiKeys: [KEY] },
      ]),
      certificates: [{ id: certId, orgId: 'neworg', hasPrivate: false, subjectCn: 'seeded' }],
      keys: [
        {
          keyId: 'seeded-token',
          keyHash: expect.stringMatching(/^[0-9a-f]{16}$/),
          session: { alias: 'seeded', org_id: 'neworg' },
        },
      ],
      faults: [],
    });
  });

  it('refuses an invalid seed with zod issues and a bad certificate with its path, changing nothing', async () => {
    const bad = await mock.control('POST', '/_mock/seed', { orgs: [{ id: '' }] });
    expect(bad.status).toBe(400);
    expect(bad.json).toMatchObject({ issues: [{ path: ['orgs', 0, 'id'] }] });
    const before = (await mock.control('GET', '/_mock/state')).json;
    const badPem = await mock.control('POST', '/_mock/seed', {
      orgs: [{ id: 'x', apiKeys: ['x-key'] }],
      certificates: [{ orgId: 'x', pem: 'nope' }],
    });
    expect(badPem.json).toMatchObject({ issues: [{ path: ['certificates', 0, 'pem'] }] });
    expect((await mock.control('GET', '/_mock/state')).json).toEqual(before);
    expect((await mock.control('POST', '/_mock/seed', '{')).status).toBe(400);
  });

  it('resets to the start-up seed, or to nothing with {"empty": true}', async () => {
    await mock.dashboard('/api/certs', {
      method: 'POST',
      body: (await makeCertificate({ name: 'CN=temp' })).pem,
    });
    await mock.control('POST', '/_mock/reset');
    expect((await mock.dashboard('/api/certs')).json).toEqual({ certs: [], pages: 0 });
    expect(((await mock.dashboard('/api/apis')).json as { apis: unknown[] }).apis).toHaveLength(1);
    await mock.control('POST', '/_mock/reset', { empty: true });
    expect((await mock.dashboard('/api/apis')).status).toBe(401); // the org and its key are gone too
    await mock.control('POST', '/_mock/reset');
  });

  it('keeps a seeded expired certificate (a store can hold one) while uploads refuse it', async () => {
    const expired = await makeCertificate({
      name: 'CN=old',
      notBefore: new Date(Date.now() - 9e8),
      notAfter: new Date(Date.now() - 1e6),
    });
    const seeded = await mock.control('POST', '/_mock/seed', {
      certificates: [{ orgId: ORG, pem: expired.pem }],
    });
    expect(seeded.status).toBe(200);
    expect((await mock.dashboard('/api/certs')).json).toEqual({
      certs: [ORG + sha256Hex(expired.der)],
      pages: 1,
    });
  });
});
