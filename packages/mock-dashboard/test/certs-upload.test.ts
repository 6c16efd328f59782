import { makeCertificate, pemBundle } from '@repo/core/testing';
import { sha256Hex } from '@repo/core/x509';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ORG, OTHER_KEY, OTHER_ORG } from './support/fixtures.ts';
import { pemForm, startTestMock, type TestMock } from './support/mock.ts';

const DAY = 86_400_000;
let mock: TestMock;

beforeAll(async () => {
  mock = await startTestMock();
});
afterAll(() => mock.close());
beforeEach(async () => {
  await mock.control('POST', '/_mock/reset');
});

describe('POST /api/certs', () => {
  it('adds a certificate from the multipart field `cert` with Tyk`s lower-case answer', async () => {
    const cert = await makeCertificate({ name: 'CN=upload-cert' });
    const res = await mock.dashboard('/api/certs', { method: 'POST', body: pemForm(cert.pem, 'cert') });
    expect(res.status).toBe(200);
    expect(res.json).toEqual({ id: ORG + sha256Hex(cert.der), message: 'Certificate added.', status: 'ok' });
  });

  it('accepts the swagger`s field name `file` and a raw PEM body', async () => {
    const a = await makeCertificate({ name: 'CN=as-file' });
    const b = await makeCertificate({ name: 'CN=as-raw' });
    expect(
      (await mock.dashboard('/api/certs', { method: 'POST', body: pemForm(a.pem, 'file') })).status,
    ).toBe(200);
    const raw = await mock.dashboard('/api/certs', { method: 'POST', body: b.pem });
    expect(raw.json).toMatchObject({ id: ORG + sha256Hex(b.der), status: 'ok' });
  });

  it('refuses a duplicate in the same org with the swagger`s text (404) but allows it in another org', async () => {
    const cert = await makeCertificate({ name: 'CN=dup' });
    await mock.dashboard('/api/certs', { method: 'POST', body: cert.pem });
    const again = await mock.dashboard('/api/certs', { method: 'POST', body: cert.pem });
    const id = ORG + sha256Hex(cert.der);
    expect(again.status).toBe(404);
    expect(again.json).toEqual({
      Status: 'Error',
      Message: `Could not create certificate.Certificate with ${id} ID already exists.`,
      Meta: null,
    });
    const other = await mock.dashboard('/api/certs', { method: 'POST', body: cert.pem, key: OTHER_KEY });
    expect(other.json).toMatchObject({ id: OTHER_ORG + sha256Hex(cert.der) });
  });

  it('refuses an expired certificate, and one whose chain holds an expired block', async () => {
    const expired = await makeCertificate({
      name: 'CN=expired',
      notBefore: new Date(Date.now() - 10 * DAY),
      notAfter: new Date(Date.now() - DAY),
    });
    const res = await mock.dashboard('/api/certs', { method: 'POST', body: expired.pem });
    expect(res.status).toBe(404);
    expect(res.json).toMatchObject({ Message: 'Could not create certificate.certificate is expired' });
    const leaf = await makeCertificate({ name: 'CN=fresh leaf' });
    const chained = await mock.dashboard('/api/certs', { method: 'POST', body: pemBundle(leaf, expired) });
    expect(chained.json).toMatchObject({ Message: 'Could not create certificate.certificate is expired' });
  });

  it('answers an empty upload with Tyk`s 500 "body empty"', async () => {
    for (const body of ['', pemForm('', 'cert'), pemForm('x', 'other-field')]) {
      const res = await mock.dashboard('/api/certs', { method: 'POST', body });
      expect(res.status).toBe(500);
      expect(res.json).toEqual({
        Status: 'Error',
        Message: 'Failed to read response body, body empty.',
        Meta: null,
      });
    }
  });

  it('refuses unreadable input with the decode text', async () => {
    const truncated = (await makeCertificate()).pem.slice(0, 200);
    for (const body of ['hello world', truncated]) {
      const res = await mock.dashboard('/api/certs', { method: 'POST', body });
      expect(res.status).toBe(404);
      expect(res.json).toMatchObject({
        Message: 'Could not create certificate.Failed to decode certificate. It should be PEM encoded.',
      });
    }
  });

  it('records has_private for a cert + key upload and never stores the key', async () => {
    const cert = await makeCertificate({ name: 'CN=with-key' });
    const res = await mock.dashboard('/api/certs', {
      method: 'POST',
      body: pemForm(`${cert.pem}\n${cert.keyPem}`),
    });
    expect(res.status).toBe(200);
    const meta = await mock.dashboard(`/api/certs/${ORG}${sha256Hex(cert.der)}`);
    expect(meta.json).toMatchObject({ has_private: true });
    const state = await mock.control('GET', '/_mock/state');
    expect(state.text).not.toContain('PRIVATE KEY');
  });

  it('refuses two keys, a key that does not match, and a public key with certificates', async () => {
    const cert = await makeCertificate({ name: 'CN=keys' });
    const stranger = await makeCertificate({ name: 'CN=stranger', freshKey: true });
    const cases: [string, string][] = [
      [`${cert.pem}${cert.keyPem}${cert.keyPem}`, 'Found multiple private keys'],
      [`${cert.pem}${stranger.keyPem}`, 'tls: private key does not match public key'],
      [
        `${cert.pem}-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----\n`,
        "Public keys can't be combined with certificates",
      ],
    ];
    for (const [body, text] of cases) {
      const res = await mock.dashboard('/api/certs', { method: 'POST', body });
      expect(res.json).toMatchObject({ Status: 'Error', Message: `Could not create certificate.${text}` });
    }
  });

  it('hashes the FIRST block into the id and the LAST into `fingerprint` for a chain (Tyk quirk)', async () => {
    const ca = await makeCertificate({ name: 'CN=Chain CA', ca: true });
    const leaf = await makeCertificate({ name: 'CN=chain leaf', issuer: ca });
    const res = await mock.dashboard('/api/certs', { method: 'POST', body: pemBundle(leaf, ca) });
    const id = ORG + sha256Hex(leaf.der);
    expect(res.json).toMatchObject({ id });
    const meta = await mock.dashboard(`/api/certs/${id}`);
    expect(meta.json).toMatchObject({ id, fingerprint: sha256Hex(ca.der), is_ca: false });
  });
});
