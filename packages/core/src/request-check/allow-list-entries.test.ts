import { randomBytes } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { makeCertificate, pemBundle, type TestCertificate } from '../testing/certificates.ts';
import type { CertificateInfo } from '../x509/certificate-info.ts';
import { sha256Hex } from '../x509/fingerprints.ts';
import { parseCertificatePem } from '../x509/parse.ts';
import { certificateIdsOf, readAllowList, resolveAllowList } from './allow-list-entries.ts';
import type { PortalView } from './request-check.repo.ts';

const ORG = '5e9d9544a1dcd60001d0ed20';
const idOf = (cert: TestCertificate) => ORG + sha256Hex(cert.der);

describe('resolveAllowList', () => {
  let ca: TestCertificate;
  let leaf: TestCertificate;
  let presentedLeaf: CertificateInfo[];
  let presentedWithCa: CertificateInfo[];

  beforeAll(async () => {
    ca = await makeCertificate({ ca: true, name: 'CN=Unit CA' });
    leaf = await makeCertificate({ name: 'CN=unit leaf', issuer: ca, eku: null });
    const parse = (pem: string) => {
      const parsed = parseCertificatePem(pem);
      if (!parsed.ok) throw parsed.error;
      return [parsed.value.leaf, ...parsed.value.chain];
    };
    presentedLeaf = parse(leaf.pem);
    presentedWithCa = parse(pemBundle(leaf, ca));
  });

  const portalWithCa = (pem: string | null, subjectDn: string | null = 'CN=Unit CA'): PortalView => ({
    known: 1,
    cas: [{ tykId: idOf(ca), subjectDn, subjectCn: 'Unit CA', pem }],
  });
  const resolve = (allowList: string[], presented: CertificateInfo[], portal: PortalView) =>
    resolveAllowList(readAllowList(allowList), presented, portal);

  it("uses the id's hash as the fingerprint, in allow-list order, skipping what is not an id", () => {
    const random = ORG + randomBytes(32).toString('hex');
    const resolved = resolve([random, 'junk', idOf(leaf), random], presentedLeaf, { known: 0, cas: [] });
    expect(resolved.entries.map((e) => [e.id, e.fingerprint])).toEqual([
      [random, random.slice(-64)],
      [idOf(leaf), sha256Hex(leaf.der)],
      [random, random.slice(-64)],
    ]);
    expect(resolved).toMatchObject({ unreadable: 1, unknownToPortal: 2, casWithoutDer: [] });
    expect(certificateIdsOf(readAllowList([random, 'junk', leaf.pem, idOf(leaf), random]))).toEqual([
      random,
      idOf(leaf),
    ]);
  });

  it('takes a CA DER from the presented chain, else from the stored PEM, else reports it', () => {
    const fromChain = resolve([idOf(ca)], presentedWithCa, portalWithCa(null));
    expect(fromChain).toMatchObject({ casResolved: 1, casWithoutDer: [] });
    expect(fromChain.entries[0]!.der).toEqual(ca.der);

    const fromStore = resolve([idOf(ca)], presentedLeaf, portalWithCa(ca.pem));
    expect(fromStore).toMatchObject({ casResolved: 1, casWithoutDer: [] });
    expect(fromStore.entries[0]!.der).toEqual(ca.der);

    const missing = resolve([idOf(ca)], presentedLeaf, portalWithCa(null));
    expect(missing.entries[0]!.der).toBeUndefined();
    expect(missing.casWithoutDer).toEqual([{ id: idOf(ca), subject: 'CN=Unit CA', namedAsIssuer: true }]);
  });

  it('ignores a stored PEM that is not the certificate the id names', () => {
    const wrong = resolve([idOf(ca)], presentedLeaf, portalWithCa(leaf.pem));
    expect(wrong.entries[0]!.der).toBeUndefined();
    expect(wrong.casWithoutDer).toHaveLength(1);
  });

  it('matches a Dashboard-only CA row (no DN) to a presented issuer by CN', () => {
    const resolved = resolve([idOf(ca)], presentedLeaf, portalWithCa(null, null));
    expect(resolved.casWithoutDer).toEqual([{ id: idOf(ca), subject: 'CN=Unit CA', namedAsIssuer: true }]);
  });

  it("reads inline PEM rows with the store's last-block fingerprint", () => {
    const resolved = resolve([pemBundle(leaf, ca)], presentedLeaf, { known: 0, cas: [] });
    expect(resolved.entries).toHaveLength(1);
    expect(resolved.entries[0]).toMatchObject({ fingerprint: sha256Hex(ca.der), der: leaf.der });
  });
});
