import { QuotaCounters } from './quota-counters.ts';
import { RateWindows } from './rate-windows.ts';
import type { StoredApi } from './stored-api.ts';
import type { StoredCertificate } from './stored-certificate.ts';

/** One key: the token it is known by, its `key_hash`, and the session object (SessionState). */
export interface StoredKey {
  readonly keyId: string;
  readonly keyHash: string;
  session: Record<string, unknown>;
}

/** The Dashboard's default `page_size`. */
export const DEFAULT_PAGE_SIZE = 10;

/**
 * All mock state, in memory. Maps keep insertion order, which is the listing order (the
 * Dashboard's order is unknown from Tyk's sources; the mock assumes insertion order, as the
 * Gateway's `certs/manager.go` `certificateManager.Add` appends to an index list). Writers bump
 * a revision so the gateway can cache what it derives (routes, allow lists) and rebuild only
 * after a change.
 */
export class MockStore {
  pageSize: number;
  /** Dashboard user API key → the org it belongs to. */
  readonly dashboardKeys = new Map<string, string>();
  readonly orgs = new Set<string>();
  readonly certificates = new Map<string, StoredCertificate>();
  /** By internal id (`dbId`). */
  readonly apis = new Map<string, StoredApi>();
  readonly keys = new Map<string, StoredKey>();
  /** Requests counted against each key's quota, by key hash (Tyk keeps these in Redis). */
  readonly quotas = new QuotaCounters();
  /** Each key's rate-limit window, by key hash (a Tyk node's in-memory DRL buckets). */
  readonly rates = new RateWindows();
  certsRevision = 0;
  apisRevision = 0;

  /** `basePageSize` survives `clear()`; a seed's `settings.pageSize` lasts until the next reset. */
  constructor(private readonly basePageSize: number = DEFAULT_PAGE_SIZE) {
    this.pageSize = basePageSize;
  }

  clear(): void {
    this.pageSize = this.basePageSize;
    this.dashboardKeys.clear();
    this.orgs.clear();
    this.certificates.clear();
    this.apis.clear();
    this.keys.clear();
    this.quotas.clear();
    this.rates.clear();
    this.certsRevision++;
    this.apisRevision++;
  }

  putCertificate(certificate: StoredCertificate): void {
    this.certificates.set(certificate.id, certificate);
    this.certsRevision++;
  }

  deleteCertificate(id: string): boolean {
    const deleted = this.certificates.delete(id);
    if (deleted) this.certsRevision++;
    return deleted;
  }

  putApi(api: StoredApi): void {
    this.apis.set(api.dbId, api);
    this.apisRevision++;
  }

  /** Finds an API by internal id or public `api_id`, as `GET /api/apis/{apiId}` accepts either. */
  findApi(idOrApiId: string): StoredApi | undefined {
    const byDbId = this.apis.get(idOrApiId);
    if (byDbId) return byDbId;
    for (const api of this.apis.values()) if (api.definition.api_id === idOrApiId) return api;
    return undefined;
  }

  certificatesOf(orgId: string): StoredCertificate[] {
    return [...this.certificates.values()].filter((c) => c.orgId === orgId);
  }

  apisOf(orgId: string): StoredApi[] {
    return [...this.apis.values()].filter((a) => a.definition.org_id === orgId);
  }
}
