import { Err, Ok, type Result } from '../result.ts';
import type { ParsedChain } from '../x509/certificate-info.ts';
import { tykCertificateId } from '../x509/fingerprints.ts';
import { type LintWarning, lintChain } from '../x509/lint.ts';
import { parseCertificatePem, refuseExpired } from '../x509/parse.ts';
import { type CertificateStatus, certificateStatus } from '../x509/status.ts';
import type { X509Error } from '../x509/x509.errors.ts';
import { type ParsedColumns, parsedColumns } from './certificate-record.ts';

/** Every form a certificate's fingerprint is written in. */
export interface InspectedFingerprints {
  /** 64 lowercase hex, as Tyk writes it. */
  readonly sha256: string;
  /** OpenSSL's `-fingerprint -sha256` form: uppercase pairs joined by colons. */
  readonly sha256Colons: string;
  readonly sha1: string;
  readonly sha1Colons: string;
  /** JOSE `x5t#S256`. */
  readonly x5tS256: string;
}

/** A dry run of an upload: what would be stored and shown, computed from the PEM alone. */
export interface CertificateInspection extends Omit<ParsedColumns, 'sha256' | 'sha1' | 'x5tS256'> {
  readonly fingerprints: InspectedFingerprints;
  /** The id the provider would give it; null when no provider was named. */
  readonly tykId: string | null;
  readonly status: CertificateStatus;
  readonly lintWarnings: LintWarning[];
  /** The refusal upload would give after parsing (an expired block), or null when it would be accepted. */
  readonly uploadRefusal: X509Error | null;
}

/** Parses and refuses what Tyk would refuse at upload: X509Error codes, an expired block included. */
export function validateUpload(pem: string, now: Date): Result<ParsedChain, X509Error> {
  const parsed = parseCertificatePem(pem);
  return parsed.ok ? refuseExpired(parsed.value, now) : parsed;
}

/**
 * Reads a PEM without storing or sending anything. Refused like an upload for what cannot be read
 * (private key, CSR, malformed: the X509Error), but an expired certificate is described, with
 * `uploadRefusal` saying why upload would refuse it.
 */
export function inspectPem(pem: string, now: Date, orgId?: string): Result<CertificateInspection, X509Error> {
  const parsed = parseCertificatePem(pem);
  if (!parsed.ok) return Err(parsed.error);
  const chain = parsed.value;
  const { sha256, sha1, x5tS256, ...columns } = parsedColumns(chain, lintChain(chain));
  const refusal = refuseExpired(chain, now);
  return Ok({
    ...columns,
    fingerprints: { sha256, sha256Colons: colons(sha256), sha1, sha1Colons: colons(sha1), x5tS256 },
    tykId: orgId === undefined ? null : tykCertificateId(orgId, sha256),
    status: certificateStatus(chain.leaf, now),
    uploadRefusal: refusal.ok ? null : refusal.error,
  });
}

function colons(hex: string): string {
  return (hex.toUpperCase().match(/../g) ?? []).join(':');
}
