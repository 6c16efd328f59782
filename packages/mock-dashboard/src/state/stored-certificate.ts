import type { CertificateInfo } from '@repo/core/x509';
import type { PkixName } from './pkix-name.ts';

/**
 * One certificate in the mock's store, as Tyk's cert manager keeps it (`certs/manager.go`: the id
 * from `certificateManager.Add`, the fingerprint from `ParsePEMCertificate`).
 */
export interface StoredCertificate {
  /** org id + SHA-256 of the FIRST certificate block. */
  readonly id: string;
  readonly orgId: string;
  /** SHA-256 of the LAST certificate block: Tyk's quirk for chains, equal to the leaf's for one cert. */
  readonly fingerprint: string;
  readonly hasPrivate: boolean;
  /** The certificate blocks as uploaded; a private key is never kept. */
  readonly pem: string;
  readonly leaf: CertificateInfo;
  readonly subject: PkixName;
  readonly issuer: PkixName;
}
