/**
 * The extensions Go's crypto/x509 handles when they are critical (parser.go processExtensions):
 * any other critical extension lands in Certificate.UnhandledCriticalExtensions, and
 * verify.go (*Certificate).isValid refuses the certificate (UnhandledCriticalExtension) wherever
 * it sits in the chain.
 */

const ID_CE = '2.5.29.';

// id-ce arcs processExtensions parses: keyUsage 15, basicConstraints 19, CRL distribution points 31,
// policy constraints 36, extKeyUsage 37, certificate policies 32, policy mappings 33,
// inhibitAnyPolicy 54. SAN (17) and name constraints (30) depend on their content, below.
const HANDLED_ID_CE = new Set(['15', '19', '31', '32', '33', '36', '37', '54']);

// Conforming CAs MUST mark these non-critical; Go's parser refuses the whole certificate when
// they are not, so Verify never runs. Counted as unhandled here: nothing verifies through them.
const REFUSED_WHEN_CRITICAL = new Set(['2.5.29.14', '2.5.29.35', '1.3.6.1.5.5.7.1.1']);

export interface CriticalExtension {
  readonly oid: string;
  readonly critical: boolean;
}

export interface ExtensionContent {
  /** The SAN held at least one DNS, email, IP or URI name (Go ignores the other forms). */
  readonly subjectAltNameParsed: boolean;
  /** The name constraints hold a subtree of a form Go does not enforce. */
  readonly nameConstraintsUnhandled: boolean;
}

export function hasUnhandledCriticalExtension(
  extensions: Iterable<CriticalExtension>,
  content: ExtensionContent,
): boolean {
  for (const { oid, critical } of extensions) {
    if (critical && !handled(oid, content)) return true;
  }
  return false;
}

function handled(oid: string, content: ExtensionContent): boolean {
  if (REFUSED_WHEN_CRITICAL.has(oid)) return false;
  if (!oid.startsWith(ID_CE)) return false;
  const arc = oid.slice(ID_CE.length);
  if (arc === '17') return content.subjectAltNameParsed;
  if (arc === '30') return !content.nameConstraintsUnhandled;
  return HANDLED_ID_CE.has(arc);
}
