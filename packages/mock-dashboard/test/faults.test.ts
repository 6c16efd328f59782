import { makeCertificate } from '@repo/core/testing';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { FaultRule } from '../src/index.ts';
import { gatewayGet } from '../src/testing/index.ts';
import { baseSeed, classicApi } from './support/fixtures.ts';
import { startTestMock, type TestMock } from './support/mock.ts';

let mock: TestMock;

const addFault = (rule: FaultRule | { faults: FaultRule[]; seed?: number }) =>
  mock.control('POST', '/_mock/faults', rule);

beforeAll(async () => {
  mock = await startTestMock({
    seed: baseSeed({ apis: [classicApi({ use_mutual_tls_auth: false, use_keyless: true })] }),
  });
});
afterAll(() => mock.close());
beforeEach(async () => {
  await mock.control('POST', '/_mock/reset');
});

describe('fault kinds', () => {
  it('status: answers the given status and body instead of the route, by method and path glob', async () => {
    await addFault({
      method: 'GET',
      path: '/api/certs*',
      kind: 'status',
      status: 503,
      body: { Status: 'Error', Message: 'down', Meta: null },
    });
    const res = await mock.dashboard('/api/certs?p=2');
    expect([res.status, res.json]).toEqual([503, { Status: 'Error', Message: 'down', Meta: null }]);
    expect((await mock.dashboard('/api/apis')).status).toBe(200); // other path
    expect((await mock.dashboard('/api/certs', { method: 'POST', body: '' })).status).toBe(500); // other method, real route
  });

  it('status without a body uses the listener`s envelope', async () => {
    await addFault({ path: '/api/apis', kind: 'status', status: 500 });
    expect((await mock.dashboard('/api/apis')).json).toEqual({
      Status: 'Error',
      Message: 'Injected fault',
      Meta: null,
    });
  });

  it('latency: delays, then answers normally', async () => {
    await addFault({ path: '/api/apis', kind: 'latency', ms: 300 });
    const started = Date.now();
    const res = await mock.dashboard('/api/apis');
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
    expect(res.status).toBe(200);
  });

  it('drop: destroys the connection; `after` still performs the write', async () => {
    await addFault({ path: '/api/apis', kind: 'drop' });
    await expect(mock.dashboard('/api/apis')).rejects.toThrow();
    const cert = await makeCertificate({ name: 'CN=dropped after write' });
    await addFault({ method: 'POST', path: '/api/certs', kind: 'drop', when: 'after', times: 1 });
    await expect(mock.dashboard('/api/certs', { method: 'POST', body: cert.pem })).rejects.toThrow();
    const retry = await mock.dashboard('/api/certs', { method: 'POST', body: cert.pem });
    expect(retry.json).toMatchObject({ Message: expect.stringContaining('already exists') });
  });

  it('truncate: sends the start of the real page with a matching length', async () => {
    await addFault({ path: '/api/apis', kind: 'truncate', bytes: 20 });
    const res = await mock.dashboard('/api/apis');
    expect(res.status).toBe(200);
    expect(res.text).toHaveLength(20);
    expect(res.json).toBeUndefined();
  });

  it('malformed: a complete body that is not JSON', async () => {
    await addFault({ path: '/api/certs', kind: 'malformed' });
    const res = await mock.dashboard('/api/certs');
    expect(res.text).toBe('{"certs":[],"pages":0,}');
    expect(res.json).toBeUndefined();
    await mock.control('DELETE', '/_mock/faults');
    await addFault({ path: '/api/certs', kind: 'malformed', body: '<html>' });
    expect((await mock.dashboard('/api/certs')).text).toBe('<html>');
  });

  it('targets the gateway too', async () => {
    await addFault({ target: 'gateway', path: '/payments/*', kind: 'status', status: 502 });
    const res = await gatewayGet(`${mock.gatewayUrl}/payments/x`);
    expect([res.status, res.body]).toEqual([502, { error: 'Injected fault' }]);
    expect((await mock.dashboard('/api/apis')).status).toBe(200);
  });
});

describe('fault scheduling', () => {
  it('fails the next N calls, then answers normally; the rule is then gone', async () => {
    await addFault({ path: '/api/apis', kind: 'status', status: 500, times: 2 });
    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push((await mock.dashboard('/api/apis')).status);
    expect(statuses).toEqual([500, 500, 200]);
    expect((await mock.control('GET', '/_mock/faults')).json).toEqual({ faults: [] });
  });

  it('fires by probability from a seeded RNG: the same seed gives the same calls', async () => {
    const run = async () => {
      await mock.control('DELETE', '/_mock/faults');
      await addFault({
        seed: 42,
        faults: [{ path: '/api/apis', kind: 'status', status: 500, probability: 0.5 }],
      });
      const seen = [];
      for (let i = 0; i < 12; i++) seen.push((await mock.dashboard('/api/apis')).status);
      return seen;
    };
    const first = await run();
    expect(first).toContain(500);
    expect(first).toContain(200);
    expect(await run()).toEqual(first);
  });

  it('lists, removes one, and clears faults; refuses an invalid rule with zod issues', async () => {
    const added = (await addFault({ path: '/x', kind: 'drop' })).json as { faults: { id: string }[] };
    const id = added.faults[0]!.id;
    expect((await mock.control('GET', '/_mock/faults')).json).toMatchObject({
      faults: [{ id, kind: 'drop', when: 'before' }],
    });
    expect((await mock.control('DELETE', `/_mock/faults/${id}`)).status).toBe(200);
    expect((await mock.control('DELETE', `/_mock/faults/${id}`)).status).toBe(404);
    const bad = await mock.control('POST', '/_mock/faults', { path: 'no-slash', kind: 'status', status: 99 });
    expect(bad.status).toBe(400);
    expect(bad.json).toMatchObject({
      status: 'error',
      issues: expect.arrayContaining([expect.objectContaining({ path: ['path'] })]),
    });
  });

  it('never faults the control surface', async () => {
    await addFault({ path: '*', kind: 'status', status: 500 });
    expect((await mock.control('GET', '/_mock/state')).status).toBe(200);
  });
});
