import { X509Certificate as NativeCertificate } from 'node:crypto';
import { sha256Hex } from './fingerprints.ts';
import { readVerificationFacts, type VerificationFacts } from './verification-facts.ts';

/**
 * What the request path needs of one certificate. Built with Node's native X.509 (OpenSSL), not
 * @peculiar/x509: it is synchronous and an order of magnitude cheaper. OpenSSL gives the dates,
 * EKU and the signature check; what Go's Verify decides on differently (raw names, critical
 * extensions, name constraints, signature algorithms) is read from the DER once, in `facts`.
 */
export interface PresentedCertificate {
  readonly sha256: string;
  readonly notBefore: number;
  readonly notAfter: number;
  /** Go's IsCA (basicConstraints cA), not OpenSSL's wider notion: Tyk honours CA rows by it. */
  readonly isCa: boolean;
  /** EKU OIDs, or undefined when the extension is absent (any purpose). */
  readonly extendedKeyUsage: readonly string[] | undefined;
  /** What Go's Verify reads; undefined when our DER reader refuses bytes OpenSSL accepted. */
  readonly facts: VerificationFacts | undefined;
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
  const facts = factsOf(der);
  const presented: PresentedCertificate = {
    sha256,
    notBefore: Date.parse(native.validFrom),
    notAfter: Date.parse(native.validTo),
    isCa: facts?.isCa ?? false,
    extendedKeyUsage: native.keyUsage,
    facts,
    native,
  };
  // A full cache is dropped rather than managed as an LRU: refilling costs one parse per client.
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(sha256, presented);
  return presented;
}

function factsOf(der: Uint8Array): VerificationFacts | undefined {
  try {
    return readVerificationFacts(der);
  } catch {
    return undefined;
  }
}
