import type { CertificateBasics } from '../dashboard/dashboard-schemas.ts';
import { splitTykCertificateId } from '../x509/fingerprints.ts';

/** What the portal holds for a provider, as far as reconciliation cares. */
export interface KnownCertificate {
  readonly id: string;
  readonly tykId: string;
  /** When it was soft-deleted; null when live. */
  readonly deletedAt: Date | null;
  /** When the Dashboard accepted it; null for a portal-only row waiting to be registered, which sync leaves alone. */
  readonly registeredAt: Date | null;
}

/** A certificate first seen in the Dashboard, as stored (the listing's fields only). */
export interface DiscoveredCertificate {
  readonly tykId: string;
  readonly sha256: string;
  readonly x5tS256: string;
  readonly subjectCn: string;
  readonly issuerCn: string;
  /** RFC 4514, from `/api/certs/details`; null from a `mode=detailed` listing. */
  readonly subjectDn: string | null;
  readonly issuerDn: string | null;
  readonly notBefore: string;
  readonly notAfter: string;
  readonly isCa: boolean;
  readonly hasPrivateKey: boolean;
  readonly subjectAltNames: readonly string[];
}

/** The changes a complete listing calls for. Serialisable: a held run stores it as is. */
export interface SyncPlan {
  readonly insert: readonly DiscoveredCertificate[];
  /** Portal ids of soft-deleted rows that are back in the Dashboard. */
  readonly restore: readonly string[];
  /** Portal ids of live, registered rows the Dashboard no longer lists. */
  readonly softDelete: readonly string[];
  readonly unchanged: number;
  /** Live registered rows before the run: the base of the hold threshold. */
  readonly liveBefore: number;
}

/**
 * Diffs a complete Dashboard listing against the portal's rows, by Tyk certificate id. Pure.
 * `listedSince` is when the listing started: a row registered or deleted in the portal after that
 * may be missing from (or still in) a listing that predates it, so this run leaves it to the next.
 * Throws when a listed id is not `<org><64 hex>`: such a listing is not applied at all.
 */
export function planSync(
  listing: readonly CertificateBasics[],
  known: readonly KnownCertificate[],
  listedSince: Date = new Date(8.64e15),
): SyncPlan {
  const since = listedSince.getTime();
  const registered = (k: KnownCertificate) => k.registeredAt !== null;
  const byTykId = new Map(known.map((k) => [k.tykId, k]));
  const listed = new Set<string>();
  const insert: DiscoveredCertificate[] = [];
  const restore: string[] = [];
  let unchanged = 0;
  for (const basics of listing) {
    if (listed.has(basics.id)) continue; // a page boundary that shifted can repeat a row
    listed.add(basics.id);
    const existing = byTykId.get(basics.id);
    if (!existing) insert.push(discovered(basics));
    else if (existing.deletedAt === null) unchanged++;
    else if (existing.deletedAt.getTime() < since) restore.push(existing.id);
  }
  const softDelete = known
    .filter(
      (k) =>
        registered(k) && k.deletedAt === null && !listed.has(k.tykId) && k.registeredAt!.getTime() < since,
    )
    .map((k) => k.id);
  const liveBefore = known.filter((k) => registered(k) && k.deletedAt === null).length;
  return { insert, restore, softDelete, unchanged, liveBefore };
}

/** Tyk removes silently; we hold a run that would remove an unusual share for an admin to confirm. */
export interface HoldPolicy {
  /** Share of the live store, 0–1 (default 0.5). */
  readonly share: number;
  /** And at least this many certificates (default 10), so small stores are not held for every change. */
  readonly minimum: number;
}

export const DEFAULT_HOLD_POLICY: HoldPolicy = { share: 0.5, minimum: 10 };

export function shouldHold(plan: SyncPlan, policy: HoldPolicy): boolean {
  const count = plan.softDelete.length;
  return count >= policy.minimum && count > plan.liveBefore * policy.share;
}

function discovered(basics: CertificateBasics): DiscoveredCertificate {
  const parts = splitTykCertificateId(basics.id);
  if (!parts) throw new MalformedListingError(basics.id);
  return {
    tykId: basics.id,
    sha256: parts.sha256,
    x5tS256: Buffer.from(parts.sha256, 'hex').toString('base64url'),
    subjectCn: basics.subject_cn,
    issuerCn: basics.issuer_cn,
    subjectDn: basics.subject_dn ?? null,
    issuerDn: basics.issuer_dn ?? null,
    notBefore: new Date(basics.not_before).toISOString(),
    notAfter: new Date(basics.not_after).toISOString(),
    isCa: basics.is_ca,
    hasPrivateKey: basics.has_private,
    subjectAltNames: (basics.dns_names ?? []).map((name) => `dns:${name}`),
  };
}

export class MalformedListingError extends Error {
  constructor(readonly tykId: string) {
    super(
      `The Dashboard listed a certificate id that is not an org id followed by a SHA-256: ${tykId.slice(0, 100)}`,
    );
  }
}
