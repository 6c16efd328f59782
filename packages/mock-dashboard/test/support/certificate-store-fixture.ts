import { makeCertificate } from '@repo/core/testing';
import { sha256Hex } from '@repo/core/x509';
import { baseSeed, classicApi, ORG, OTHER_ORG } from './fixtures.ts';
import { startTestMock, type TestMock } from './mock.ts';

export interface CertificateStoreFixture {
  readonly mock: TestMock;
  /** 21 plain certificates of the first org, in listing order. */
  readonly ids: string[];
  /** Uploaded with its private key (`has_private: true`). */
  readonly withKeyId: string;
  /** A certificate with a full subject (C, ST, L, O, OU, CN, emailAddress). */
  readonly richId: string;
}

/**
 * 23 certificates in the first org (3 pages of 10: 21 plain, one with a key, one with a rich
 * subject), one in the other org, and the Payments API using `ids[0]` as client and upstream certificate.
 */
export async function startCertificateStoreFixture(): Promise<CertificateStoreFixture> {
  const certificates = [];
  const ids: string[] = [];
  for (let i = 0; i < 21; i++) {
    const cert = await makeCertificate({
      name: `CN=cert-${String(i).padStart(2, '0')}`,
      san: { dns: [`c${i}.example`] },
    });
    certificates.push({ orgId: ORG, pem: cert.pem });
    ids.push(ORG + sha256Hex(cert.der));
  }
  const keyed = await makeCertificate({ name: 'CN=keyed' });
  certificates.push({ orgId: ORG, pem: keyed.pem + keyed.keyPem });
  const rich = await makeCertificate({
    name: 'C=GB, ST=London, L=Camden, O=Acme Ltd, OU=Payments, CN=rich.example, E=ops@example.com',
  });
  certificates.push({ orgId: ORG, pem: rich.pem });
  const foreign = await makeCertificate({ name: 'CN=foreign' });
  certificates.push({ orgId: OTHER_ORG, pem: foreign.pem });
  const seed = baseSeed({
    certificates,
    apis: [classicApi({ client_certificates: [ids[0]], upstream_certificates: { 'up.example': ids[0] } })],
  });
  const mock = await startTestMock({ seed });
  return { mock, ids, withKeyId: ORG + sha256Hex(keyed.der), richId: ORG + sha256Hex(rich.der) };
}
