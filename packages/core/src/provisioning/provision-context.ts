import type { AccessRequest } from '../access-requests/access-request.ts';
import type { App } from '../apps/app.service.ts';
import type { DashboardClient } from '../dashboard/dashboard-client.ts';
import type { Db } from '../db/open-database.ts';
import type { ProvisioningStep } from '../db/schema/access-requests.ts';
import type { Plan } from '../plans/plan.service.ts';
import type { Product } from '../products/product.ts';
import type { Provider } from '../providers/provider.ts';
import type { SecretBox } from '../secrets/secret-box.ts';

/** Everything a provisioning or convergence run of one request reads. */
export interface ProvisionContext {
  readonly db: Db;
  readonly secrets: SecretBox;
  readonly client: DashboardClient;
  readonly provider: Provider;
  readonly request: AccessRequest;
  readonly app: App;
  readonly product: Product;
  readonly plan: Plan;
  readonly now: Date;
}

/** A step that failed, with a reason safe to show an admin. */
export class StepFailure extends Error {
  constructor(
    readonly step: ProvisioningStep,
    message: string,
  ) {
    super(message);
  }
}
