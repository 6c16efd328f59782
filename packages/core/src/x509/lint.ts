import type { CertificateInfo, ParsedChain } from './certificate-info.ts';

export type LintCode =
  | 'NO_CLIENT_AUTH_EKU'
  | 'CA_AS_CLIENT_CERTIFICATE'
  | 'WEAK_RSA_KEY'
  | 'SHA1_SIGNATURE'
  | 'CHAIN_OUT_OF_ORDER'
  | 'CHAIN_INCOMPLETE';

/** Something an admin should know before relying on the certificate; never a reason to refuse it. */
export interface LintWarning {
  readonly code: LintCode;
  readonly message: string;
  /** 1-based position in the uploaded PEM (1 = leaf). */
  readonly block: number;
}

export const MIN_RSA_BITS = 2048;

/** Warnings for an upload, leaf first. */
export function lintChain({ leaf, chain }: ParsedChain): LintWarning[] {
  const all = [leaf, ...chain];
  const warnings: LintWarning[] = [...lintLeaf(leaf)];
  for (const [i, cert] of all.entries()) warnings.push(...lintAny(cert, i + 1));
  warnings.push(...lintOrder(all));
  return warnings;
}

function lintLeaf(leaf: CertificateInfo): LintWarning[] {
  const warnings: LintWarning[] = [];
  const eku = leaf.extendedKeyUsage;
  // No EKU extension means "any purpose", which TLS servers accept for clients; a list without
  // clientAuth is refused by Go's and OpenSSL's client verification when they build a chain.
  if (eku !== null && !eku.includes('clientAuth') && !eku.includes('anyExtendedKeyUsage')) {
    warnings.push({
      code: 'NO_CLIENT_AUTH_EKU',
      block: 1,
      message: `Extended key usage (${eku.join(', ')}) does not include clientAuth.`,
    });
  }
  if (leaf.isCa) {
    warnings.push({
      code: 'CA_AS_CLIENT_CERTIFICATE',
      block: 1,
      message: 'This is a CA certificate. On an allow list it admits every certificate it signs.',
    });
  }
  return warnings;
}

function lintAny(cert: CertificateInfo, block: number): LintWarning[] {
  const warnings: LintWarning[] = [];
  const key = cert.publicKey;
  if ((key.algorithm === 'RSA' || key.algorithm === 'RSA-PSS') && key.bits < MIN_RSA_BITS) {
    warnings.push({
      code: 'WEAK_RSA_KEY',
      block,
      message: `RSA key of ${key.bits} bits; use at least ${MIN_RSA_BITS}.`,
    });
  }
  if (/sha1|SHA1/.test(cert.signatureAlgorithm)) {
    warnings.push({
      code: 'SHA1_SIGNATURE',
      block,
      message: `Signed with ${cert.signatureAlgorithm}, which is broken.`,
    });
  }
  return warnings;
}

/** Each certificate must be followed by its issuer. Compares names, which is what chain building keys on. */
function lintOrder(all: CertificateInfo[]): LintWarning[] {
  const warnings: LintWarning[] = [];
  for (let i = 0; i < all.length - 1; i++) {
    const cert = all[i]!;
    if (cert.selfIssued || cert.issuer.dn === all[i + 1]!.subject.dn) continue;
    const issuerElsewhere = all.some((c, j) => j !== i + 1 && c.subject.dn === cert.issuer.dn);
    warnings.push(
      issuerElsewhere
        ? {
            code: 'CHAIN_OUT_OF_ORDER',
            block: i + 1,
            message: `Block ${i + 1} is not followed by its issuer.`,
          }
        : {
            code: 'CHAIN_INCOMPLETE',
            block: i + 1,
            message: `The issuer of block ${i + 1} (${cert.issuer.dn}) is missing from the chain.`,
          },
    );
  }
  return warnings;
}
