// Public entry of @repo/core: what the server, the TUI, the mock and the tests use. Storage
// internals (locks, bulk inserts, PostgreSQL error mapping, id generation) stay inside core.

export {
  AccessRequestStateError,
  CertificateNotAcceptedError,
  CertificateOfAnotherOrganisationError,
  CertificateRequiredError,
  NoOrganisationCertificatesError,
} from './access-requests/access-request.errors.ts';
export type { AccessRequestService } from './access-requests/access-request.service.ts';
export type { AccessRequest, Credential, SubmitInput } from './access-requests/access-request.ts';
export {
  ACCESS_REQUEST_STATUS_CHANNEL,
  AccessRequestEvents,
} from './access-requests/access-request-events.ts';
export type { AccessRequestFilter } from './access-requests/access-request-list.ts';
// Services.
export {
  type Actor,
  type AuditActor,
  actorLabel,
  auditActorOf,
  isForeignOrganisation,
  systemActor,
} from './actor.ts';
export { type App, type AppInput, AppNameTakenError, type AppService } from './apps/app.service.ts';
export {
  type AuditConnection,
  type AuditEvent,
  type AuditFilter,
  type AuditPage,
  type AuditService,
  MAX_AUDIT_PAGE_SIZE,
} from './audit/audit.service.ts';
export {
  AUDIT_ACTIONS,
  AUDIT_SUBJECT_TYPES,
  type AuditAction,
  type AuditSubjectType,
  auditActions,
  auditSubjectTypes,
} from './audit/audit-catalogue.ts';
export {
  type ApiUsage,
  CertificateDeletedError,
  CertificateHasPrivateKeyError,
  CertificateIdMismatchError,
  CertificateInUseError,
  type CredentialUsage,
  UnknownOrganisationError,
} from './certificates/certificate.errors.ts';
export type { CertificateService } from './certificates/certificate.service.ts';
export type {
  Certificate,
  CertificateOrganisation,
  CertificateSummary,
  UploadInput,
  UploadOutcome,
  UploadResult,
} from './certificates/certificate.ts';
export {
  type ImportInput,
  type ImportItem,
  type ImportOutcome,
  type ImportProgress,
  type ImportReport,
  MAX_IMPORT_BYTES,
  MAX_IMPORT_ITEMS,
} from './certificates/certificate-import.ts';
export type { KeyedImportProgress } from './certificates/certificate-import-events.ts';
export type { CertificateInspection, InspectedFingerprints } from './certificates/certificate-inspect.ts';
export type {
  Rotation,
  RotationGrantChange,
  RotationStartInput,
  RotationStep,
} from './certificates/certificate-rotation.ts';
export type { RotationFilter } from './certificates/certificate-rotation-list.ts';
export {
  CERTIFICATE_SORTS,
  CERTIFICATE_STATUSES,
  type CertificateConnection,
  type CertificateFilter,
  type CertificatePage,
  type CertificateSort,
  MAX_PAGE_SIZE,
} from './certificates/certificate-search.ts';
export type { SuspensionError, SuspensionResult } from './certificates/certificate-suspension.ts';
export type { CertificateUsage } from './certificates/certificate-usage.ts';
export { type Core, createCore } from './core.ts';
export { DashboardError, type DashboardErrorCode } from './dashboard/dashboard.errors.ts';
export { DashboardClient } from './dashboard/dashboard-client.ts';
export { type Database, type Dialect, type OpenDatabaseOptions, openDatabase } from './db/open-database.ts';
export type { AccessLossReason, AccessRequestStatus, ProvisioningStep } from './db/schema/access-requests.ts';
export type { CertificateSource } from './db/schema/certificates.ts';
export type { ApiKind, CertificateMode, ProductAuthType } from './db/schema/products.ts';
export type { SyncRunStatus, SyncTrigger } from './db/schema/sync-runs.ts';
export type { UserRole } from './db/schema/users.ts';
export type { CoreDeps } from './deps.ts';
export { ERROR_CODES, type ErrorCode } from './error-codes.ts';
export { DomainError, ForbiddenError, InvalidInputError, NotFoundError } from './errors.ts';
export type {
  AffectedAccessRequest,
  AffectedCredential,
  ExpiryImpact,
  ExpiryScanResult,
  ExpiryService,
  ExpiryStatus,
  ExpiryTransition,
} from './expiry/expiry.service.ts';
export { ID_PREFIXES } from './ids.ts';
export type { KeysetConnection, KeysetPage } from './keyset-page.ts';
export {
  type Organisation,
  type OrganisationFilter,
  OrganisationNameTakenError,
  type OrganisationService,
} from './organisations/organisation.service.ts';
export { type Plan, type PlanInput, PlanNameTakenError, type PlanService } from './plans/plan.service.ts';
export { CREDENTIAL_SOURCES, type CredentialSource, credentialSource } from './products/credential-source.ts';
export {
  ProductApiNotFoundError,
  ProductAuthTypeMixedError,
  ProductNameTakenError,
  ProductOptionNotApplicableError,
} from './products/product.errors.ts';
export type { ProductService } from './products/product.service.ts';
export {
  BINDING_CHANGE_WARNING,
  MODE_CHANGE_WARNING,
  type Product,
  type ProductApi,
  type ProductInput,
  type ProductPatch,
} from './products/product.ts';
export { ProviderInUseError, ProviderNameTakenError } from './providers/provider.errors.ts';
export type { ConnectionCheck, ProviderService } from './providers/provider.service.ts';
export type { Provider, ProviderInput, ProviderPatch } from './providers/provider.ts';
export type { DriftCertificate, DriftFinding } from './provisioning/drift.ts';
export type { ProvisioningService } from './provisioning/provisioning.service.ts';
export type {
  AccessRequestApiCheck,
  AccessRequestCheck,
  AccessRequestCheckInput,
  CheckedCredential,
} from './request-check/access-request-check.ts';
export type { RequestCheckError, RequestCheckService } from './request-check/request-check.service.ts';
export {
  type CheckedApi,
  type CheckedCertificate,
  type GatewayRefusal,
  REQUEST_CHECKS,
  type RequestCheckInput,
  type RequestCheckName,
  type RequestCheckOutcome,
  type RequestCheckReport,
  type RequestCheckStep,
} from './request-check/request-check.ts';
export { Err, Ok, type Result } from './result.ts';
export { SecretBox, SecretKeyError } from './secrets/secret-box.ts';
export { SyncAlreadyRunningError, SyncNotHeldError } from './sync/sync.errors.ts';
export type { SyncRun, SyncService } from './sync/sync.service.ts';
export type { SyncProgress } from './sync/sync-events.ts';
export { DEFAULT_HOLD_POLICY, type HoldPolicy } from './sync/sync-plan.ts';
export type { SyncRunFilter } from './sync/sync-run-list.ts';
export type { User, UserFilter, UserInput, UserService } from './users/user.service.ts';
export type { WebhookService } from './webhooks/webhook.service.ts';
export {
  WEBHOOK_DELIVERY_STATUSES,
  type WebhookDelivery,
  type WebhookDeliveryFilter,
  type WebhookDeliveryStatus,
  WebhooksNotConfiguredError,
} from './webhooks/webhook-deliveries.ts';
export { SIGNATURE_HEADER, webhookSignature } from './webhooks/webhook-delivery.ts';
export {
  WEBHOOK_EVENT_TYPES,
  type WebhookConfig,
  type WebhookEvent,
  type WebhookEventType,
} from './webhooks/webhook-events.ts';
export { type CertificateStatus, daysUntilExpiry, X509Error, type X509ErrorCode } from './x509/index.ts';
