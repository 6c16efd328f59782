import { ACCESS_REQUEST_ERROR_CODES } from './access-requests/access-request.errors.ts';
import { APP_ERROR_CODES } from './apps/app.service.ts';
import { CERTIFICATE_ERROR_CODES } from './certificates/certificate.errors.ts';
import { ROTATION_ERROR_CODES } from './certificates/certificate-rotation.ts';
import { DASHBOARD_ERROR_CODES } from './dashboard/dashboard.errors.ts';
import { GENERIC_ERROR_CODES } from './errors.ts';
import { ORGANISATION_ERROR_CODES } from './organisations/organisation.service.ts';
import { PLAN_ERROR_CODES } from './plans/plan.service.ts';
import { PRODUCT_ERROR_CODES } from './products/product.errors.ts';
import { PROVIDER_ERROR_CODES } from './providers/provider.errors.ts';
import { SECRET_ERROR_CODES } from './secrets/secret-box.ts';
import { SYNC_ERROR_CODES } from './sync/sync.errors.ts';
import { WEBHOOK_ERROR_CODES } from './webhooks/webhook-deliveries.ts';
import { X509_ERROR_CODES } from './x509/x509.errors.ts';

/**
 * Every code a DomainError can carry, with what it means: the one source of the GraphQL
 * `UserErrorCode` enum. `DomainError.code` is typed by it, so a new error's code must be added to
 * its module's list before core type-checks.
 */
export const ERROR_CODES = {
  ...GENERIC_ERROR_CODES,
  ...ACCESS_REQUEST_ERROR_CODES,
  ...APP_ERROR_CODES,
  ...CERTIFICATE_ERROR_CODES,
  ...ROTATION_ERROR_CODES,
  ...DASHBOARD_ERROR_CODES,
  ...ORGANISATION_ERROR_CODES,
  ...PLAN_ERROR_CODES,
  ...PRODUCT_ERROR_CODES,
  ...PROVIDER_ERROR_CODES,
  ...SECRET_ERROR_CODES,
  ...SYNC_ERROR_CODES,
  ...WEBHOOK_ERROR_CODES,
  ...X509_ERROR_CODES,
} as const;
export type ErrorCode = keyof typeof ERROR_CODES;
