import { beforeAll, describe, expect, it } from 'vitest';
import { AllowList } from './allow-list.ts';
import { type Forged, type ForgeSignature, forge, listed } from './forge.test-support.ts';

// Go crypto/x509/x509.go CheckSignatureFrom calls checkSignature with allowSHA1 = false: MD5 and
// SHA-1 signatures are InsecureAlgorithmError (Go 1.18+), and getSignatureAlgorithmFromAI knows
// only SHA-2 RSA/ECDSA, Ed25519 and RSA-PSS whose salt length equals the hash length
// (checkSignature verifies with rsa.PSSSaltLengthEqualsHash). Only signatures below the root are
// checked: a root's signature on itself never is.

const now = new Date();

let rsaRoot: Forged;
let ecRoot: Forged;

beforeAll(async () => {
  rsaRoot = await forge({ subject: 'CN=RSA Signing Root', ca: true, key: 'rsa-2048' });
  ecRoot = await forge({ subject: 'CN=EC Signing Root', ca: true, key: 'p-256' });
});

describe('AllowList.decide accepts only the signature algorithms Go verifies', () => {
  const cases: ReadonlyArray<[string, 'rsa' | 'ec', ForgeSignature | undefined, boolean]> = [
    ['sha256WithRSAEncryption', 'rsa', undefined, true],
    ['sha1WithRSAEncryption', 'rsa', { kind: 'SHA-1' }, false],
    ['md5WithRSAEncryption', 'rsa', { kind: 'MD5' }, false],
    ['sha224WithRSAEncryption (unknown to Go)', 'rsa', { kind: 'SHA-224' }, false],
    ['ecdsa-with-SHA256', 'ec', undefined, true],
    ['ecdsa-with-SHA1', 'ec', { kind: 'SHA-1' }, false],
    ['ecdsa-with-SHA224 (unknown to Go)', 'ec', { kind: 'SHA-224' }, false],
    ['RSA-PSS SHA-256, salt 32', 'rsa', { kind: 'PSS', hash: 'sha256', saltLength: 32 }, true],
    ['RSA-PSS SHA-384, salt 48', 'rsa', { kind: 'PSS', hash: 'sha384', saltLength: 48 }, true],
    ['RSA-PSS SHA-512, salt 64', 'rsa', { kind: 'PSS', hash: 'sha512', saltLength: 64 }, true],
    ['RSA-PSS SHA-256, salt 20', 'rsa', { kind: 'PSS', hash: 'sha256', saltLength: 20 }, false],
    ['RSA-PSS SHA-256, salt 64', 'rsa', { kind: 'PSS', hash: 'sha256', saltLength: 64 }, false],
    ['RSA-PSS SHA-512, salt 32', 'rsa', { kind: 'PSS', hash: 'sha512', saltLength: 32 }, false],
  ];

  it.each(cases)('a leaf signed with %s', async (_name, key, signature, admitted) => {
    const root = key === 'rsa' ? rsaRoot : ecRoot;
    const leaf = await forge({
      subject: 'CN=signed leaf',
      issuer: root,
      ...(signature ? { signature } : {}),
    });
    expect(new AllowList([listed(root.der)]).decide([leaf.der], now).allowed).toBe(admitted);
  });

  it.each([
    ['ecdsa-with-SHA1', 'p-256', { kind: 'SHA-1' }],
    ['sha1WithRSAEncryption', 'rsa-2048', { kind: 'SHA-1' }],
    ['md5WithRSAEncryption', 'rsa-2048', { kind: 'MD5' }],
  ] as const)('ignores a root self-signed with %s: Go never checks it', async (_name, key, signature) => {
    const root = await forge({ subject: `CN=Old ${key} Root`, ca: true, key, signature });
    const leaf = await forge({ subject: 'CN=modern leaf', issuer: root });
    const list = new AllowList([listed(root.der)]);
    expect(list.decide([leaf.der], now)).toMatchObject({ allowed: true, match: 'CA_SIGNED' });
    expect(list.decide([root.der], now)).toMatchObject({ allowed: true, match: 'CA_SIGNED' });
  });

  it('refuses a leaf whose RSA issuer key is under 1024 bits (crypto/rsa rsa1024min)', async () => {
    const weak = (await globalThis.crypto.subtle.generateKey(
      {
        name: 'RSASSA-PKCS1-v1_5',
        modulusLength: 768,
        publicExponent: new Uint8Array([1, 0, 1]),
        hash: 'SHA-256',
      },
      true,
      ['sign', 'verify'],
    )) as CryptoKeyPair;
    const root = await forge({ subject: 'CN=Weak Root', ca: true, key: 'rsa-2048', keys: weak });
    const leaf = await forge({ subject: 'CN=weakly signed', issuer: root });
    expect(new AllowList([listed(root.der)]).decide([leaf.der], now).allowed).toBe(false);
  });
});
