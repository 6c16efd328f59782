import { beforeAll, describe, expect, it } from 'vitest';
import { AllowList } from './allow-list.ts';
import { type Forged, forge, listed, oid, seq, text, tlv } from './forge.test-support.ts';
import * as x509 from './peculiar.ts';

// Go crypto/x509/parser.go processExtensions records a critical extension it does not handle,
// and verify.go (*Certificate).isValid refuses any certificate in the chain that has one
// (UnhandledCriticalExtension), whether it is the leaf, the root, or a presented intermediate.

const now = new Date();
const UNKNOWN = '1.3.6.1.4.1.55555.1';
const ext = (id: string, critical: boolean, value: Uint8Array<ArrayBuffer> = seq()) =>
  new x509.Extension(id, critical, value);
const otherNameOnly = seq(tlv(0xa0, oid('1.3.6.1.4.1.311.20.2.3'), tlv(0xa0, text(0x0c, 'upn@example.com'))));
const directoryNameSubtree = seq(
  tlv(0xa0, seq(tlv(0xa4, seq(tlv(0x31, seq(oid('2.5.4.10'), text(0x13, 'Acme'))))))),
);
const dnsSubtree = seq(tlv(0xa0, seq(text(0x82, 'example.com'))));
const policies = seq(seq(oid('2.23.140.1.2.1')));
const crlPoints = seq(seq(tlv(0xa0, tlv(0xa0, text(0x86, 'http://crl.example.com/ca.crl')))));
const aia = seq(seq(oid('1.3.6.1.5.5.7.48.1'), text(0x86, 'http://ocsp.example.com')));

let root: Forged;

beforeAll(async () => {
  root = await forge({ subject: 'CN=Critical Root', ca: true });
});

describe('AllowList.decide refuses unhandled critical extensions, as Go Verify does', () => {
  const leafCases: ReadonlyArray<[string, () => x509.Extension[], boolean]> = [
    ['an unknown critical extension', () => [ext(UNKNOWN, true)], false],
    ['the same extension, not critical', () => [ext(UNKNOWN, false)], true],
    [
      'a critical subjectDirectoryAttributes (2.5.29.9, not parsed by Go)',
      () => [ext('2.5.29.9', true)],
      false,
    ],
    ['a critical freshestCRL (2.5.29.46)', () => [ext('2.5.29.46', true)], false],
    ['a critical certificate policies extension (handled)', () => [ext('2.5.29.32', true, policies)], true],
    [
      'a critical CRL distribution points extension (handled)',
      () => [ext('2.5.29.31', true, crlPoints)],
      true,
    ],
    [
      'a critical inhibitAnyPolicy (handled)',
      () => [ext('2.5.29.54', true, tlv(0x02, new Uint8Array([1])))],
      true,
    ],
    [
      'a critical SAN that Go parses (a DNS name)',
      () => [new x509.SubjectAlternativeNameExtension([{ type: 'dns', value: 'client.example.com' }], true)],
      true,
    ],
    [
      'a critical SAN holding only an otherName (nothing Go parses)',
      () => [ext('2.5.29.17', true, otherNameOnly)],
      false,
    ],
    [
      'a critical authority information access (Go refuses it at parse)',
      () => [ext('1.3.6.1.5.5.7.1.1', true, aia)],
      false,
    ],
  ];

  it.each(leafCases)('leaf with %s', async (_name, extensions, admitted) => {
    const leaf = await forge({ subject: 'CN=critical leaf', issuer: root, extensions: extensions() });
    expect(new AllowList([listed(root.der)]).decide([leaf.der], now).allowed).toBe(admitted);
  });

  const caCases: ReadonlyArray<[string, () => x509.Extension[], boolean]> = [
    ['an unknown critical extension', () => [ext(UNKNOWN, true)], false],
    ['critical name constraints Go understands (DNS)', () => [ext('2.5.29.30', true, dnsSubtree)], true],
    [
      'critical name constraints on a directoryName (unhandled)',
      () => [ext('2.5.29.30', true, directoryNameSubtree)],
      false,
    ],
    [
      'non-critical name constraints on a directoryName',
      () => [ext('2.5.29.30', false, directoryNameSubtree)],
      true,
    ],
  ];

  it.each(caCases)('allow-listed CA with %s', async (_name, extensions, admitted) => {
    const ca = await forge({ subject: 'CN=Critical CA', ca: true, extensions: extensions() });
    const leaf = await forge({
      subject: 'CN=client',
      issuer: ca,
      san: [{ type: 'dns', value: 'client.example.com' }],
    });
    expect(new AllowList([listed(ca.der)]).decide([leaf.der], now).allowed).toBe(admitted);
  });

  it.each([
    [true, false],
    [false, true],
  ])(
    'a presented intermediate with an unknown extension (critical: %s) is admitted: %s',
    async (critical, admitted) => {
      const intermediate = await forge({
        subject: 'CN=Critical Intermediate',
        issuer: root,
        ca: true,
        extensions: [ext(UNKNOWN, critical)],
      });
      const leaf = await forge({ subject: 'CN=via intermediate', issuer: intermediate });
      const decision = new AllowList([listed(root.der)]).decide([leaf.der, intermediate.der], now);
      expect(decision).toMatchObject(admitted ? { allowed: true, peerIndex: 1 } : { allowed: false });
    },
  );

  it('still admits an exactly listed CA with an unknown critical extension: the exact match reads no extension', async () => {
    const ca = await forge({ subject: 'CN=Listed Critical CA', ca: true, extensions: [ext(UNKNOWN, true)] });
    expect(new AllowList([listed(ca.der)]).decide([ca.der], now)).toMatchObject({
      allowed: true,
      match: 'EXACT',
    });
  });
});
