import type { CoreDeps } from '../deps.ts';
import type { ProviderService } from '../providers/provider.service.ts';
import { certificateStatus, DEFAULT_EXPIRY_WARNING_DAYS } from '../x509/status.ts';
import type { CertificateRow } from './certificate.repo.ts';
import type { Certificate } from './certificate.ts';
import { portalStatus } from './certificate-status.ts';

/** What the certificate use-cases share: core's dependencies, the providers, and the clock. */
export interface CertificateContext {
  readonly deps: CoreDeps;
  readonly providers: ProviderService;
  now(): Date;
}

/** A stored row as handed out: its status computed at `now`. */
export function toCertificate(
  row: CertificateRow,
  now: Date,
  warningDays: number = DEFAULT_EXPIRY_WARNING_DAYS,
): Certificate {
  return { ...row, status: portalStatus(certificateStatus(row, now, warningDays), row.pendingApproval) };
}
