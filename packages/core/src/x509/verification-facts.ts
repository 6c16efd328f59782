import { extensionParts, readCertificateStructure } from './certificate-structure.ts';
import { hasUnhandledCriticalExtension } from './critical-extensions.ts';
import { children, readTlv, TAG } from './der.ts';
import { type ClaimedNames, hasAnyName, readClaimedNames } from './general-names.ts';
import { type NameConstraints, readNameConstraints } from './name-constraints.ts';
import {
  type SignatureAlgorithmVerdict,
  type SigningKeyType,
  signatureAlgorithmVerdict,
  signingKeyType,
} from './signature-algorithms.ts';

/**
 * What Go's Certificate.Verify reads of one certificate, taken from its DER once (the request
 * path caches it with the parsed certificate) so a decision only compares prepared values.
 */
export interface VerificationFacts {
  /**
   * The subject and issuer Name encodings (latin1 strings of the DER). Go chains on these bytes
   * (cert_pool.go findPotentialParents keys on `string(cert.RawIssuer)`), never on DN text.
   */
  readonly rawSubject: string;
  readonly rawIssuer: string;
  /** SubjectPublicKeyInfo and SAN extension value, compared by verify.go alreadyInChain. */
  readonly rawPublicKeyInfo: string;
  readonly rawSubjectAltName: string | undefined;
  /** basicConstraints with cA TRUE: Go's IsCA, which Tyk reads as `cert.Leaf.IsCA`. */
  readonly isCa: boolean;
  /** keyUsage absent, empty, or with keyCertSign: the parent's condition in CheckSignatureFrom. */
  readonly maySignCertificates: boolean;
  readonly unhandledCriticalExtension: boolean;
  /** Go's ParseCertificate refuses the SAN or name constraints: Verify never sees the certificate. */
  readonly refusedByGoParser: boolean;
  readonly signature: SignatureAlgorithmVerdict;
  /** The key Go can verify this certificate's signatures on others with, if any. */
  readonly signingKey: SigningKeyType | undefined;
  readonly nameConstraints: NameConstraints | undefined;
  /** Undefined when there is no SAN extension (Go then checks no name against constraints). */
  readonly claimedNames: ClaimedNames | undefined;
}

const OID = {
  keyUsage: '2.5.29.15',
  basicConstraints: '2.5.29.19',
  subjectAltName: '2.5.29.17',
  nameConstraints: '2.5.29.30',
} as const;

/** Reads the facts; throws `DerError` for bytes that are not a certificate. */
export function readVerificationFacts(der: Uint8Array): VerificationFacts {
  const structure = readCertificateStructure(der);
  const extensions = new Map(
    [...structure.extensions].map(([oid, ext]) => [oid, { oid, ...extensionParts(ext) }] as const),
  );
  const san = extensions.get(OID.subjectAltName);
  const claimedNames = san ? readClaimedNames(san.value) : undefined;
  const constraints = extensions.get(OID.nameConstraints);
  const nameConstraints = constraints ? readNameConstraints(constraints.value) : undefined;
  const latin1 = (bytes: Uint8Array) => Buffer.from(bytes).toString('latin1');
  return {
    rawSubject: latin1(structure.subject),
    rawIssuer: latin1(structure.issuer),
    rawPublicKeyInfo: latin1(structure.subjectPublicKeyInfo),
    rawSubjectAltName: san ? latin1(san.value) : undefined,
    isCa: isCa(extensions.get(OID.basicConstraints)?.value),
    maySignCertificates: maySignCertificates(extensions.get(OID.keyUsage)?.value),
    unhandledCriticalExtension: hasUnhandledCriticalExtension(extensions.values(), {
      subjectAltNameParsed: claimedNames !== undefined && hasAnyName(claimedNames),
      nameConstraintsUnhandled: nameConstraints?.unhandled ?? false,
    }),
    refusedByGoParser:
      (san !== undefined && !claimedNames) || (constraints !== undefined && !nameConstraints),
    signature: signatureAlgorithmVerdict(structure.signatureAlgorithm),
    signingKey: signingKeyType(structure),
    nameConstraints,
    claimedNames,
  };
}

/** parser.go parseBasicConstraintsExtension: SEQUENCE { cA BOOLEAN DEFAULT FALSE, pathLen }. */
function isCa(value: Uint8Array | undefined): boolean {
  if (!value) return false;
  const [flag] = children(value, readTlv(value, 0));
  return flag?.tag === TAG.BOOLEAN && value[flag.start] !== 0;
}

/** parser.go parseKeyUsageExtension reads bits 0-8; keyCertSign is bit 5. */
function maySignCertificates(value: Uint8Array | undefined): boolean {
  if (!value) return true;
  const bits = readTlv(value, 0);
  const first = bits.end > bits.start + 1 ? value[bits.start + 1]! : 0;
  const second = bits.end > bits.start + 2 ? value[bits.start + 2]! : 0;
  if (first === 0 && (second & 0x80) === 0) return true; // KeyUsage 0: Go skips the check
  return (first & 0x04) !== 0;
}
