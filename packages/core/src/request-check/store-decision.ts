import type { DashboardError } from '../dashboard/dashboard.errors.ts';
import type { DashboardClient } from '../dashboard/dashboard-client.ts';
import { Ok, type Result } from '../result.ts';
import { AllowList, type AllowListCertificate, type AllowListDecision } from '../x509/allow-list.ts';
import type { CertificateInfo } from '../x509/certificate-info.ts';

/** The allow-list decision after the Dashboard's store confirmed the row it rests on. */
export interface StoreDecision {
  readonly decision: AllowListDecision;
  /** Rows dropped or corrected because the store disagreed with what the id implies. */
  readonly notes: readonly string[];
  /** The store kept disagreeing beyond the attempt limit: the decision is not settled. */
  readonly unsettled: boolean;
}

// Each attempt drops or corrects one row that matched; more than a handful means something odd.
const MAX_ATTEMPTS = 8;

/**
 * Decides with core's `AllowList`, then asks the store (`GET /api/certs/{id}`) about the one row
 * the decision rests on, never about every row. The Gateway skips ids missing from its store, and
 * compares against the stored fingerprint (a chain upload stores its last block's hash), so a
 * row the store contradicts is dropped or corrected and the decision is taken again.
 * The Err is the `DashboardError` when the store cannot be asked.
 */
export async function decideAgainstStore(
  client: DashboardClient,
  entries: readonly AllowListCertificate[],
  presented: readonly CertificateInfo[],
  now: Date,
): Promise<Result<StoreDecision, DashboardError>> {
  const peers = presented.map((c) => c.der);
  const notes: string[] = [];
  let rows = entries;
  let decision = new AllowList(rows).decide(peers, now);
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    const row = rowBehind(decision, rows, presented);
    // Inline PEM rows are not in the store: the definition itself holds them.
    if (!row || row.id.includes('-----BEGIN ')) return Ok({ decision, notes, unsettled: false });
    const asked = await storedFingerprint(client, row.id);
    if (!asked.ok) return asked;
    const stored = asked.value;
    if (stored === 'MISSING') {
      notes.push(`${row.id} is not in the Dashboard's certificate store; the Gateway skips it.`);
      rows = rows.filter((r) => r !== row);
    } else if (stored === 'NOT_OWNED' || stored === row.fingerprint || isCaSigned(decision)) {
      return Ok({ decision, notes, unsettled: false });
    } else {
      notes.push(
        `${row.id} was uploaded as a chain: the store's fingerprint is ${stored}, and that is what the Gateway compares.`,
      );
      rows = rows.map((r) => (r === row ? { ...r, fingerprint: stored } : r));
    }
    decision = new AllowList(rows).decide(peers, now);
  }
  return Ok({ decision, notes, unsettled: true });
}

function isCaSigned(decision: AllowListDecision): boolean {
  return decision.allowed && decision.match === 'CA_SIGNED';
}

/** The row that admitted the request, or the exactly listed row of an expired certificate. */
function rowBehind(
  decision: AllowListDecision,
  rows: readonly AllowListCertificate[],
  presented: readonly CertificateInfo[],
): AllowListCertificate | undefined {
  if (decision.allowed) return rows.find((r) => r.id === decision.entryId);
  if (decision.reason !== 'CERTIFICATE_EXPIRED') return undefined;
  // Same walk as the decision: the first presented certificate with an exactly listed hash.
  for (const cert of presented) {
    const row = rows.find((r) => r.fingerprint === cert.fingerprints.sha256);
    if (row) return row;
  }
  return undefined;
}

/** The store's fingerprint; MISSING on 404, NOT_OWNED when it belongs to another org (it exists). */
async function storedFingerprint(
  client: DashboardClient,
  id: string,
): Promise<Result<string, DashboardError>> {
  const meta = await client.getCertificate(id);
  if (meta.ok) return Ok(meta.value.fingerprint.toLowerCase());
  if (meta.error.code === 'DASHBOARD_NOT_FOUND') return Ok('MISSING');
  if (meta.error.code === 'DASHBOARD_REJECTED' && /non-owned/i.test(meta.error.message))
    return Ok('NOT_OWNED');
  return meta;
}
