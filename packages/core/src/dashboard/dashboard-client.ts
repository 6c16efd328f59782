import { Err, Ok, type Result } from '../result.ts';
import { DashboardError } from './dashboard.errors.ts';
import { type DashboardHttpOptions, dashboardCall } from './dashboard-http.ts';
import * as s from './dashboard-schemas.ts';
import { pkixNameRfc4514 } from './pkix-name.ts';

/** "Certificate with <id> ID already exists" (Dashboard) or "... <id> id already exists" (Gateway). */
const ALREADY_EXISTS = /Certificate with (\S+) (?:ID|id) already exists/;

/**
 * Typed calls to one Tyk Dashboard. Every call has a timeout; reads, PUTs and DELETEs are retried
 * with backoff on retryable failures; every answer is validated. Every method answers a `Result`
 * whose Err is the `DashboardError` (house style B5); only bugs throw.
 */
export class DashboardClient {
  constructor(private readonly http: DashboardHttpOptions) {}

  /**
   * Every certificate of the org: every page of the store's listing, checked for consistency. Either
   * the whole listing or the Err. The Dashboard pages by offset, so a certificate added or deleted
   * while it is read shifts the pages, and a page can come back empty or with another page count.
   * Any of these (the page count changing, a short page before the last, an id listed twice) is
   * DASHBOARD_BAD_RESPONSE: a sync must not diff against a listing that may miss live certificates.
   */
  async listAllCertificates(
    onPage?: (page: number, pages: number) => void,
  ): Promise<Result<s.CertificateBasics[], DashboardError>> {
    const all: s.CertificateBasics[] = [];
    const seen = new Set<string>();
    let pages = 1;
    let pageSize = 0;
    for (let p = 1; p <= pages; p++) {
      const listed = await this.#listingPage(p);
      if (!listed.ok) return listed;
      const page = listed.value;
      const rows = page.rows;
      if (p === 1) [pages, pageSize] = [page.pages, rows.length];
      const problem =
        page.pages !== pages
          ? `page ${p} says ${page.pages} pages, page 1 said ${pages}`
          : p < pages && rows.length !== pageSize
            ? `page ${p} of ${pages} holds ${rows.length} certificates, page 1 held ${pageSize}`
            : rows.find((r) => seen.has(r.id))
              ? `page ${p} lists a certificate an earlier page listed`
              : undefined;
      if (problem)
        return Err(
          new DashboardError(
            'DASHBOARD_BAD_RESPONSE',
            `The Dashboard's certificate listing changed while it was read (${problem}); nothing was applied.`,
            { method: 'GET', path: '/api/certs' },
          ),
        );
      for (const row of rows) seen.add(row.id);
      all.push(...rows);
      onPage?.(p, pages);
    }
    return Ok(all);
  }

  /** Whether the store still holds a certificate: false only on a 404. */
  async hasCertificate(id: string): Promise<Result<boolean, DashboardError>> {
    const found = await this.getCertificate(id);
    if (found.ok) return Ok(true);
    return found.error.code === 'DASHBOARD_NOT_FOUND' ? Ok(false) : found;
  }

  /** Whether `/api/certs/details` answers (Dashboards before it list with `mode=detailed` only). */
  #details: boolean | undefined;

  /**
   * One page of the richest listing the Dashboard offers: `/api/certs/details` (subject and issuer
   * DNs besides the `mode=detailed` fields), or `mode=detailed` where details answers 404.
   */
  async #listingPage(
    p: number,
  ): Promise<Result<{ rows: s.CertificateBasics[]; pages: number }, DashboardError>> {
    if (this.#details !== false) {
      const page = await dashboardCall(this.http, {
        method: 'GET',
        path: '/api/certs/details',
        query: { p },
        schema: s.certificateDetailsPage,
      });
      if (page.ok) {
        this.#details = true;
        return Ok({ rows: (page.value.certificates ?? []).map(basicsOfMeta), pages: page.value.pages });
      }
      if (page.error.code !== 'DASHBOARD_NOT_FOUND' || this.#details) return page;
      this.#details = false;
    }
    const page = await this.listCertificatePage(p);
    return page.ok ? Ok({ rows: page.value.cert_basics ?? [], pages: page.value.pages }) : page;
  }

  listCertificatePage(p: number) {
    return dashboardCall(this.http, {
      method: 'GET',
      path: '/api/certs',
      query: { p, mode: 'detailed' },
      schema: s.certificateBasicsPage,
    });
  }

  getCertificate(id: string) {
    return dashboardCall(this.http, {
      method: 'GET',
      path: `/api/certs/${encodeURIComponent(id)}`,
      schema: s.certificateMeta,
    });
  }

  /** Registers a certificate. The same certificate already in the store is success, as Tyk ids are content hashes. */
  async uploadCertificate(
    pem: string,
  ): Promise<Result<{ id: string; alreadyExisted: boolean }, DashboardError>> {
    const form = new FormData();
    form.set('cert', new Blob([pem], { type: 'application/x-pem-file' }), 'cert.pem');
    const added = await dashboardCall(this.http, {
      method: 'POST',
      path: '/api/certs',
      body: form,
      schema: s.certificateAdded,
    });
    if (added.ok) return Ok({ id: added.value.id, alreadyExisted: false });
    const existing = ALREADY_EXISTS.exec(added.error.message);
    return existing ? Ok({ id: existing[1]!, alreadyExisted: true }) : added;
  }

  async deleteCertificate(id: string): Promise<Result<void, DashboardError>> {
    return done(
      await dashboardCall(this.http, {
        method: 'DELETE',
        path: `/api/certs/${encodeURIComponent(id)}`,
        schema: s.anything,
      }),
    );
  }

  /** One page (1-based) of the APIs that use a certificate (Dashboard 5.11+). */
  certificateApis(id: string, p?: number) {
    return dashboardCall(this.http, {
      method: 'GET',
      path: `/api/certs/${encodeURIComponent(id)}/apis`,
      query: { p },
      schema: s.certificateApis,
    });
  }

  async listAllApis(): Promise<Result<s.ApiDefinitionWrapper[], DashboardError>> {
    const all: s.ApiDefinitionWrapper[] = [];
    let pages = 1;
    for (let p = 1; p <= pages; p++) {
      const page = await dashboardCall(this.http, {
        method: 'GET',
        path: '/api/apis',
        query: { p },
        schema: s.apiDefinitionPage,
      });
      if (!page.ok) return page;
      pages = page.value.pages;
      all.push(...(page.value.apis ?? []));
    }
    return Ok(all);
  }

  getApi(apiId: string) {
    return dashboardCall(this.http, {
      method: 'GET',
      path: `/api/apis/${encodeURIComponent(apiId)}`,
      schema: s.apiDefinitionWrapper,
    });
  }

  /** Replaces the whole definition, as Tyk's PUT does: send back what `getApi` returned, changed. */
  updateApi(apiId: string, wrapper: s.ApiDefinitionWrapper) {
    return dashboardCall(this.http, {
      method: 'PUT',
      path: `/api/apis/${encodeURIComponent(apiId)}`,
      json: wrapper,
      schema: s.tykStatus,
    });
  }

  getOasApi(apiId: string) {
    return dashboardCall(this.http, {
      method: 'GET',
      path: `/api/apis/oas/${encodeURIComponent(apiId)}`,
      schema: s.oasApiDefinition,
    });
  }

  updateOasApi(apiId: string, document: s.OasApiDefinition) {
    return dashboardCall(this.http, {
      method: 'PUT',
      path: `/api/apis/oas/${encodeURIComponent(apiId)}`,
      json: document,
      schema: s.tykStatus,
    });
  }

  /** Creates a key; with `keyId` the id is ours, so a retried create cannot make a second key. */
  createKey(session: s.SessionState, keyId?: string) {
    const path = keyId ? `/api/keys/${encodeURIComponent(keyId)}` : '/api/keys';
    return dashboardCall(this.http, { method: 'POST', path, json: session, schema: s.keyData });
  }

  getKey(key: KeyRef) {
    return dashboardCall(this.http, { method: 'GET', path: keyPath(key), schema: s.keyData });
  }

  /**
   * Rewrites a key's session. Tyk starts the key's quota and rate counters again on every write
   * (gateway/api.go `handleAddOrUpdate` → `doAddOrUpdate` → `ResetQuota`) unless asked with
   * `suppress_reset=1`: `keepCounters` asks it, for a write that leaves the limits as they were.
   */
  updateKey(key: KeyRef, session: s.SessionState, options: { keepCounters?: boolean } = {}) {
    const path = keyPath(key);
    const query = options.keepCounters ? `${path.includes('?') ? '&' : '?'}suppress_reset=1` : '';
    return dashboardCall(this.http, { method: 'PUT', path: path + query, json: session, schema: s.keyData });
  }

  async deleteKey(key: KeyRef): Promise<Result<void, DashboardError>> {
    return done(await dashboardCall(this.http, { method: 'DELETE', path: keyPath(key), schema: s.anything }));
  }
}

/** A call whose answer body means nothing (a DELETE's): Ok with no value, or its Err. */
function done(result: Result<unknown, DashboardError>): Result<void, DashboardError> {
  return result.ok ? Ok(undefined) : result;
}

/**
 * How the portal names a key in the Dashboard: by Tyk's `key_hash` (`?hashed=true`), which is all
 * it stores, or by its custom key id, derived in memory when no hash is known yet (a create whose
 * answer was lost). The id is never stored: base64 of the org and the id is the token itself.
 */
export type KeyRef = { readonly hash: string } | { readonly id: string };

function keyPath(key: KeyRef): string {
  return 'hash' in key
    ? `/api/keys/${encodeURIComponent(key.hash)}?hashed=true`
    : `/api/keys/${encodeURIComponent(key.id)}`;
}

/** A details row in the shape of the `mode=detailed` listing, with the DNs it adds. */
function basicsOfMeta(meta: s.CertificateMeta): s.CertificateBasics {
  return {
    id: meta.id,
    subject_cn: meta.subject.CommonName,
    issuer_cn: meta.issuer.CommonName,
    dns_names: meta.dns_names ?? null,
    has_private: meta.has_private,
    not_before: meta.not_before,
    not_after: meta.not_after,
    is_ca: meta.is_ca,
    subject_dn: pkixNameRfc4514(meta.subject),
    issuer_dn: pkixNameRfc4514(meta.issuer),
  };
}
