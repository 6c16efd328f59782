import { beforeAll, describe, expect, it } from 'vitest';
import { makeCertificate, pemBundle, type TestCertificate } from '../testing/certificates.ts';
import { lintChain } from './lint.ts';
import { parseCertificatePem } from './parse.ts';

let root: TestCertificate;
let issuing: TestCertificate;

beforeAll(async () => {
  root = await makeCertificate({ name: 'CN=Lint Root', ca: true });
  issuing = await makeCertificate({ name: 'CN=Lint Issuing', ca: true, issuer: root });
});

async function codes(...certs: TestCertificate[]) {
  const parsed = parseCertificatePem(pemBundle(...certs));
  if (!parsed.ok) throw parsed.error;
  return lintChain(parsed.value).map((w) => `${w.block}:${w.code}`);
}

describe('lintChain', () => {
  it('is silent for a clientAuth leaf with its chain in order', async () => {
    const leaf = await makeCertificate({ issuer: issuing });
    expect(await codes(leaf, issuing, root)).toEqual([]);
  });

  it('is silent when the EKU extension is absent (any purpose)', async () => {
    expect(await codes(await makeCertificate({ eku: null }))).toEqual([]);
  });

  it('warns about an EKU without clientAuth', async () => {
    expect(await codes(await makeCertificate({ eku: ['serverAuth'] }))).toEqual(['1:NO_CLIENT_AUTH_EKU']);
  });

  it('warns about a CA offered as the client certificate', async () => {
    expect(await codes(root)).toEqual(['1:CA_AS_CLIENT_CERTIFICATE']);
  });

  it('warns about RSA under 2048 bits and SHA-1 signatures', async () => {
    const weak = await makeCertificate({ key: 'rsa-1024', hash: 'SHA-1' });
    expect(await codes(weak)).toEqual(['1:WEAK_RSA_KEY', '1:SHA1_SIGNATURE']);
  });

  it('warns about a chain out of order and a chain with a gap', async () => {
    const leaf = await makeCertificate({ issuer: issuing });
    // The root is self-issued, so only the leaf is out of place.
    expect(await codes(leaf, root, issuing)).toEqual(['1:CHAIN_OUT_OF_ORDER']);
    const stranger = await makeCertificate({ name: 'CN=Stranger CA', ca: true });
    expect(await codes(leaf, stranger)).toEqual(['1:CHAIN_INCOMPLETE']);
  });
});
