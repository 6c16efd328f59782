import { createPrivateKey, X509Certificate } from 'node:crypto';
import { parseCertificatePem, refuseExpired, tykCertificateId } from '@repo/core/x509';
import { certificateNames } from './certificate-names.ts';
import type { StoredCertificate } from './stored-certificate.ts';

export type UploadErrorCode =
  | 'DECODE'
  | 'EXPIRED'
  | 'MULTIPLE_KEYS'
  | 'PUBLIC_KEY'
  | 'KEY_MISMATCH'
  | 'DUPLICATE';

/** A refused upload; `message` is the text of Tyk's `certs/manager.go` `GetCertIDAndChainPEM` or `Add`. */
export class CertificateUploadError extends Error {
  constructor(
    readonly code: UploadErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'CertificateUploadError';
  }
}

export type UploadResult =
  | { readonly ok: true; readonly certificate: StoredCertificate }
  | { readonly ok: false; readonly error: CertificateUploadError };

const BLOCK = /-----BEGIN ([A-Z0-9 ]+)-----[\s\S]*?-----END \1-----\s*/g;
const DECODE_TEXT = 'Failed to decode certificate. It should be PEM encoded.';

/**
 * Reads an upload the way Tyk's `certs.GetCertIDAndChainPEM` does. Tyk accepts a certificate
 * plus its private key (`has_private: true`); core's parser refuses keys by design, so the key
 * block is cut out here first: it is checked against the leaf and then dropped, never stored.
 * `at` enables the upload-time expiry refusal; seeds pass `undefined` so a store can hold a
 * certificate that expired after it was added, as a real one can.
 */
export function readCertificateUpload(orgId: string, input: string, at: Date | undefined): UploadResult {
  const blocks = [...input.matchAll(BLOCK)].map((m) => ({ label: m[1]!, text: m[0] }));
  const keys = blocks.filter((b) => b.label.endsWith('PRIVATE KEY'));
  const certs = blocks.filter((b) => b.label === 'CERTIFICATE');
  if (keys.length > 1) return refuse('MULTIPLE_KEYS', 'Found multiple private keys');
  if (blocks.some((b) => b.label === 'PUBLIC KEY')) {
    if (certs.length > 0) return refuse('PUBLIC_KEY', "Public keys can't be combined with certificates");
    // Tyk stores bare public keys (for pinning); the portal never uploads one, so the mock does not model it.
    return refuse('PUBLIC_KEY', 'Public key uploads are not supported by mock-dashboard');
  }
  // Only CERTIFICATE blocks go on: Tyk's reader skips other blocks (e.g. `EC PARAMETERS`) too.
  const certText = certs.map((b) => b.text.trim()).join('\n');
  const parsed = parseCertificatePem(certText);
  if (!parsed.ok) return refuse('DECODE', DECODE_TEXT);
  const { leaf, chain } = parsed.value;
  if (keys[0] && !keyMatches(keys[0].text, leaf.der)) {
    return refuse('KEY_MISMATCH', 'tls: private key does not match public key');
  }
  if (at && !refuseExpired(parsed.value, at).ok) return refuse('EXPIRED', 'certificate is expired');
  const last = chain.length > 0 ? chain[chain.length - 1]! : leaf;
  return {
    ok: true,
    certificate: {
      id: tykCertificateId(orgId, leaf.fingerprints.sha256),
      orgId,
      fingerprint: last.fingerprints.sha256,
      hasPrivate: keys.length === 1,
      pem: `${certText}\n`,
      leaf,
      ...certificateNames(leaf.der),
    },
  };
}

function keyMatches(keyPem: string, leafDer: Uint8Array): boolean {
  try {
    return new X509Certificate(leafDer).checkPrivateKey(createPrivateKey(keyPem));
  } catch {
    return false; // an encrypted or unreadable key cannot form a pair either
  }
}

function refuse(code: UploadErrorCode, message: string): UploadResult {
  return { ok: false, error: new CertificateUploadError(code, message) };
}
