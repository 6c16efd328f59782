import { sql } from 'drizzle-orm';
import { accessRequests } from '../db/schema/access-requests.ts';
import { certificates } from '../db/schema/certificates.ts';
import type { CertificateStatus } from '../x509/status.ts';

/** Where a certificate stands in the portal: its validity, or waiting for its request's approval. */
export type PortalCertificateStatus = CertificateStatus | 'PENDING_APPROVAL';

/**
 * A Self-Serve certificate a consumer supplied with a request that is still PENDING: the portal
 * holds it, no Dashboard has it yet and no grant uses it, so it is not VALID in any sense an admin
 * would act on. Once the request is approved it is registered (and is its validity again); once
 * rejected nothing waits on it and it shows its validity. Expired wins: an expired certificate is
 * EXPIRED whatever waits on it. One rule, in SQL (listings filter by it) and below.
 */
export const pendingApproval = sql<boolean>`(${certificates.registeredAt} is null and exists (
  select 1 from ${accessRequests}
  where ${accessRequests.certificateId} = ${certificates.id} and ${accessRequests.status} = 'PENDING'
))`;

export function portalStatus(validity: CertificateStatus, pending: boolean): PortalCertificateStatus {
  return pending && validity !== 'EXPIRED' ? 'PENDING_APPROVAL' : validity;
}
