// Every action the audit log records and every kind of object it records it about: one list, which
// `recordAudit`'s signature takes its types from and GraphQL makes its enums of, so an action a
// service records is always one a client can name (and filter by).

/** `<subject>.<verb>` → what it means. */
export const AUDIT_ACTIONS = {
  'access_drift.fix': 'Drift between the portal and a Dashboard was queued for repair.',
  'access_request.submit': 'A consumer asked for access to a product.',
  'access_request.approve': 'An admin approved an access request; provisioning follows.',
  'access_request.reject': 'An admin rejected an access request.',
  'access_request.retry': 'A failed access request was queued for provisioning again.',
  'access_request.reprovision': "An approved request's key and allow lists were written again.",
  'access_request.revoke': "An access request's access was withdrawn.",
  'access_request.change_plan':
    "An admin moved an approved request to another plan; its key's limits follow.",
  'access_request.provisioned': "Provisioning finished: the request's key and allow lists are in place.",
  'access_request.failed': 'Provisioning gave up on a request (see failedStep and failureReason).',
  'access_request.access_lost': 'A request lost access: none of its certificates is live any more.',
  'access_request.access_restored': 'A request regained access: one of its certificates is live again.',
  'allow_list.add': "Certificates were added to an API's allow list.",
  'allow_list.remove': "Certificates were removed from an API's allow list.",
  'app.create': 'A consumer created an app.',
  'certificate.upload': 'A certificate was uploaded through the portal.',
  'certificate.register': 'Provisioning stored a certificate the portal holds in the Dashboard.',
  'certificate.discover': 'A sync found a certificate in the Dashboard that the portal did not know.',
  'certificate.rename': "A certificate's portal name changed.",
  'certificate.set_organisations': 'The organisations a certificate belongs to changed.',
  'certificate.set_trusted_issuer':
    "A CA was marked (or unmarked) as a trusted issuer of an organisation's leaves.",
  'certificate.soft_delete': 'A sync no longer found a certificate in the Dashboard.',
  'certificate.restore': 'A sync found a soft-deleted certificate in the Dashboard again.',
  'certificate.delete': 'A certificate was deleted from the Dashboard and the portal.',
  'certificate.suspend':
    'An admin suspended a certificate: it left every allow list and binding the portal placed it on.',
  'certificate.resume': 'An admin resumed a suspended certificate: its grants have it back.',
  'certificate.rotation_request':
    "A consumer asked to rotate its Self-Serve certificate; it waits for an admin's approval.",
  'certificate.rotation_start':
    'An admin started rotating a certificate: the new one joined every grant of the old (both admitted).',
  'certificate.rotation_complete':
    'A rotation ended: the old certificate left its grants and organisations; the new one stays.',
  'certificate.rotation_cancel': 'A rotation was cancelled: the new certificate left the grants it joined.',
  'certificate.expiring_soon': 'A certificate entered its last 30 days of validity.',
  'certificate.expired': 'A certificate passed its notAfter date.',
  'key.create': 'A key was created on the Gateway for an access request.',
  'key.update': "An access request's key on the Gateway was rewritten.",
  'key.delete': "An access request's key was deleted from the Gateway.",
  'organisation.create': 'An organisation was created.',
  'plan.create': 'A plan was created.',
  'product.create': 'An API product was created.',
  'product.update': 'An API product was changed.',
  'provider.create': 'A Dashboard provider was added.',
  'provider.update': 'A Dashboard provider was changed.',
  'provider.remove': 'A Dashboard provider was removed.',
  'sync.merge_held': 'An admin confirmed a held sync: its soft deletes were applied.',
  'sync.discard': 'An admin discarded a held sync: nothing was soft-deleted.',
  'user.create': 'A user was created.',
  'webhook.redeliver': 'An admin queued a webhook event again, same id, with fresh attempts.',
} as const satisfies Record<`${string}.${string}`, string>;

export type AuditAction = keyof typeof AUDIT_ACTIONS;

/** The kind of object an event is about → what its `subjectId` names. */
export const AUDIT_SUBJECT_TYPES = {
  access_request: 'An access request (a portal id).',
  api: "A Dashboard API, by the provider's API id.",
  app: 'A consumer app (a portal id).',
  certificate: 'A certificate (a portal id).',
  organisation: 'A consumer organisation (a portal id).',
  plan: 'A plan (a portal id).',
  product: 'An API product (a portal id).',
  provider: 'A Dashboard provider (a portal id).',
  sync_run: 'A sync run (a portal id).',
  user: 'A user (a portal id).',
  webhook_event: 'A webhook event (its delivery id, `whe_…`).',
} as const;

export type AuditSubjectType = keyof typeof AUDIT_SUBJECT_TYPES;

export const auditActions = Object.keys(AUDIT_ACTIONS) as [AuditAction, ...AuditAction[]];
export const auditSubjectTypes = Object.keys(AUDIT_SUBJECT_TYPES) as [
  AuditSubjectType,
  ...AuditSubjectType[],
];
