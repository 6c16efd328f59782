import { beforeAll, describe, expect, it } from 'vitest';
import { makeCertificate, pemBundle, type TestCertificate } from '../testing/certificates.ts';
import { AllowList } from '../x509/allow-list.ts';
import type { CertificateInfo } from '../x509/certificate-info.ts';
import { sha256Hex } from '../x509/fingerprints.ts';
import { parseCertificatePem } from '../x509/parse.ts';
import { certificateWarnings } from './certificate-warnings.ts';

interface Certs {
  readonly own: TestCertificate;
  readonly listed: TestCertificate;
  readonly root: TestCertificate;
  readonly intermediate: TestCertificate;
  readonly viaIntermediate: TestCertificate;
  readonly rootSigned: TestCertificate;
}

let certs: Certs;

beforeAll(async () => {
  const root = await makeCertificate({ name: 'CN=Root', ca: true });
  const intermediate = await makeCertificate({ name: 'CN=Intermediate', ca: true, issuer: root });
  certs = {
    root,
    intermediate,
    own: await makeCertificate({ name: 'CN=own leaf', freshKey: true }),
    listed: await makeCertificate({ name: 'CN=listed client' }),
    // clientAuth only: Go's Verify (serverAuth by default) refuses it under the intermediate.
    viaIntermediate: await makeCertificate({
      name: 'CN=via intermediate',
      issuer: intermediate,
      eku: ['clientAuth'],
    }),
    rootSigned: await makeCertificate({ name: 'CN=root signed', issuer: root, eku: null }),
  };
});

function presentedOf(...sent: TestCertificate[]): CertificateInfo[] {
  const parsed = parseCertificatePem(pemBundle(...sent));
  if (!parsed.ok) throw parsed.error;
  return [parsed.value.leaf, ...parsed.value.chain];
}

const rowOf = (cert: TestCertificate) => ({
  id: `row-${cert.cert.subject}`,
  fingerprint: sha256Hex(cert.der),
  der: cert.der,
});

type Case = {
  readonly name: string;
  readonly sent: (c: Certs) => TestCertificate[];
  readonly allowList: (c: Certs) => TestCertificate[];
  readonly unsettled?: boolean;
  /** Which presented certificate admits the request (AllowList's peerIndex); null = refused. */
  readonly peerIndex: number | null;
  /** Expected warning: position, match and the admitting certificate; null for none. */
  readonly expected:
    | ((c: Certs) => { position: number; match: 'EXACT' | 'CA_SIGNED'; by: TestCertificate })
    | null;
};

const CASES: readonly Case[] = [
  {
    name: 'the leaf is listed exactly',
    peerIndex: 0,
    sent: (c) => [c.listed],
    allowList: (c) => [c.listed],
    expected: null,
  },
  {
    name: 'the leaf is signed by a listed CA',
    peerIndex: 0,
    sent: (c) => [c.rootSigned],
    allowList: (c) => [c.root],
    expected: null,
  },
  {
    name: "[own leaf, someone else's listed certificate]",
    peerIndex: 1,
    sent: (c) => [c.own, c.listed],
    allowList: (c) => [c.listed],
    expected: (c) => ({ position: 2, match: 'EXACT', by: c.listed }),
  },
  {
    name: 'a sent intermediate signed by the listed root, under a leaf Go would not verify',
    peerIndex: 1,
    sent: (c) => [c.viaIntermediate, c.intermediate],
    allowList: (c) => [c.root],
    expected: (c) => ({ position: 2, match: 'CA_SIGNED', by: c.intermediate }),
  },
  {
    name: 'the third certificate is the listed one',
    peerIndex: 2,
    sent: (c) => [c.own, c.rootSigned, c.listed],
    allowList: (c) => [c.listed],
    expected: (c) => ({ position: 3, match: 'EXACT', by: c.listed }),
  },
  {
    name: 'nothing presented is listed',
    peerIndex: null,
    sent: (c) => [c.own, c.rootSigned],
    allowList: (c) => [c.listed],
    expected: null,
  },
  {
    name: 'the store decision is unsettled',
    peerIndex: 1,
    sent: (c) => [c.own, c.listed],
    allowList: (c) => [c.listed],
    unsettled: true,
    expected: null,
  },
];

describe('certificateWarnings', () => {
  it.each(CASES)('$name', ({ sent, allowList, unsettled, peerIndex, expected }) => {
    const presented = presentedOf(...sent(certs));
    const rows = allowList(certs).map(rowOf);
    const decision = new AllowList(rows).decide(
      presented.map((p) => p.der),
      new Date(),
    );
    expect(decision.allowed ? decision.peerIndex : null).toBe(peerIndex);
    const warnings = certificateWarnings({
      presented,
      store: { decision, notes: [], unsettled: unsettled ?? false },
    });
    if (!expected) {
      expect(warnings).toEqual([]);
      return;
    }
    const { position, match, by } = expected(certs);
    const entry = rowOf(match === 'EXACT' ? by : certs.root);
    expect(warnings).toEqual([
      {
        code: 'ADMITTED_BY_NON_LEAF_CERTIFICATE',
        check: 'ALLOW_LIST',
        position,
        match,
        entryId: entry.id,
        sha256: sha256Hex(by.der),
        message: expect.stringContaining(
          `Admitted only because certificate ${position} of the presented list (${presented[position - 1]!.subject.dn}`,
        ),
      },
    ]);
    expect(warnings[0]!.message).toContain('which the client need not own');
  });

  it('says nothing for an API without static mTLS', () => {
    expect(certificateWarnings(undefined)).toEqual([]);
  });
});
