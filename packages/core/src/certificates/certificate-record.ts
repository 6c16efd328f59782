import type {
  CertificateInfo,
  ParsedChain,
  PublicKeyInfo,
  SubjectAltNames,
} from '../x509/certificate-info.ts';
import type { LintWarning } from '../x509/lint.ts';

/** The columns an upload fills from the parsed PEM (everything but provider, ids, name and state). */
export interface ParsedColumns {
  readonly sha256: string;
  readonly sha1: string;
  readonly x5tS256: string;
  readonly subjectDn: string;
  readonly subjectCn: string | null;
  readonly issuerDn: string;
  readonly issuerCn: string | null;
  readonly serialNumber: string;
  readonly notBefore: Date;
  readonly notAfter: Date;
  readonly isCa: boolean;
  readonly subjectAltNames: string[];
  readonly keyAlgorithm: string;
  readonly signatureAlgorithm: string;
  readonly lintWarnings: LintWarning[];
  readonly metadata: Record<string, unknown>;
}

/** Row values for a parsed upload: the leaf's fields, with the chain summarised in `metadata`. */
export function parsedColumns(parsed: ParsedChain, lintWarnings: LintWarning[]): ParsedColumns {
  const { leaf } = parsed;
  return {
    ...leaf.fingerprints,
    subjectDn: leaf.subject.dn,
    subjectCn: leaf.subject.cn,
    issuerDn: leaf.issuer.dn,
    issuerCn: leaf.issuer.cn,
    serialNumber: leaf.serialNumber,
    notBefore: leaf.notBefore,
    notAfter: leaf.notAfter,
    isCa: leaf.isCa,
    subjectAltNames: sanEntries(leaf.subjectAltNames),
    keyAlgorithm: keyAlgorithmLabel(leaf.publicKey),
    signatureAlgorithm: leaf.signatureAlgorithm,
    lintWarnings,
    metadata: {
      keyUsage: leaf.keyUsage,
      extendedKeyUsage: leaf.extendedKeyUsage,
      pathLength: leaf.pathLength,
      publicKey: leaf.publicKey,
      selfIssued: leaf.selfIssued,
      chain: parsed.chain.map(chainEntry),
    },
  };
}

/** The stored SAN form, `type:value`, which the GIN index matches whole (`dns:api.example.com`). */
export function sanEntries(san: SubjectAltNames): string[] {
  return [
    ...san.dns.map((v) => `dns:${v}`),
    ...san.ip.map((v) => `ip:${v}`),
    ...san.email.map((v) => `email:${v}`),
    ...san.uri.map((v) => `uri:${v}`),
  ];
}

/** `RSA-2048`, `RSA-PSS-3072`, `EC-P-256`, `Ed25519`; `unknown` for an algorithm we do not name. */
export function keyAlgorithmLabel(key: PublicKeyInfo): string {
  switch (key.algorithm) {
    case 'RSA':
    case 'RSA-PSS':
      return `${key.algorithm}-${key.bits}`;
    case 'EC':
      return `EC-${key.curve}`;
    default:
      return key.algorithm;
  }
}

/**
 * The leaf alone, as PEM: what the portal registers. Tyk records a chain's LAST block as the
 * certificate's `fingerprint` (`certs/manager.go` `ParsePEMCertificate`), and exact allow-list
 * matching compares against it (`internal/crypto/helpers.go` `ValidateRequestCerts`), so
 * registering a chain would stop the leaf from matching. The Tyk id is the same.
 */
export function leafPem(leaf: Pick<CertificateInfo, 'der'>): string {
  const base64 = Buffer.from(leaf.der).toString('base64');
  const lines = base64.match(/.{1,64}/g) ?? [];
  return `-----BEGIN CERTIFICATE-----\n${lines.join('\n')}\n-----END CERTIFICATE-----\n`;
}

function chainEntry(cert: CertificateInfo): Record<string, unknown> {
  return {
    subjectDn: cert.subject.dn,
    issuerDn: cert.issuer.dn,
    sha256: cert.fingerprints.sha256,
    notAfter: cert.notAfter.toISOString(),
    isCa: cert.isCa,
  };
}
