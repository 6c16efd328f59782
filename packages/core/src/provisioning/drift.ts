import * as requests from '../access-requests/access-request.repo.ts';
import type { AccessRequest } from '../access-requests/access-request.ts';
import { findByTykIds } from '../certificates/certificate.repo.ts';
import { readAllowList } from '../dashboard/api-allow-list.ts';
import type { DashboardError } from '../dashboard/dashboard.errors.ts';
import type { DashboardClient, KeyRef } from '../dashboard/dashboard-client.ts';
import type { Db } from '../db/open-database.ts';
import type { Product, ProductApi } from '../products/product.ts';
import { Ok, type Result } from '../result.ts';
import type { SecretBox } from '../secrets/secret-box.ts';
import { desiredAllowList, grantCertificates, placedEntries } from './desired-state.ts';
import { keyIdFor } from './key-session.ts';

/** One way the Dashboard differs from the desired state. */
export interface DriftFinding {
  /** The request concerned; null for an entry the portal placed that no request accounts for. */
  readonly accessRequestId: string | null;
  readonly kind:
    | 'MISSING_FROM_ALLOW_LIST'
    | 'EXTRA_ON_ALLOW_LIST'
    | 'KEY_MISSING'
    | 'KEY_NOT_EXPECTED'
    | 'BINDING_MISSING'
    | 'BINDING_EXTRA';
  /** Set for allow-list findings. */
  readonly apiId: string | null;
  /** The product's API of `apiId`, as the product names it. */
  readonly api: ProductApi | null;
  /** Tyk certificate ids concerned. */
  readonly certificateIds: readonly string[];
  /** Each of `certificateIds` with the portal's record of it (null when the portal has none). */
  readonly certificates: readonly DriftCertificate[];
}

/** A Tyk certificate id of a finding and the portal's certificate of that id, if it has one. */
export interface DriftCertificate {
  readonly tykId: string;
  readonly certificateId: string | null;
}

type Found = Omit<DriftFinding, 'certificates'>;

/** A decided request of the provider and its product, as drift compares them. */
export interface DecidedRequest {
  readonly request: AccessRequest;
  readonly product: Product;
}

/**
 * Compares the Dashboard with the desired state, both ways: each API's list must hold what live
 * grants need and none of the entries the portal placed that no grant needs; an APPROVED grant with
 * a live certificate must have its key with exactly its bindings, and every other decided request
 * (revoked, rejected after a failure, failed, or without a live certificate) must have no key.
 * Each API is read once however many requests share it. A Dashboard failure is the Err.
 */
export async function findDrift(
  db: Db,
  secrets: SecretBox,
  client: DashboardClient,
  providerId: string,
  decided: readonly DecidedRequest[],
  now: Date,
): Promise<Result<DriftFinding[], DashboardError>> {
  const findings: Found[] = [];
  const apis = new Map<string, ProductApi>();
  for (const { product } of decided)
    if (product.authType === 'AUTH_TOKEN_MTLS') for (const api of product.apis) apis.set(api.apiId, api);
  const lists = new Map<string, Set<string>>();
  for (const api of apis.values()) {
    const read = await readAllowList(client, api);
    if (!read.ok) return read;
    const list = new Set(read.value.entries);
    lists.set(api.apiId, list);
    const wanted = new Set(await desiredAllowList(db, providerId, api.apiId, now));
    const extra = [...(await placedEntries(db, providerId, api.apiId))].filter(
      (id) => list.has(id) && !wanted.has(id),
    );
    if (extra.length > 0)
      findings.push({
        accessRequestId: null,
        kind: 'EXTRA_ON_ALLOW_LIST',
        apiId: api.apiId,
        api,
        certificateIds: extra,
      });
  }
  for (const { request, product } of decided) {
    const mtls = product.authType === 'AUTH_TOKEN_MTLS';
    const live =
      mtls && request.status === 'APPROVED'
        ? (await grantCertificates(db, request.id, now)).filter((c) => c.notLive === null).map((c) => c.tykId)
        : [];
    for (const api of mtls ? product.apis : []) {
      const missing = live.filter((id) => !lists.get(api.apiId)?.has(id));
      if (missing.length > 0)
        findings.push({
          accessRequestId: request.id,
          kind: 'MISSING_FROM_ALLOW_LIST',
          apiId: api.apiId,
          api,
          certificateIds: missing,
        });
    }
    if (product.authType !== 'AUTH_TOKEN_MTLS' && product.authType !== 'AUTH_TOKEN') continue;
    const wantKey = request.status === 'APPROVED' && (!mtls || live.length > 0);
    const read = await keyBindings(db, client, secrets, request.id);
    if (!read.ok) return read;
    const bindings = read.value;
    if (bindings === undefined) {
      if (wantKey)
        findings.push({
          accessRequestId: request.id,
          kind: 'KEY_MISSING',
          apiId: null,
          api: null,
          certificateIds: [],
        });
      continue;
    }
    if (!wantKey) {
      findings.push({
        accessRequestId: request.id,
        kind: 'KEY_NOT_EXPECTED',
        apiId: null,
        api: null,
        certificateIds: bindings,
      });
      continue;
    }
    const wanted = product.bindCertificateToToken ? live : [];
    const missing = wanted.filter((id) => !bindings.includes(id));
    const extra = bindings.filter((id) => !wanted.includes(id));
    if (missing.length > 0)
      findings.push({
        accessRequestId: request.id,
        kind: 'BINDING_MISSING',
        apiId: null,
        api: null,
        certificateIds: missing,
      });
    if (extra.length > 0)
      findings.push({
        accessRequestId: request.id,
        kind: 'BINDING_EXTRA',
        apiId: null,
        api: null,
        certificateIds: extra,
      });
  }
  return Ok(await withPortalCertificates(db, providerId, findings));
}

/** Each finding's Tyk ids with the portal's certificates of them: one statement for all findings. */
async function withPortalCertificates(
  db: Db,
  providerId: string,
  findings: readonly Found[],
): Promise<DriftFinding[]> {
  const rows = await findByTykIds(
    db,
    providerId,
    findings.flatMap((f) => f.certificateIds),
  );
  return findings.map((f) => ({
    ...f,
    certificates: f.certificateIds.map((tykId) => ({ tykId, certificateId: rows.get(tykId)?.id ?? null })),
  }));
}

/** The key's bindings, or undefined when the request has no key in the Dashboard. */
async function keyBindings(
  db: Db,
  client: DashboardClient,
  secrets: SecretBox,
  accessRequestId: string,
): Promise<Result<string[] | undefined, DashboardError>> {
  const credential = await requests.liveCredential(db, accessRequestId);
  const ref: KeyRef = credential?.keyHash
    ? { hash: credential.keyHash }
    : { id: keyIdFor(secrets, accessRequestId) };
  const key = await client.getKey(ref);
  if (key.ok) return Ok(key.value.data.mtls_static_certificate_bindings ?? []);
  return key.error.code === 'DASHBOARD_NOT_FOUND' ? Ok(undefined) : key;
}
