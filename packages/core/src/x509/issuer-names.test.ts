import { beforeAll, describe, expect, it } from 'vitest';
import { AllowList } from './allow-list.ts';
import { type Forged, forge, forgeKeys, listed } from './forge.test-support.ts';
import type * as x509 from './peculiar.ts';

// Go crypto/x509/cert_pool.go findPotentialParents looks parents up by `string(cert.RawIssuer)`,
// the exact bytes of the issuer Name, and only orders them by key identifiers; verify.go
// alreadyInChain then skips a parent with the leaf's own subject, key and SAN.

const now = new Date();
const utf8: x509.JsonNameParams = [{ CN: [{ utf8String: 'Reissued Root' }] }];
const printable: x509.JsonNameParams = [{ CN: [{ printableString: 'Reissued Root' }] }];

let keys: CryptoKeyPair;
let rootUtf8: Forged; // the CA as first issued: subject CN as UTF8String
let rootPrintable: Forged; // re-issued with the same key, subject CN as PrintableString

beforeAll(async () => {
  keys = await forgeKeys('p-256', true);
  rootUtf8 = await forge({ subject: utf8, ca: true, keys });
  rootPrintable = await forge({ subject: printable, ca: true, keys });
});

describe('AllowList.decide chains on raw issuer bytes, as Go does', () => {
  const cases: ReadonlyArray<[string, () => Forged, () => Promise<Forged>, boolean]> = [
    [
      'a UTF8String issuer under the PrintableString re-issue',
      () => rootPrintable,
      () => forge({ subject: 'CN=utf8 child', issuer: rootUtf8 }),
      false,
    ],
    [
      'a UTF8String issuer under the UTF8String original',
      () => rootUtf8,
      () => forge({ subject: 'CN=utf8 child', issuer: rootUtf8 }),
      true,
    ],
    [
      'a PrintableString issuer under the PrintableString re-issue',
      () => rootPrintable,
      () => forge({ subject: 'CN=printable child', issuer: rootPrintable }),
      true,
    ],
    [
      'an authority key id that matches no subject key id',
      () => rootUtf8,
      () => forge({ subject: 'CN=odd key id', issuer: rootUtf8, authorityKeyId: new Uint8Array(20).fill(7) }),
      true,
    ],
    [
      'a renewed self-signed root with the same name and key (alreadyInChain)',
      () => rootUtf8,
      () => forge({ subject: utf8, ca: true, keys, notAfter: new Date(now.getTime() + 60 * 86_400_000) }),
      false,
    ],
  ];

  it.each(cases)('%s', async (_name, ca, leaf, admitted) => {
    const presented = await leaf();
    expect(new AllowList([listed(ca().der)]).decide([presented.der], now).allowed).toBe(admitted);
  });

  it('tries every CA row with the issuer bytes, in allow-list order', async () => {
    const other = await forge({ subject: utf8, ca: true, key: 'rsa-2048' }); // same name, another key
    const child = await forge({ subject: 'CN=child', issuer: rootUtf8 });
    const decision = new AllowList([listed(other.der), listed(rootUtf8.der)]).decide([child.der], now);
    expect(decision).toMatchObject({ allowed: true, entryId: listed(rootUtf8.der).id });
  });
});
