import { AccessRequestService } from './access-requests/access-request.service.ts';
import { AccessRequestEvents } from './access-requests/access-request-events.ts';
import { AppService } from './apps/app.service.ts';
import { AuditService } from './audit/audit.service.ts';
import { CertificateService } from './certificates/certificate.service.ts';
import type { CoreDeps } from './deps.ts';
import { ExpiryService } from './expiry/expiry.service.ts';
import { OrganisationService } from './organisations/organisation.service.ts';
import { PlanService } from './plans/plan.service.ts';
import { ProductService } from './products/product.service.ts';
import { ProviderService } from './providers/provider.service.ts';
import { ProvisioningService } from './provisioning/provisioning.service.ts';
import { RequestCheckService } from './request-check/request-check.service.ts';
import { SyncService } from './sync/sync.service.ts';
import { UserService } from './users/user.service.ts';
import { WebhookService } from './webhooks/webhook.service.ts';

/** The services of core, wired to one database. Server, CLI and tests build one of these. */
export interface Core {
  readonly providers: ProviderService;
  readonly organisations: OrganisationService;
  readonly users: UserService;
  readonly certificates: CertificateService;
  readonly sync: SyncService;
  readonly requestCheck: RequestCheckService;
  readonly products: ProductService;
  readonly plans: PlanService;
  readonly apps: AppService;
  readonly accessRequests: AccessRequestService;
  /** Status changes of access requests as they commit, from any replica (LISTEN/NOTIFY). */
  readonly accessRequestEvents: AccessRequestEvents;
  readonly provisioning: ProvisioningService;
  readonly audit: AuditService;
  readonly expiry: ExpiryService;
  readonly webhooks: WebhookService;
}

export function createCore(deps: CoreDeps): Core {
  const providers = new ProviderService(deps);
  const products = new ProductService(deps, providers);
  const plans = new PlanService(deps);
  const apps = new AppService(deps);
  const provisioning = new ProvisioningService(deps, { providers, products, plans, apps });
  const certificates = new CertificateService(deps, providers);
  const sync = new SyncService(deps, providers);
  const organisations = new OrganisationService(deps);
  const users = new UserService(deps);
  const requestCheck = new RequestCheckService(deps, providers, products);
  const accessRequests = new AccessRequestService(deps, { providers, products, plans, apps, provisioning });
  return {
    providers,
    organisations,
    users,
    certificates,
    sync,
    requestCheck,
    products,
    plans,
    apps,
    accessRequests,
    accessRequestEvents: new AccessRequestEvents(deps.db),
    provisioning,
    audit: new AuditService(deps),
    expiry: new ExpiryService(deps),
    webhooks: new WebhookService(deps),
  };
}
