import { allowListOfWrapper } from '../dashboard/api-allow-list.ts';
import type { DashboardError } from '../dashboard/dashboard.errors.ts';
import type { DashboardClient } from '../dashboard/dashboard-client.ts';
import type { ApiDefinitionWrapper } from '../dashboard/dashboard-schemas.ts';
import { Ok, type Result } from '../result.ts';
import type { ApiUsage, CredentialUsage } from './certificate.errors.ts';

/** Where a certificate is used: API definitions in the Dashboard, credentials in the portal. */
export interface CertificateUsage {
  readonly apis: readonly ApiUsage[];
  /**
   * CERTIFICATE_APIS: the Dashboard's own index (`GET /api/certs/{id}/apis`, Dashboard 5.11+).
   * API_DEFINITIONS: a scan of every API's allow list, when that endpoint answers 404 (older
   * Dashboards, or a certificate no longer in the store that allow lists still name).
   */
  readonly apisFrom: 'CERTIFICATE_APIS' | 'API_DEFINITIONS';
  readonly credentials: readonly CredentialUsage[];
}

/** The APIs whose definitions name `tykId`, every page. */
export async function apisUsing(
  client: DashboardClient,
  tykId: string,
): Promise<Result<Pick<CertificateUsage, 'apis' | 'apisFrom'>, DashboardError>> {
  const apis: ApiUsage[] = [];
  let pages = 1;
  for (let p = 1; p <= pages; p++) {
    const page = await client.certificateApis(tykId, p);
    if (!page.ok) {
      if (page.error.code === 'DASHBOARD_NOT_FOUND') return apisByDefinitions(client, tykId);
      return page;
    }
    pages = page.value.pages ?? 1;
    for (const api of page.value.apis ?? []) {
      apis.push({ apiId: api.api_id, name: api.name, usageTypes: api.usage_type ?? [] });
    }
  }
  return Ok({ apis, apisFrom: 'CERTIFICATE_APIS' });
}

/** The fallback where `/api/certs/{id}/apis` answers 404: every API definition's allow list. */
async function apisByDefinitions(
  client: DashboardClient,
  tykId: string,
): Promise<Result<Pick<CertificateUsage, 'apis' | 'apisFrom'>, DashboardError>> {
  const definitions = await client.listAllApis();
  if (!definitions.ok) return definitions;
  return Ok({
    apis: definitions.value.flatMap((w) => allowListUsage(w, tykId)),
    apisFrom: 'API_DEFINITIONS',
  });
}

/** An API listing entry whose allow list (classic `client_certificates` or OAS `allowlist`) holds the id. */
export function allowListUsage(wrapper: ApiDefinitionWrapper, tykId: string): ApiUsage[] {
  const wanted = tykId.toLowerCase();
  if (!allowListOfWrapper(wrapper).some((entry) => entry.toLowerCase() === wanted)) return [];
  const definition = wrapper.api_definition;
  return [{ apiId: definition.api_id, name: definition.name, usageTypes: ['client'] }];
}
