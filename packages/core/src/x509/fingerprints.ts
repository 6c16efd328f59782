import { createHash, hash } from 'node:crypto';
import { X509Error } from './x509.errors.ts';

/** The fingerprint forms a certificate is known by; all hex is lowercase without colons. */
export interface Fingerprints {
  /** SHA-256 of the DER, 64 lowercase hex: what Tyk writes as `fingerprint` and in certificate ids. */
  readonly sha256: string;
  readonly sha1: string;
  /** JOSE `x5t#S256`: base64url of the SHA-256, no padding. */
  readonly x5tS256: string;
}

export function fingerprintsOf(der: Uint8Array): Fingerprints {
  const sha256 = createHash('sha256').update(der).digest();
  return {
    sha256: sha256.toString('hex'),
    sha1: createHash('sha1').update(der).digest('hex'),
    x5tS256: sha256.toString('base64url'),
  };
}

/** One-shot hash: about half the cost of createHash() for a certificate-sized input. */
export function sha256Hex(der: Uint8Array): string {
  return hash('sha256', der, 'hex');
}

/**
 * Tyk's certificate id: the org id verbatim followed by the leaf's SHA-256 (Gateway `certs/manager.go`).
 * An empty org gives the bare hash, as the Gateway API allows.
 */
export function tykCertificateId(orgId: string, leafSha256: string): string {
  return `${orgId}${leafSha256}`;
}

/** Splits a Tyk certificate id into its org prefix and hash (the Gateway's `certID[:len-64]`). */
export function splitTykCertificateId(id: string): { orgId: string; sha256: string } | undefined {
  if (id.length < 64 || !/^[0-9a-f]{64}$/i.test(id.slice(-64))) return undefined;
  return { orgId: id.slice(0, -64), sha256: id.slice(-64).toLowerCase() };
}

/** A fingerprint in canonical form, whichever way it was written. */
export type NormalisedFingerprint =
  | { readonly algorithm: 'SHA-256'; readonly hex: string; readonly orgId?: string }
  | { readonly algorithm: 'SHA-1'; readonly hex: string };

const OPENSSL_PREFIX = /^(sha-?(1|256)\s*)?(fingerprint\s*=\s*)?/i;
/** JOSE's member name written before the value, as `x5t#S256:<base64url>` (RFC 8705 §3.1). */
const X5T_PREFIX = /^x5t#S256\s*[:=]\s*/i;

/**
 * Accepts SHA-256 or SHA-1 in any case, with or without colons (openssl's
 * `SHA256 Fingerprint=AB:CD:…` included), `x5t#S256` base64url, or a Tyk certificate id
 * (org id + SHA-256), `x5t#S256:` before the base64url included, and returns the canonical
 * lowercase form for search.
 * Throws `X509Error('FINGERPRINT_INVALID')` for anything else.
 */
export function normaliseFingerprint(input: string): NormalisedFingerprint {
  const trimmed = input.trim().replace(OPENSSL_PREFIX, '').replace(X5T_PREFIX, '');
  const compact = trimmed.replace(/[:\s]/g, '');
  if (/^[0-9a-f]{64}$/i.test(compact)) return { algorithm: 'SHA-256', hex: compact.toLowerCase() };
  if (/^[0-9a-f]{40}$/i.test(compact)) return { algorithm: 'SHA-1', hex: compact.toLowerCase() };
  if (/^[A-Za-z0-9_-]{43}$/.test(trimmed)) {
    return { algorithm: 'SHA-256', hex: Buffer.from(trimmed, 'base64url').toString('hex') };
  }
  const tykId = /^[A-Za-z0-9_-]+$/.test(trimmed) ? splitTykCertificateId(trimmed) : undefined;
  if (tykId && tykId.orgId !== '') return { algorithm: 'SHA-256', hex: tykId.sha256, orgId: tykId.orgId };
  throw new X509Error(
    'FINGERPRINT_INVALID',
    'Not a fingerprint: expected SHA-256 or SHA-1 hex (colons allowed), x5t#S256 base64url, or a Tyk certificate id.',
  );
}
