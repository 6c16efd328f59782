import { sql } from 'drizzle-orm';
import { check, index, integer, primaryKey, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { idColumn, instant, lifecycleDates, oneOf, table } from './_columns.ts';
import { apps } from './apps.ts';
import { certificates } from './certificates.ts';
import { plans } from './plans.ts';
import { products } from './products.ts';
import { users } from './users.ts';

export const ACCESS_REQUEST_STATUSES = [
  'PENDING',
  'PROVISIONING',
  'APPROVED',
  'REJECTED',
  'FAILED',
  'REVOKED',
] as const;
export type AccessRequestStatus = (typeof ACCESS_REQUEST_STATUSES)[number];

/** The steps an approval provisions, in the order `provisioning/provision-request.ts` runs them. */
export const PROVISIONING_STEPS = [
  'RESOLVE_CERTIFICATES',
  'UPDATE_ALLOW_LISTS',
  'CREATE_KEY',
  'STORE_CREDENTIAL',
] as const;
export type ProvisioningStep = (typeof PROVISIONING_STEPS)[number];

/**
 * Why an APPROVED request has no live certificate left, so its entries and key were withdrawn:
 * the first of its certificates' reasons in this order. Cleared when a certificate is live again.
 */
export const ACCESS_LOSS_REASONS = [
  'CERTIFICATE_DELETED',
  'CERTIFICATE_SUSPENDED',
  'CERTIFICATE_EXPIRED',
  'CERTIFICATE_NOT_YET_VALID',
  'CERTIFICATE_LEFT_ORGANISATION',
] as const;
export type AccessLossReason = (typeof ACCESS_LOSS_REASONS)[number];

/** An app's request for a product on a plan, and the state of its provisioning. */
/** The unique index behind ACCESS_REQUEST_DUPLICATE_PENDING. */
export const ONE_PENDING_INDEX = 'access_requests_one_pending_per_app_product_idx';

export const accessRequests = table(
  'access_requests',
  {
    id: idColumn('acr'),
    appId: text()
      .notNull()
      .references(() => apps.id, { onDelete: 'restrict' }),
    productId: text()
      .notNull()
      .references(() => products.id, { onDelete: 'restrict' }),
    planId: text()
      .notNull()
      .references(() => plans.id, { onDelete: 'restrict' }),
    /** Self-Serve only: the certificate the consumer supplied. Managed requests leave it null. */
    certificateId: text().references(() => certificates.id, { onDelete: 'restrict' }),
    status: text({ enum: ACCESS_REQUEST_STATUSES }).notNull().default('PENDING'),
    /** Set exactly when FAILED: the step that failed; retry resumes there. */
    failedStep: text({ enum: PROVISIONING_STEPS }),
    /** Set when FAILED: what went wrong, safe to show to an admin. */
    failureReason: text(),
    /** Set when REJECTED: the admin's reason, shown to the consumer. */
    rejectReason: text(),
    /** The admin who approved or rejected; kept as null if that user is removed. */
    decidedById: text().references(() => users.id, { onDelete: 'set null' }),
    decidedAt: instant(),
    /** When provisioning finished and the request became APPROVED. */
    approvedAt: instant(),
    /** Bumped on every state change; writers compare it to detect a concurrent change. */
    version: integer().notNull().default(1),
    /** Provisioning attempts started so far (approval, retries, re-provisions), the one under way included. */
    attempts: integer().notNull().default(0),
    /** Set while an APPROVED request has lost access (no live certificate): why, and since when. */
    accessLostReason: text({ enum: ACCESS_LOSS_REASONS }),
    accessLostAt: instant(),
    /** When an admin revoked it (status REVOKED); the Dashboard converges behind it. */
    revokedAt: instant(),
    ...lifecycleDates,
  },
  (t) => [
    oneOf('access_requests_status_valid', t.status, ACCESS_REQUEST_STATUSES),
    oneOf('access_requests_failed_step_valid', t.failedStep, PROVISIONING_STEPS),
    check(
      'access_requests_failure_iff_failed',
      sql`(${t.status} = 'FAILED') = (${t.failedStep} IS NOT NULL AND ${t.failureReason} IS NOT NULL)`,
    ),
    check(
      'access_requests_rejected_has_reason',
      sql`${t.status} <> 'REJECTED' OR ${t.rejectReason} IS NOT NULL`,
    ),
    oneOf('access_requests_access_lost_reason_valid', t.accessLostReason, ACCESS_LOSS_REASONS),
    check(
      'access_requests_access_lost_pair',
      sql`(${t.accessLostReason} IS NULL) = (${t.accessLostAt} IS NULL)`,
    ),
    check(
      'access_requests_revoked_at_iff_revoked',
      sql`(${t.status} = 'REVOKED') = (${t.revokedAt} IS NOT NULL)`,
    ),
    check('access_requests_counters_valid', sql`${t.version} >= 1 AND ${t.attempts} >= 0`),
    // The listing's keyset order (newest first, then id), whole, by status (also the admin queue,
    // read oldest first), and per app: a page reads its rows from an index instead of sorting. An
    // organisation's page merges its apps' (see access-request-list.repo.ts).
    index('access_requests_created_at_id_idx').on(t.createdAt, t.id),
    index('access_requests_status_created_at_id_idx').on(t.status, t.createdAt, t.id),
    index('access_requests_app_id_created_at_id_idx').on(t.appId, t.createdAt, t.id),
    index('access_requests_product_id_status_idx').on(t.productId, t.status),
    index('access_requests_certificate_id_idx').on(t.certificateId),
    // One PENDING request per app and product: a second would be a duplicate for the admin to
    // decide twice. In the database, so two submissions racing cannot both land.
    uniqueIndex(ONE_PENDING_INDEX).on(t.appId, t.productId).where(sql`${t.status} = 'PENDING'`),
  ],
);

/**
 * The certificates an approval put on the product's allow lists (and bound to the key): the record
 * that re-provisioning and drift reports compare the Dashboard against.
 */
export const accessRequestCertificates = table(
  'access_request_certificates',
  {
    accessRequestId: text()
      .notNull()
      .references(() => accessRequests.id, { onDelete: 'cascade' }),
    /** Restrict: a provisioned certificate is soft-deleted, never removed under a live grant. */
    certificateId: text()
      .notNull()
      .references(() => certificates.id, { onDelete: 'restrict' }),
    provisionedAt: instant().notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.accessRequestId, t.certificateId] }),
    // "Where is this certificate used?" and delete refusals start from the certificate.
    index('access_request_certificates_certificate_id_idx').on(t.certificateId),
  ],
);
