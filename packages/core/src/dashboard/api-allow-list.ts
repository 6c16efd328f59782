import type { ApiKind } from '../db/schema/products.ts';
import { Ok, type Result } from '../result.ts';
import type { DashboardError } from './dashboard.errors.ts';
import type { DashboardClient } from './dashboard-client.ts';
import { type ApiDefinitionWrapper, type OasApiDefinition, oasApiDefinition } from './dashboard-schemas.ts';

/*
 * Where an API keeps its static allow list: the one module that answers it. A classic API keeps it
 * in `client_certificates`; a Tyk OAS API in `x-tyk-api-gateway.server.clientCertificates.allowlist`
 * of its OAS document, the definition the Gateway loads (the Dashboard's classic view of an OAS API
 * is derived from it). The reconciler, drift, certificate usage and the request-check explainer all
 * read through here.
 */

/** Whether a Dashboard API is Tyk OAS: flagged `is_oas`, or answered with its OAS document. */
export function apiKindOf(wrapper: ApiDefinitionWrapper & { readonly oas?: unknown }): ApiKind {
  return wrapper.api_definition.is_oas === true || wrapper.oas !== undefined ? 'OAS' : 'CLASSIC';
}

/** The allow list of an OAS document. */
export function oasAllowList(doc: OasApiDefinition): readonly string[] {
  return doc['x-tyk-api-gateway'].server.clientCertificates?.allowlist ?? [];
}

/**
 * The allow list as a definition read from the Dashboard shows it, without another call: the
 * embedded OAS document's for an OAS API when the answer carries one, else the classic field.
 */
export function allowListOfWrapper(
  wrapper: ApiDefinitionWrapper & { readonly oas?: unknown },
): readonly string[] {
  if (apiKindOf(wrapper) === 'OAS') {
    const embedded = oasApiDefinition.safeParse(wrapper.oas);
    if (embedded.success) return oasAllowList(embedded.data);
  }
  return wrapper.api_definition.client_certificates ?? [];
}

/** An API's static allow list as read, and how to write a new one back to the same definition. */
export interface ApiAllowList {
  readonly entries: readonly string[];
  /** PUTs the definition read with `entries` replaced (the Dashboard only takes whole definitions). */
  save(entries: readonly string[]): Promise<Result<void, DashboardError>>;
}

/** Reads an API's allow list from the definition the Gateway loads. */
export async function readAllowList(
  client: DashboardClient,
  api: { readonly apiId: string; readonly apiKind: ApiKind },
): Promise<Result<ApiAllowList, DashboardError>> {
  if (api.apiKind === 'OAS') {
    const read = await client.getOasApi(api.apiId);
    if (!read.ok) return read;
    const doc = read.value;
    const server = doc['x-tyk-api-gateway'].server;
    return Ok({
      entries: oasAllowList(doc),
      async save(entries) {
        server.clientCertificates = {
          ...server.clientCertificates,
          enabled: server.clientCertificates?.enabled ?? true,
          allowlist: [...entries],
        };
        const saved = await client.updateOasApi(api.apiId, doc);
        return saved.ok ? Ok(undefined) : saved;
      },
    });
  }
  const read = await client.getApi(api.apiId);
  if (!read.ok) return read;
  const wrapper = read.value;
  return Ok({
    entries: wrapper.api_definition.client_certificates ?? [],
    async save(entries) {
      wrapper.api_definition.client_certificates = [...entries];
      const saved = await client.updateApi(api.apiId, wrapper);
      return saved.ok ? Ok(undefined) : saved;
    },
  });
}
