import { z } from 'zod';
import { escapeLike } from '../db/escape-like.ts';
import { isJsonTimestampText } from '../db/instant-text.ts';
import { type NormalisedFingerprint, normaliseFingerprint } from '../x509/fingerprints.ts';
import type { CertificateSummary } from './certificate.ts';

// Pure parts of listing and search: input shapes, the search term, the opaque cursor.

export const CERTIFICATE_STATUSES = [
  'VALID',
  'EXPIRING_SOON',
  'EXPIRED',
  'NOT_YET_VALID',
  'PENDING_APPROVAL',
] as const;
export const CERTIFICATE_SORTS = ['EXPIRY', 'NAME'] as const;
export type CertificateSort = (typeof CERTIFICATE_SORTS)[number];

export const MAX_PAGE_SIZE = 100;
export const DEFAULT_PAGE_SIZE = 50;

export const certificateFilter = z.object({
  providerId: z.string().min(1).optional(),
  organisationId: z.string().min(1).optional(),
  /** Any of these statuses, computed from the validity dates and core's clock. */
  status: z
    .union([z.enum(CERTIFICATE_STATUSES), z.array(z.enum(CERTIFICATE_STATUSES)).min(1)])
    .transform((s) => (Array.isArray(s) ? [...new Set(s)] : [s]))
    .optional(),
  /**
   * Only certificates in their validity period now that end within this many days. A filter of
   * its own: it never changes a certificate's `status`, whose EXPIRING_SOON window is fixed
   * (x509's DEFAULT_EXPIRY_WARNING_DAYS, as Tyk's expiry monitor), so one certificate reads the same in
   * every listing.
   */
  expiringWithinDays: z.number().int().min(1).max(3650).optional(),
  /** Soft-deleted certificates: left out (default), included, or the only ones. */
  deleted: z.enum(['EXCLUDE', 'INCLUDE', 'ONLY']).default('EXCLUDE'),
  /** Free text (name, subject CN, SAN) or any fingerprint form. */
  search: z.string().trim().max(200).optional(),
});
export type CertificateFilter = z.input<typeof certificateFilter>;
export type ParsedCertificateFilter = z.output<typeof certificateFilter>;

export const certificatePage = z.object({
  first: z.number().int().min(1).max(MAX_PAGE_SIZE).default(DEFAULT_PAGE_SIZE),
  after: z.string().min(1).optional(),
  /** EXPIRY: soonest `notAfter` first. NAME: by name, falling back to the subject CN, then the Tyk id. */
  sort: z.enum(CERTIFICATE_SORTS).default('EXPIRY'),
  /** Also count every match (same statement). */
  withTotalCount: z.boolean().default(false),
});
export type CertificatePage = z.input<typeof certificatePage>;

export interface CertificateConnection {
  readonly nodes: CertificateSummary[];
  readonly edges: { readonly cursor: string; readonly node: CertificateSummary }[];
  readonly pageInfo: { readonly hasNextPage: boolean; readonly endCursor: string | null };
  /** Only when asked for (`withTotalCount`): every match of the filter, not just this page. */
  readonly totalCount?: number;
}

/** A search term, read every way it can match. */
export interface SearchTerm {
  /** Set when the term is a fingerprint in any form (it may still be a name, so text matches too). */
  readonly fingerprint: NormalisedFingerprint | undefined;
  /**
   * Set when the term is 8 to 63 hex digits (colons allowed) and no whole fingerprint: the start
   * of a SHA-256 or SHA-1, lower-cased, as people copy the first characters of one.
   */
  readonly fingerprintPrefix: string | undefined;
  /** `LIKE` pattern for a case-insensitive prefix of the name or subject CN, wildcards escaped. */
  readonly prefixPattern: string;
  /** Whole SAN entries (`dns:…`) the term can be, as typed and lower-cased: matched by the GIN index. */
  readonly sanEntries: readonly string[];
}

const SAN_TYPES = ['dns', 'ip', 'email', 'uri'] as const;

/** Reads a non-empty search term. Pure. */
export function parseSearchTerm(term: string): SearchTerm {
  const trimmed = term.trim();
  let fingerprint: NormalisedFingerprint | undefined;
  try {
    fingerprint = normaliseFingerprint(trimmed);
  } catch {
    fingerprint = undefined;
  }
  const typed = SAN_TYPES.some((t) => trimmed.toLowerCase().startsWith(`${t}:`));
  const entries = typed ? [trimmed] : SAN_TYPES.map((t) => `${t}:${trimmed}`);
  const sanEntries = [...new Set(entries.flatMap((e) => [e, e.toLowerCase()]))];
  const hex = trimmed.replace(/:/g, '').toLowerCase();
  const fingerprintPrefix = !fingerprint && /^[0-9a-f]{8,63}$/.test(hex) ? hex : undefined;
  return {
    fingerprint,
    fingerprintPrefix,
    prefixPattern: `${escapeLike(trimmed.toLowerCase())}%`,
    sanEntries,
  };
}

/** Where a page ends: the sort it was made for, the sort key there (ISO instant or name key) and the id tiebreak. */
export interface CursorPosition {
  readonly sort: CertificateSort;
  readonly key: string;
  readonly id: string;
}

export function encodeCursor(position: CursorPosition): string {
  return Buffer.from(JSON.stringify([1, position.sort, position.key, position.id])).toString('base64url');
}

/** Undefined for anything {@link encodeCursor} did not make. */
export function decodeCursor(cursor: string): CursorPosition | undefined {
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    return undefined;
  }
  if (!Array.isArray(value) || value.length !== 4 || value[0] !== 1) return undefined;
  const [, sort, key, id] = value as unknown[];
  if (!CERTIFICATE_SORTS.includes(sort as CertificateSort)) return undefined;
  if (typeof key !== 'string' || typeof id !== 'string' || id === '') return undefined;
  // Both go into SQL as text, which cannot hold U+0000: a forged one would fail the statement.
  if (key.includes('\u0000') || id.includes('\u0000')) return undefined;
  // Cast to timestamptz in SQL: a forged instant must be refused here, not fail there.
  if (sort === 'EXPIRY' && !isJsonTimestampText(key)) return undefined;
  return { sort: sort as CertificateSort, key, id };
}
