import { defineRelations } from 'drizzle-orm';
import { accessRequestCertificates, accessRequests } from './schema/access-requests.ts';
import { allowListEntries } from './schema/allow-list-entries.ts';
import { apps } from './schema/apps.ts';
import { auditEvents } from './schema/audit-events.ts';
import { certificateRotations } from './schema/certificate-rotations.ts';
import { certificateOrganisations, certificates } from './schema/certificates.ts';
import { credentials } from './schema/credentials.ts';
import { jobs } from './schema/jobs.ts';
import { leaseLocks } from './schema/lease-locks.ts';
import { organisations } from './schema/organisations.ts';
import { plans } from './schema/plans.ts';
import { productApis, products } from './schema/products.ts';
import { providers } from './schema/providers.ts';
import { syncRuns } from './schema/sync-runs.ts';
import { users } from './schema/users.ts';

/** Every table, keyed as `db.query.<key>` sees it. Parents before children (see truncate order). */
export const schema = {
  providers,
  organisations,
  users,
  plans,
  certificates,
  certificateOrganisations,
  products,
  productApis,
  allowListEntries,
  apps,
  accessRequests,
  accessRequestCertificates,
  certificateRotations,
  credentials,
  syncRuns,
  auditEvents,
  jobs,
  leaseLocks,
};

/** Relations v2: what `db.query` can load with `with`. */
export const relations = defineRelations(schema, (r) => ({
  providers: {
    certificates: r.many.certificates(),
    products: r.many.products(),
    syncRuns: r.many.syncRuns(),
  },
  organisations: {
    users: r.many.users(),
    apps: r.many.apps(),
    certificates: r.many.certificates({
      from: r.organisations.id.through(r.certificateOrganisations.organisationId),
      to: r.certificates.id.through(r.certificateOrganisations.certificateId),
    }),
  },
  users: {
    organisation: r.one.organisations({ from: r.users.organisationId, to: r.organisations.id }),
    apps: r.many.apps(),
  },
  certificates: {
    provider: r.one.providers({ from: r.certificates.providerId, to: r.providers.id, optional: false }),
    organisations: r.many.organisations({
      from: r.certificates.id.through(r.certificateOrganisations.certificateId),
      to: r.organisations.id.through(r.certificateOrganisations.organisationId),
    }),
    provisionedFor: r.many.accessRequests({
      from: r.certificates.id.through(r.accessRequestCertificates.certificateId),
      to: r.accessRequests.id.through(r.accessRequestCertificates.accessRequestId),
    }),
  },
  products: {
    provider: r.one.providers({ from: r.products.providerId, to: r.providers.id, optional: false }),
    apis: r.many.productApis({ from: r.products.id, to: r.productApis.productId }),
    accessRequests: r.many.accessRequests(),
  },
  productApis: {
    product: r.one.products({ from: r.productApis.productId, to: r.products.id, optional: false }),
  },
  plans: {
    accessRequests: r.many.accessRequests(),
  },
  apps: {
    owner: r.one.users({ from: r.apps.ownerId, to: r.users.id, optional: false }),
    organisation: r.one.organisations({
      from: r.apps.organisationId,
      to: r.organisations.id,
      optional: false,
    }),
    accessRequests: r.many.accessRequests(),
  },
  accessRequests: {
    app: r.one.apps({ from: r.accessRequests.appId, to: r.apps.id, optional: false }),
    product: r.one.products({ from: r.accessRequests.productId, to: r.products.id, optional: false }),
    plan: r.one.plans({ from: r.accessRequests.planId, to: r.plans.id, optional: false }),
    certificate: r.one.certificates({ from: r.accessRequests.certificateId, to: r.certificates.id }),
    decidedBy: r.one.users({ from: r.accessRequests.decidedById, to: r.users.id }),
    provisionedCertificates: r.many.certificates({
      from: r.accessRequests.id.through(r.accessRequestCertificates.accessRequestId),
      to: r.certificates.id.through(r.accessRequestCertificates.certificateId),
    }),
    credentials: r.many.credentials(),
  },
  credentials: {
    accessRequest: r.one.accessRequests({
      from: r.credentials.accessRequestId,
      to: r.accessRequests.id,
      optional: false,
    }),
  },
  syncRuns: {
    provider: r.one.providers({ from: r.syncRuns.providerId, to: r.providers.id, optional: false }),
  },
}));

export type Relations = typeof relations;
