import type { Fingerprints } from './fingerprints.ts';

/** Subject or issuer of a certificate. */
export interface DistinguishedName {
  /** RFC 4514 form, e.g. `CN=client,O=Acme\, Ltd,C=GB`. */
  readonly dn: string;
  readonly cn: string | null;
}

export interface SubjectAltNames {
  readonly dns: readonly string[];
  readonly ip: readonly string[];
  readonly email: readonly string[];
  readonly uri: readonly string[];
}

export type PublicKeyInfo =
  | { readonly algorithm: 'RSA' | 'RSA-PSS'; readonly bits: number }
  | { readonly algorithm: 'EC'; readonly curve: string; readonly bits: number }
  | { readonly algorithm: 'Ed25519' | 'Ed448' | 'unknown'; readonly bits: number | null };

/** What the portal knows about one certificate after parsing. Pure data: safe to store and return. */
export interface CertificateInfo {
  /** The exact DER, as hashed for fingerprints and Tyk ids. */
  readonly der: Uint8Array;
  readonly subject: DistinguishedName;
  readonly issuer: DistinguishedName;
  /** Lowercase hex, without leading zero bytes stripped: as it is encoded. */
  readonly serialNumber: string;
  readonly notBefore: Date;
  readonly notAfter: Date;
  readonly subjectAltNames: SubjectAltNames;
  readonly isCa: boolean;
  /** basicConstraints pathLenConstraint; null when absent (unlimited) or not a CA. */
  readonly pathLength: number | null;
  /** Key usage names as RFC 5280 spells them (`digitalSignature`, `keyCertSign`, …). */
  readonly keyUsage: readonly string[];
  /** Extended key usage names (`clientAuth`, …) or the OID when unnamed; null when the extension is absent. */
  readonly extendedKeyUsage: readonly string[] | null;
  readonly publicKey: PublicKeyInfo;
  /** OpenSSL's name, e.g. `sha256WithRSAEncryption`, `ecdsa-with-SHA384`, `ED25519`. */
  readonly signatureAlgorithm: string;
  readonly selfIssued: boolean;
  readonly fingerprints: Fingerprints;
}

/** A parsed upload: the leaf first, then any chain certificates in the order given. */
export interface ParsedChain {
  readonly leaf: CertificateInfo;
  readonly chain: readonly CertificateInfo[];
}
