import { sql } from 'drizzle-orm';
import { boolean, check, index, jsonb, primaryKey, text, unique } from 'drizzle-orm/pg-core';
import { hexCheck, idColumn, instant, lifecycleDates, oneOf, table } from './_columns.ts';
import { organisations } from './organisations.ts';
import { providers } from './providers.ts';

export const CERTIFICATE_SOURCES = ['PORTAL', 'DASHBOARD'] as const;
export type CertificateSource = (typeof CERTIFICATE_SOURCES)[number];

/** A lint finding as stored; the x509 module's `LintWarning` fits this shape. */
export interface StoredLintWarning {
  readonly code: string;
  readonly message: string;
  readonly block?: number;
}

/**
 * The portal's record of one certificate in one provider's store. Rows are never hard-deleted by
 * sync: a certificate gone from the Dashboard gets `deletedAt`, and the same row (name and
 * organisations included) comes back when the certificate does.
 */
export const certificates = table(
  'certificates',
  {
    id: idColumn('crt'),
    providerId: text()
      .notNull()
      .references(() => providers.id, { onDelete: 'restrict' }),
    /** Tyk's certificate id: the provider's org id + `sha256`. Unique per provider. */
    tykId: text().notNull(),
    /** Portal-only label; never sent to the Dashboard. */
    name: text(),
    /** Where the portal first learnt of it: uploaded here, or found by sync. */
    source: text({ enum: CERTIFICATE_SOURCES }).notNull(),
    /** SHA-256 of the leaf's DER, 64 lowercase hex: the search key for every fingerprint form. */
    sha256: text().notNull(),
    /** SHA-1 of the DER, 40 lowercase hex; null when only the Dashboard listing is known. */
    sha1: text(),
    /** JOSE `x5t#S256` (base64url SHA-256, no padding); derivable from `sha256`, so always set. */
    x5tS256: text('x5t_s256').notNull(),
    /** RFC 4514 subject; null when only the Dashboard listing is known (PORTAL rows always have it). */
    subjectDn: text(),
    subjectCn: text(),
    issuerDn: text(),
    issuerCn: text(),
    /** Serial as lowercase hex; null when only the Dashboard listing is known. */
    serialNumber: text(),
    notBefore: instant().notNull(),
    notAfter: instant().notNull(),
    isCa: boolean().notNull(),
    /** The Dashboard holds its private key (`has_private`); such certificates are not client certificates. */
    hasPrivateKey: boolean().notNull().default(false),
    /** `type:value` entries, type one of dns, ip, email, uri (`dns:api.example.com`); GIN index for `@>`. */
    subjectAltNames: text().array().notNull().default(sql`'{}'::text[]`),
    /** e.g. `RSA-2048`, `EC-P-256`, `Ed25519`; null when only the Dashboard listing is known. */
    keyAlgorithm: text(),
    /** OpenSSL's name, e.g. `sha256WithRSAEncryption`. */
    signatureAlgorithm: text(),
    lintWarnings: jsonb().$type<StoredLintWarning[]>().notNull().default([]),
    /** Everything else the parser reports (key usage, EKU, path length, chain); shape owned by x509. */
    metadata: jsonb().$type<Record<string, unknown>>().notNull().default({}),
    /**
     * The leaf's PEM (public): kept for every certificate that came through the portal (upload,
     * Self-Serve), so a pending one can be registered later and an allow-listed CA's signature can
     * be checked by the request check; null for certificates found by sync (the Dashboard never
     * answers a PEM). Whether it is registered is `registeredAt`, not this column.
     */
    pem: text(),
    /** When the provider's store accepted it; null = portal-only so far, and sync leaves the row alone. */
    registeredAt: instant(),
    /** Last sync whose complete listing contained it. */
    lastSeenAt: instant(),
    /** Soft delete: set when the Dashboard no longer lists it, cleared when it returns. */
    deletedAt: instant(),
    /**
     * Suspended by an admin (a compromise, say): it counts as live for no grant, so it leaves every
     * allow list and binding the portal placed it on until resumed. It stays in the Dashboard's store.
     */
    suspendedAt: instant(),
    /** Why, as the admin said; set exactly while suspended. */
    suspendReason: text(),
    ...lifecycleDates,
  },
  (t) => [
    unique('certificates_provider_id_tyk_id_unique').on(t.providerId, t.tykId),
    oneOf('certificates_source_valid', t.source, CERTIFICATE_SOURCES),
    hexCheck('certificates_sha256_hex', t.sha256, 64),
    check('certificates_sha1_hex', sql`${t.sha1} IS NULL OR ${t.sha1} ~ '^[0-9a-f]{40}$'`),
    check('certificates_tyk_id_ends_with_sha256', sql`right(${t.tykId}, 64) = ${t.sha256}`),
    check(
      'certificates_portal_rows_fully_described',
      sql`${t.source} <> 'PORTAL' OR num_nulls(${sql.join(
        [t.sha1, t.subjectDn, t.issuerDn, t.serialNumber, t.keyAlgorithm, t.signatureAlgorithm],
        sql`, `,
      )}) = 0`,
    ),
    check('certificates_validity_ordered', sql`${t.notBefore} <= ${t.notAfter}`),
    check(
      'certificates_suspension_has_reason',
      sql`(${t.suspendedAt} IS NULL) = (${t.suspendReason} IS NULL)`,
    ),
    // Expiry lists and "expiring within N days" read only live rows, in expiry order with an id tiebreak.
    index('certificates_live_not_after_idx').on(t.notAfter, t.id).where(sql`${t.deletedAt} IS NULL`),
    index('certificates_sha256_idx').on(t.sha256),
    index('certificates_sha1_idx').on(t.sha1),
    // text_pattern_ops serves equality and `LIKE 'prefix%'` under any collation; no pg_trgm on PG 15 hosts.
    index('certificates_subject_cn_search_idx').on(sql`lower(${t.subjectCn}) text_pattern_ops`),
    index('certificates_name_search_idx').on(sql`lower(${t.name}) text_pattern_ops`),
    index('certificates_subject_alt_names_idx').using('gin', t.subjectAltNames),
  ],
);

/** Managed mode: which organisations a certificate belongs to. Kept through soft delete and restore. */
export const certificateOrganisations = table(
  'certificate_organisations',
  {
    certificateId: text()
      .notNull()
      .references(() => certificates.id, { onDelete: 'cascade' }),
    organisationId: text()
      .notNull()
      .references(() => organisations.id, { onDelete: 'cascade' }),
    /**
     * Managed mode puts a CA certificate (basicConstraints CA:TRUE) on allow lists only when an admin
     * marked it a trusted issuer for the organisation: the Gateway then admits every leaf it signed.
     */
    trustedIssuer: boolean().notNull().default(false),
    /**
     * Set when a Self-Serve approval made the link (the request's id): rejecting or revoking that
     * request takes the link back. Null for links an admin made. No foreign key: access requests
     * reference certificates, and the link outlives a request only as history.
     */
    grantedByRequestId: text(),
    createdAt: instant().notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.certificateId, t.organisationId] }),
    // "All certificates of organisation X" at approval time starts from the organisation.
    index('certificate_organisations_organisation_id_idx').on(t.organisationId),
  ],
);
