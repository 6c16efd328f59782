import { beforeAll, describe, expect, it } from 'vitest';
import { makeCertificate, type TestCertificate } from '../testing/certificates.ts';
import { AllowList, type AllowListCertificate } from './allow-list.ts';
import { sha256Hex, tykCertificateId } from './fingerprints.ts';

const DAY = 86_400_000;
const ORG = '5e9d9544a1dcd60001d0ed20';
const now = new Date();

let root: TestCertificate;
let issuing: TestCertificate;
let leaf: TestCertificate; // clientAuth only: exact matches only (see the Go Verify EKU rule)
let anyPurpose: TestCertificate; // no EKU: verifies under an allow-listed CA
let viaIssuing: TestCertificate;
let expired: TestCertificate;
let notYetValid: TestCertificate;
let stranger: TestCertificate;

const entry = (c: TestCertificate, withDer = true): AllowListCertificate => ({
  id: tykCertificateId(ORG, sha256Hex(c.der)),
  fingerprint: sha256Hex(c.der),
  ...(withDer ? { der: c.der } : {}),
});

beforeAll(async () => {
  root = await makeCertificate({ name: 'CN=Allow Root', ca: true, key: 'p-384' });
  issuing = await makeCertificate({ name: 'CN=Allow Issuing', ca: true, issuer: root });
  leaf = await makeCertificate({ name: 'CN=leaf', issuer: root, key: 'rsa-2048' });
  anyPurpose = await makeCertificate({ name: 'CN=any purpose', issuer: root, eku: null });
  viaIssuing = await makeCertificate({
    name: 'CN=via issuing',
    issuer: issuing,
    eku: ['clientAuth', 'serverAuth'],
  });
  expired = await makeCertificate({
    name: 'CN=expired',
    issuer: root,
    eku: null,
    notBefore: new Date(now.getTime() - 10 * DAY),
    notAfter: new Date(now.getTime() - DAY),
  });
  notYetValid = await makeCertificate({
    name: 'CN=future',
    issuer: root,
    eku: null,
    notBefore: new Date(now.getTime() + DAY),
    notAfter: new Date(now.getTime() + 10 * DAY),
  });
  stranger = await makeCertificate({ name: 'CN=stranger', eku: null });
});

describe('AllowList.decide, as the Tyk Gateway decides', () => {
  it('refuses a request without a client certificate', () => {
    expect(new AllowList([entry(leaf)]).decide([], now)).toEqual({
      allowed: false,
      reason: 'CLIENT_CERTIFICATE_REQUIRED',
      status: 403,
      message: 'Client TLS certificate is required',
      leafSha256: null,
    });
  });

  it('admits an exactly listed leaf by its SHA-256, whatever the org prefix', () => {
    const listed = { ...entry(leaf), id: `someotherorg${sha256Hex(leaf.der)}` };
    expect(new AllowList([entry(stranger), listed]).decide([leaf.der], now)).toMatchObject({
      allowed: true,
      match: 'EXACT',
      entryId: listed.id,
      peerIndex: 0,
    });
  });

  it('refuses an unlisted leaf with the leaf hash in the message', () => {
    const decision = new AllowList([entry(leaf)]).decide([stranger.der], now);
    expect(decision).toEqual({
      allowed: false,
      reason: 'CERTIFICATE_NOT_ALLOWED',
      status: 403,
      message: `Certificate with SHA256 ${sha256Hex(stranger.der)} not allowed`,
      leafSha256: sha256Hex(stranger.der),
    });
  });

  it('refuses an exactly listed but expired leaf with "Certificate has expired"', () => {
    expect(new AllowList([entry(expired)]).decide([expired.der], now)).toMatchObject({
      allowed: false,
      reason: 'CERTIFICATE_EXPIRED',
      message: 'Certificate has expired',
    });
  });

  it('admits an exactly listed leaf that is not yet valid: Tyk checks only NotAfter there', () => {
    expect(new AllowList([entry(notYetValid)]).decide([notYetValid.der], now)).toMatchObject({
      allowed: true,
      match: 'EXACT',
    });
  });

  it('admits a leaf signed by a listed CA', () => {
    expect(new AllowList([entry(stranger), entry(root)]).decide([anyPurpose.der], now)).toMatchObject({
      allowed: true,
      match: 'CA_SIGNED',
      entryId: entry(root).id,
    });
  });

  it('refuses a CA-signed leaf whose EKU lacks serverAuth, as Go Verify with default options does', () => {
    expect(new AllowList([entry(root)]).decide([leaf.der], now)).toMatchObject({
      allowed: false,
      reason: 'CERTIFICATE_NOT_ALLOWED',
    });
  });

  it('refuses CA-signed leaves outside their validity window, with "not allowed"', () => {
    const list = new AllowList([entry(root)]);
    expect(list.decide([expired.der], now)).toMatchObject({ reason: 'CERTIFICATE_NOT_ALLOWED' });
    expect(list.decide([notYetValid.der], now)).toMatchObject({ reason: 'CERTIFICATE_NOT_ALLOWED' });
  });

  it('refuses everything a listed CA signed once the CA itself has expired', () => {
    const later = new Date(root.cert.notAfter.getTime() + DAY);
    expect(new AllowList([entry(root)]).decide([anyPurpose.der], later)).toMatchObject({ allowed: false });
  });

  it('refuses a leaf from another CA with the same name', async () => {
    const impostorRoot = await makeCertificate({
      name: 'CN=Allow Root',
      ca: true,
      key: 'p-256',
      freshKey: true,
    });
    const impostor = await makeCertificate({ name: 'CN=impostor', issuer: impostorRoot, eku: null });
    expect(new AllowList([entry(root)]).decide([impostor.der], now)).toMatchObject({ allowed: false });
  });

  it('does not honour a CA entry whose certificate it cannot resolve (only its hash is known)', () => {
    expect(new AllowList([entry(root, false)]).decide([anyPurpose.der], now)).toMatchObject({
      allowed: false,
    });
  });

  it('admits through a presented intermediate when the root is listed, and not without it', () => {
    const list = new AllowList([entry(root)]);
    expect(list.decide([viaIssuing.der, issuing.der], now)).toMatchObject({
      allowed: true,
      match: 'CA_SIGNED',
      peerIndex: 1,
    });
    expect(list.decide([viaIssuing.der], now)).toMatchObject({
      allowed: false,
      message: `Certificate with SHA256 ${sha256Hex(viaIssuing.der)} not allowed`,
    });
  });

  it('admits a leaf whose issuing CA is listed', () => {
    expect(new AllowList([entry(issuing)]).decide([viaIssuing.der], now)).toMatchObject({
      allowed: true,
      match: 'CA_SIGNED',
    });
  });

  it('treats bytes that are not a certificate as no certificate', () => {
    expect(new AllowList([entry(leaf)]).decide([new Uint8Array([1, 2, 3])], now)).toMatchObject({
      reason: 'CLIENT_CERTIFICATE_REQUIRED',
    });
  });

  it('gives the same answer from its caches on repeated decisions', () => {
    const list = new AllowList([entry(root)]);
    for (let i = 0; i < 3; i++) {
      expect(list.decide([anyPurpose.der], now)).toMatchObject({ allowed: true });
      expect(list.decide([leaf.der], now)).toMatchObject({ allowed: false });
    }
    expect(list.decide([anyPurpose.der], new Date(anyPurpose.cert.notAfter.getTime() + 1000))).toMatchObject({
      allowed: false,
    });
  });
});

// Tyk certs/manager.go ParsePEMCertificate: a row stored as a chain keeps the LAST block's
// SHA-256 as its fingerprint but the FIRST block as `cert.Leaf`, and internal/crypto/helpers.go
// ValidateRequestCerts checks `cert.Leaf.NotAfter` after a fingerprint match.
describe('AllowList.decide against a row stored as a chain', () => {
  let storedLeaf: TestCertificate;
  let expiredLeaf: TestCertificate;
  let chainRoot: TestCertificate;

  beforeAll(async () => {
    chainRoot = await makeCertificate({ name: 'CN=Chain Root', ca: true, eku: null });
    storedLeaf = await makeCertificate({ name: 'CN=stored leaf', issuer: chainRoot });
    expiredLeaf = await makeCertificate({
      name: 'CN=expired stored leaf',
      issuer: chainRoot,
      notBefore: new Date(now.getTime() - 10 * DAY),
      notAfter: new Date(now.getTime() - DAY),
    });
  });

  // The row of `leaf + root` uploaded together: id and DER of the leaf, fingerprint of the root.
  const chainRow = (first: TestCertificate, withDer = true): AllowListCertificate => ({
    id: tykCertificateId(ORG, sha256Hex(first.der)),
    fingerprint: sha256Hex(chainRoot.der),
    ...(withDer ? { der: first.der } : {}),
  });

  const cases: ReadonlyArray<[string, () => AllowListCertificate, () => Uint8Array[], () => object]> = [
    [
      'the chain root presented, the stored leaf valid',
      () => chainRow(storedLeaf),
      () => [chainRoot.der],
      () => ({ allowed: true, match: 'EXACT', peerIndex: 0 }),
    ],
    [
      'the chain root presented, the stored leaf expired',
      () => chainRow(expiredLeaf),
      () => [chainRoot.der],
      () => ({ allowed: false, reason: 'CERTIFICATE_EXPIRED', message: 'Certificate has expired' }),
    ],
    [
      'the chain root presented second, the stored leaf expired',
      () => chainRow(expiredLeaf),
      () => [stranger.der, chainRoot.der],
      () => ({ allowed: false, reason: 'CERTIFICATE_EXPIRED', leafSha256: sha256Hex(stranger.der) }),
    ],
    [
      'the stored expiry given as notAfter, without the DER',
      () => ({ ...chainRow(expiredLeaf, false), notAfter: expiredLeaf.cert.notAfter }),
      () => [chainRoot.der],
      () => ({ allowed: false, reason: 'CERTIFICATE_EXPIRED' }),
    ],
  ];

  it.each(cases)('%s', (_name, row, peers, expected) => {
    expect(new AllowList([row()]).decide(peers(), now)).toMatchObject(expected());
  });

  it('lets the first matching row decide, as the Gateway loop does', () => {
    const chainRootAsCa = entry(chainRoot);
    expect(new AllowList([chainRow(expiredLeaf), chainRootAsCa]).decide([chainRoot.der], now)).toMatchObject({
      reason: 'CERTIFICATE_EXPIRED',
    });
    expect(new AllowList([chainRootAsCa, chainRow(expiredLeaf)]).decide([chainRoot.der], now)).toMatchObject({
      allowed: true,
      match: 'CA_SIGNED',
      entryId: chainRootAsCa.id,
    });
  });
});
