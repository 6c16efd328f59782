import { X509Certificate as NativeCertificate } from 'node:crypto';
import { sha256Hex } from './fingerprints.ts';

/**
 * What the request path needs of one certificate. Built with Node's native X.509 (OpenSSL), not
 * @peculiar/x509: it is synchronous and an order of magnitude cheaper, and the gateway decision
 * needs only dates, names, EKU and a signature check.
 */
export interface PresentedCertificate {
  readonly sha256: string;
  readonly notBefore: number;
  readonly notAfter: number;
  readonly isCa: boolean;
  /** EKU OIDs, or undefined when the extension is absent (any purpose). */
  readonly extendedKeyUsage: readonly string[] | undefined;
  readonly native: NativeCertificate;
}

const CACHE_LIMIT = 10_000;
const cache = new Map<string, PresentedCertificate>();

/**
 * Reads a DER certificate for the request path, memoised by SHA-256 (the same DER always gives
 * the same answer). Returns undefined for bytes that are not a certificate.
 */
export function presentedCertificate(der: Uint8Array): PresentedCertificate | undefined {
  const sha256 = sha256Hex(der);
  const hit = cache.get(sha256);
  if (hit) return hit;
  let native: NativeCertificate;
  try {
    native = new NativeCertificate(der);
  } catch {
    return undefined;
  }
  const presented: PresentedCertificate = {
    sha256,
    notBefore: Date.parse(native.validFrom),
    notAfter: Date.parse(native.validTo),
    isCa: native.ca,
    extendedKeyUsage: native.keyUsage,
    native,
  };
  // A full cache is dropped rather than managed as an LRU: refilling costs one parse per client.
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(sha256, presented);
  return presented;
}
