import { isRecord } from '../http/read-body.ts';
import type { JsonObject } from '../state/stored-api.ts';
import { getBoolean, getPath, getString, setPath } from './json-path.ts';

const X_TYK = 'x-tyk-api-gateway';

/**
 * The classic view of an OAS API, as the Dashboard lists it in `/api/apis` (`is_oas: true`).
 * Only the fields the mock acts on are mapped, as Tyk's `apidef/oas/oas.go` `OAS.ExtractTo` maps
 * them: identity, listen path, `clientCertificates` ↔ `use_mutual_tls_auth`/`client_certificates`
 * (`server.go` `ClientCertificates.ExtractTo`), and the auth schemes.
 */
export function classicFromOas(oas: JsonObject, base: JsonObject = {}): JsonObject {
  const x = oas[X_TYK];
  const def: JsonObject = structuredClone(base);
  const copy = (from: string[], to: string[]) => {
    const value = getPath(x, from);
    if (value !== undefined) setPath(def, to, value);
  };
  copy(['info', 'dbId'], ['id']);
  copy(['info', 'id'], ['api_id']);
  copy(['info', 'orgId'], ['org_id']);
  copy(['info', 'name'], ['name']);
  copy(['info', 'state', 'active'], ['active']);
  copy(['server', 'listenPath', 'value'], ['proxy', 'listen_path']);
  def.use_mutual_tls_auth = getBoolean(x, ['server', 'clientCertificates', 'enabled']) ?? false;
  const allowlist = getPath(x, ['server', 'clientCertificates', 'allowlist']);
  def.client_certificates = Array.isArray(allowlist) ? allowlist : [];
  def.is_oas = true;
  mapAuthentication(oas, def);
  return def;
}

function mapAuthentication(oas: JsonObject, def: JsonObject): void {
  const auth = getPath(oas[X_TYK], ['server', 'authentication']);
  def.use_keyless = !(getBoolean(auth, ['enabled']) ?? false);
  def.use_standard_auth = false;
  def.enable_jwt = false;
  const schemes = getPath(auth, ['securitySchemes']);
  if (!isRecord(schemes)) return;
  for (const [name, config] of Object.entries(schemes)) {
    if (getBoolean(config, ['enabled']) !== true) continue;
    const declared = getPath(oas, ['components', 'securitySchemes', name]);
    if (getString(declared, ['type']) === 'apiKey') {
      def.use_standard_auth = true;
      setPath(
        def,
        ['auth_configs', 'authToken', 'auth_header_name'],
        getString(declared, ['name']) ?? 'Authorization',
      );
    } else if (getString(declared, ['type']) === 'http' && getString(declared, ['bearerFormat']) === 'JWT') {
      def.enable_jwt = true;
      def.jwt_source = getString(config, ['source']) ?? '';
      def.jwt_signing_method = getString(config, ['signingMethod']) ?? '';
      def.jwt_identity_base_field = getString(config, ['identityBaseField']) ?? '';
    }
  }
}

/**
 * Writes a classic PUT back into the OAS document of an OAS API, so both views agree.
 * The Dashboard's behaviour for a classic PUT on an OAS API is not documented [infer].
 */
export function applyClassicToOas(oas: JsonObject, def: JsonObject): JsonObject {
  const next = structuredClone(oas);
  const set = (path: string[], value: unknown) => {
    if (value !== undefined) setPath(next, [X_TYK, ...path], value);
  };
  set(['info', 'id'], def.api_id);
  set(['info', 'orgId'], def.org_id);
  set(['info', 'name'], def.name);
  set(['server', 'listenPath', 'value'], getPath(def, ['proxy', 'listen_path']));
  set(['server', 'clientCertificates'], {
    enabled: def.use_mutual_tls_auth === true,
    allowlist: Array.isArray(def.client_certificates) ? def.client_certificates : [],
  });
  return next;
}

export function hasTykExtension(doc: JsonObject): boolean {
  return isRecord(doc[X_TYK]);
}

/** Pins the identity fields of an OAS document to the stored API's. */
export function pinOasIdentity(
  doc: JsonObject,
  ids: { dbId: string; apiId: string; orgId: string },
): JsonObject {
  const next = structuredClone(doc);
  setPath(next, [X_TYK, 'info', 'dbId'], ids.dbId);
  setPath(next, [X_TYK, 'info', 'id'], ids.apiId);
  setPath(next, [X_TYK, 'info', 'orgId'], ids.orgId);
  return next;
}
