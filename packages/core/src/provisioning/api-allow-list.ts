import type { DashboardClient } from '../dashboard/dashboard-client.ts';
import type { ProductApi } from '../products/product.ts';

/** An API's static allow list as read, and how to write a new one back to the same definition. */
export interface ApiAllowList {
  readonly entries: readonly string[];
  /** PUTs the definition read with `entries` replaced (the Dashboard only takes whole definitions). */
  save(entries: readonly string[]): Promise<void>;
}

/**
 * Reads where an API keeps its allow list: classic `client_certificates`, or for OAS APIs
 * `x-tyk-api-gateway.server.clientCertificates.allowlist` of the OAS document, the definition the
 * Gateway loads. The portal's writer and its drift report both come through here. Throws
 * `DashboardError`.
 */
export async function readAllowList(
  client: DashboardClient,
  api: Pick<ProductApi, 'apiId' | 'apiKind'>,
): Promise<ApiAllowList> {
  if (api.apiKind === 'OAS') {
    const doc = await client.getOasApi(api.apiId);
    const server = doc['x-tyk-api-gateway'].server;
    return {
      entries: server.clientCertificates?.allowlist ?? [],
      async save(entries) {
        server.clientCertificates = {
          ...server.clientCertificates,
          enabled: server.clientCertificates?.enabled ?? true,
          allowlist: [...entries],
        };
        await client.updateOasApi(api.apiId, doc);
      },
    };
  }
  const wrapper = await client.getApi(api.apiId);
  return {
    entries: wrapper.api_definition.client_certificates ?? [],
    async save(entries) {
      wrapper.api_definition.client_certificates = [...entries];
      await client.updateApi(api.apiId, wrapper);
    },
  };
}
