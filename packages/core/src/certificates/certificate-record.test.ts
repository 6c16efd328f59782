import { describe, expect, it } from 'vitest';
import { makeCertificate, pemBundle } from '../testing/certificates.ts';
import { parseCertificatePem } from '../x509/parse.ts';
import { keyAlgorithmLabel, leafPem, parsedColumns, sanEntries } from './certificate-record.ts';

describe('certificate record helpers', () => {
  it('writes SANs as type:value entries', () => {
    expect(
      sanEntries({ dns: ['a.test'], ip: ['10.0.0.1'], email: ['x@a.test'], uri: ['spiffe://a/b'] }),
    ).toEqual(['dns:a.test', 'ip:10.0.0.1', 'email:x@a.test', 'uri:spiffe://a/b']);
  });

  it('labels key algorithms', () => {
    expect(keyAlgorithmLabel({ algorithm: 'RSA', bits: 2048 })).toBe('RSA-2048');
    expect(keyAlgorithmLabel({ algorithm: 'EC', curve: 'P-256', bits: 256 })).toBe('EC-P-256');
    expect(keyAlgorithmLabel({ algorithm: 'Ed25519', bits: 256 })).toBe('Ed25519');
  });

  it('re-encodes the leaf alone, to the same DER', async () => {
    const ca = await makeCertificate({ ca: true, name: 'CN=Record CA' });
    const leaf = await makeCertificate({ issuer: ca, name: 'CN=record leaf', key: 'rsa-2048' });
    const parsed = parseCertificatePem(pemBundle(leaf, ca));
    if (!parsed.ok) throw parsed.error;
    const again = parseCertificatePem(leafPem(parsed.value.leaf));
    if (!again.ok) throw again.error;
    expect(again.value.chain).toEqual([]);
    expect(again.value.leaf.fingerprints).toEqual(parsed.value.leaf.fingerprints);
  });

  it('takes the leaf for the columns and summarises the chain in metadata', async () => {
    const ca = await makeCertificate({ ca: true, name: 'CN=Record CA' });
    const leaf = await makeCertificate({ issuer: ca, name: 'CN=record leaf', san: { dns: ['leaf.test'] } });
    const parsed = parseCertificatePem(pemBundle(leaf, ca));
    if (!parsed.ok) throw parsed.error;
    const columns = parsedColumns(parsed.value, []);
    expect(columns).toMatchObject({
      subjectCn: 'record leaf',
      issuerCn: 'Record CA',
      subjectAltNames: ['dns:leaf.test'],
      keyAlgorithm: 'EC-P-256',
      signatureAlgorithm: 'ecdsa-with-SHA256',
      isCa: false,
    });
    expect(columns.metadata).toMatchObject({
      extendedKeyUsage: ['clientAuth'],
      chain: [{ subjectDn: 'CN=Record CA', isCa: true }],
    });
  });
});
