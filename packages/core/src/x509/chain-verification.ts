import { permitsNames } from './name-constraints.ts';
import type { PresentedCertificate } from './presented.ts';
import type { VerificationFacts } from './verification-facts.ts';

const SERVER_AUTH = '1.3.6.1.5.5.7.3.1';
const ANY_EKU = '2.5.29.37.0';

// Go's Certificate.Verify as Tyk calls it (internal/crypto/helpers.go verifyCertAgainstCA):
// VerifyOptions{Roots: the allow-listed CA alone}, no Intermediates, empty KeyUsages (serverAuth).
// Each presented certificate is verified on its own, so a chain is [peer] or [peer, CA]. Only
// the clock-free checks are here; the caller checks validity windows and memoises the rest.

/**
 * The peer is the allow-listed CA itself: verify.go Verify returns the chain [c] when
 * Roots.contains(c), checking isValid(leafCertificate) and the chain's EKU but no signature.
 */
export function verifiesAsItsOwnRoot(cert: PresentedCertificate): boolean {
  const facts = cert.facts;
  return (
    facts !== undefined &&
    !facts.refusedByGoParser &&
    !facts.unhandledCriticalExtension &&
    allowsServerAuth(cert)
  );
}

/** The chain [leaf, root], checked in the order Go's Verify and buildChains apply the rules. */
export function verifiesUnder(leaf: PresentedCertificate, root: PresentedCertificate): boolean {
  const l = leaf.facts;
  const r = root.facts;
  if (!l || !r || l.refusedByGoParser || r.refusedByGoParser) return false;
  // verify.go (*Certificate).isValid(leafCertificate).
  if (l.unhandledCriticalExtension) return false;
  // cert_pool.go findPotentialParents: a parent's subject bytes equal the child's issuer bytes;
  // authority/subject key ids only order the candidates, a mismatch never excludes one.
  if (l.rawIssuer !== r.rawSubject) return false;
  // verify.go buildChains considerCandidate: no usable key, or alreadyInChain, skips the root.
  if (!r.signingKey || alreadyInChain(r, l)) return false;
  // x509.go (*Certificate).CheckSignatureFrom: the parent must be a CA allowed to sign
  // certificates, and checkSignature refuses MD5/SHA-1 and anything but its algorithm list.
  if (!r.isCa || !r.maySignCertificates) return false;
  if (!l.signature.verifiable || l.signature.keyType !== r.signingKey) return false;
  // isValid(rootCertificate); the issuer/subject bytes were compared above.
  if (r.unhandledCriticalExtension) return false;
  // Verify's filter over candidate chains: checkChainForKeyUsage, then checkChainConstraints.
  if (!allowsServerAuth(leaf) || !allowsServerAuth(root)) return false;
  if (r.nameConstraints && l.claimedNames && !permitsNames(r.nameConstraints, l.claimedNames)) return false;
  return leaf.native.verify(root.native.publicKey);
}

/** verify.go alreadyInChain: same subject, same key and same SAN (or both without) is one certificate. */
function alreadyInChain(candidate: VerificationFacts, cert: VerificationFacts): boolean {
  return (
    candidate.rawSubject === cert.rawSubject &&
    candidate.rawPublicKeyInfo === cert.rawPublicKeyInfo &&
    candidate.rawSubjectAltName === cert.rawSubjectAltName
  );
}

/**
 * verify.go checkChainForKeyUsage with KeyUsages = [serverAuth]: a certificate listing EKUs must
 * list serverAuth or anyExtendedKeyUsage; one without EKUs (or an empty list) allows any.
 */
function allowsServerAuth(cert: PresentedCertificate): boolean {
  const eku = cert.extendedKeyUsage;
  return eku === undefined || eku.length === 0 || eku.includes(SERVER_AUTH) || eku.includes(ANY_EKU);
}
