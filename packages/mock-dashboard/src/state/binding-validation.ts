import type { MockStore } from './store.ts';

/**
 * The Gateway's write-time check of `mtls_static_certificate_bindings` (Tyk `gateway/api.go`
 * `Gateway.validateMtlsStaticCertificateBindings`): every newly added id must carry the session's
 * org prefix (when the org is set) and exist in the certificate store. Ids already bound before a
 * PUT are not re-checked, as in Tyk (`handleAddOrUpdate` validates only `getNewCertIDs`), so a
 * binding to a since-deleted certificate survives an unrelated update.
 * Returns the Gateway's error text for the first failure, or undefined.
 */
export function bindingError(
  store: MockStore,
  orgId: string,
  bindings: readonly string[],
  previous: readonly string[] = [],
): string | undefined {
  for (const id of bindings) {
    if (previous.includes(id)) continue;
    if (orgId !== '' && !id.startsWith(orgId)) return `invalid certificate ID: ${id}`;
    if (!store.certificates.has(id)) return `certificate not found: ${id}`;
  }
  return undefined;
}
