import type { CertificateInfo } from './certificate-info.ts';

export type CertificateStatus = 'NOT_YET_VALID' | 'VALID' | 'EXPIRING_SOON' | 'EXPIRED';

/** Tyk's expiry monitor warns 30 days ahead (`security.certificate_expiry_monitor.warning_threshold_days`). */
export const DEFAULT_EXPIRY_WARNING_DAYS = 30;

const DAY_MS = 86_400_000;

/**
 * Whole days from `at` until the certificate ends: 0 on its last day, negative once it has ended
 * (-1 the day after). Rounded down, so "12 days left" never overstates.
 */
export function daysUntilExpiry(cert: Pick<CertificateInfo, 'notAfter'>, at: Date): number {
  return Math.floor((cert.notAfter.getTime() - at.getTime()) / DAY_MS);
}

/** Where a certificate stands at `at`. notAfter is inclusive, as in X.509 and Go's `time.After` check. */
export function certificateStatus(
  cert: Pick<CertificateInfo, 'notBefore' | 'notAfter'>,
  at: Date,
  warningDays: number = DEFAULT_EXPIRY_WARNING_DAYS,
): CertificateStatus {
  const now = at.getTime();
  if (now < cert.notBefore.getTime()) return 'NOT_YET_VALID';
  if (now > cert.notAfter.getTime()) return 'EXPIRED';
  if (cert.notAfter.getTime() - now <= warningDays * DAY_MS) return 'EXPIRING_SOON';
  return 'VALID';
}
