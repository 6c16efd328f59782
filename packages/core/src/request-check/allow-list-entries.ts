import type { AllowListCertificate } from '../x509/allow-list.ts';
import type { CertificateInfo } from '../x509/certificate-info.ts';
import { splitTykCertificateId } from '../x509/fingerprints.ts';
import { parseCertificatePem } from '../x509/parse.ts';
import type { ListedCa, PortalView } from './request-check.repo.ts';

/** An allow-listed CA the decision cannot use: neither the client nor the portal has its certificate. */
export interface UnresolvedCa {
  readonly id: string;
  readonly subject: string;
  /** A presented certificate names it as issuer: with its DER, the Gateway might admit the request. */
  readonly namedAsIssuer: boolean;
}

/** An API's allow list turned into `AllowList` rows, with what could not be resolved. */
export interface ResolvedAllowList {
  readonly entries: AllowListCertificate[];
  /** CA rows whose DER is known (presented, or stored by the portal), so CA signing is checked. */
  readonly casResolved: number;
  readonly casWithoutDer: readonly UnresolvedCa[];
  /** Ids the portal has no record of: were one a CA, its signing could not be checked here. */
  readonly unknownToPortal: number;
  /** Rows that are neither a certificate id nor a readable inline PEM; Tyk skips those too. */
  readonly unreadable: number;
}

const INLINE_PEM = '-----BEGIN ';

/** One row of an allow list, read once: a certificate id, an inline PEM, or neither. */
export type AllowListRow =
  | { readonly kind: 'ID'; readonly id: string; readonly sha256: string }
  | { readonly kind: 'INLINE'; readonly entry: AllowListCertificate }
  | { readonly kind: 'UNREADABLE' };

/** Reads every row; inline PEM (GW 5.14+) is detected as Tyk does, by `-----BEGIN `. */
export function readAllowList(allowList: readonly string[]): AllowListRow[] {
  return allowList.map((entry) => {
    if (entry.includes(INLINE_PEM)) {
      const inline = inlineEntry(entry);
      return inline ? { kind: 'INLINE', entry: inline } : { kind: 'UNREADABLE' };
    }
    const split = splitTykCertificateId(entry);
    return split ? { kind: 'ID', id: entry, sha256: split.sha256 } : { kind: 'UNREADABLE' };
  });
}

/** The distinct certificate ids of an allow list, for one lookup in the portal's records. */
export function certificateIdsOf(rows: readonly AllowListRow[]): string[] {
  return [...new Set(rows.flatMap((row) => (row.kind === 'ID' ? [row.id] : [])))];
}

/**
 * Builds the rows once per request check, in allow-list order (the first row of a fingerprint
 * names the match, as in the Gateway's loop). Each id's fingerprint is the SHA-256 in the id: Tyk
 * compares the presented hash with the STORED fingerprint, which differs from the id's hash only
 * for a certificate uploaded as a chain (the last block's hash, `certs/manager.go`
 * `ParsePEMCertificate`); the matched row is checked against the store afterwards
 * (`decideAgainstStore`). A CA row is honoured only with its DER: taken from the presented chain
 * when a presented certificate has the id's hash, else from the portal's stored PEM. Nothing is
 * guessed for the rest; they are reported.
 */
export function resolveAllowList(
  rows: readonly AllowListRow[],
  presented: readonly CertificateInfo[],
  portal: PortalView,
): ResolvedAllowList {
  const presentedByHash = new Map(presented.map((c) => [c.fingerprints.sha256, c.der] as const));
  const cas = new Map(portal.cas.map((ca) => [ca.tykId, ca] as const));
  const entries: AllowListCertificate[] = [];
  const casWithoutDer: UnresolvedCa[] = [];
  let casResolved = 0;
  let unreadable = 0;
  for (const row of rows) {
    if (row.kind !== 'ID') {
      if (row.kind === 'INLINE') entries.push(row.entry);
      else unreadable++;
      continue;
    }
    const ca = cas.get(row.id);
    const der = presentedByHash.get(row.sha256) ?? (ca?.pem ? storedDer(ca.pem, row.sha256) : undefined);
    entries.push({ id: row.id, fingerprint: row.sha256, der });
    if (!ca) continue;
    if (der) casResolved++;
    else casWithoutDer.push(unresolvedCa(ca, presented));
  }
  const unknownToPortal = certificateIdsOf(rows).length - portal.known;
  return { entries, casResolved, casWithoutDer, unknownToPortal, unreadable };
}

function unresolvedCa(ca: ListedCa, presented: readonly CertificateInfo[]): UnresolvedCa {
  // Portal rows carry the DN; rows only known from a Dashboard listing carry just the CN.
  const namedAsIssuer = presented.some(({ issuer }) =>
    ca.subjectDn ? issuer.dn === ca.subjectDn : ca.subjectCn !== null && issuer.cn === ca.subjectCn,
  );
  return { id: ca.tykId, subject: ca.subjectDn ?? `CN=${ca.subjectCn ?? '?'}`, namedAsIssuer };
}

/** The leaf DER of a stored PEM, only when it really is the certificate the id names. */
function storedDer(pem: string, sha256: string): Uint8Array | undefined {
  const parsed = parseCertificatePem(pem);
  return parsed.ok && parsed.value.leaf.fingerprints.sha256 === sha256 ? parsed.value.leaf.der : undefined;
}

/**
 * A GW 5.14+ inline PEM row. Its fingerprint follows the store's rule (last block of a chain),
 * as the Gateway reads inline PEM through the same certificate loader.
 */
function inlineEntry(pem: string): AllowListCertificate | undefined {
  const parsed = parseCertificatePem(pem);
  if (!parsed.ok) return undefined;
  const { leaf, chain } = parsed.value;
  return { id: pem, fingerprint: (chain.at(-1) ?? leaf).fingerprints.sha256, der: leaf.der };
}
