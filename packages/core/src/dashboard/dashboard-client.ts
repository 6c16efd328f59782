import { DashboardError } from './dashboard.errors.ts';
import { type DashboardHttpOptions, dashboardCall } from './dashboard-http.ts';
import * as s from './dashboard-schemas.ts';
import { pkixNameRfc4514 } from './pkix-name.ts';

/** "Certificate with <id> ID already exists" (Dashboard) or "... <id> id already exists" (Gateway). */
const ALREADY_EXISTS = /Certificate with (\S+) (?:ID|id) already exists/;

/**
 * Typed calls to one Tyk Dashboard. Every call has a timeout; reads, PUTs and DELETEs are retried
 * with backoff on retryable failures; every answer is validated. Failures throw `DashboardError`.
 */
export class DashboardClient {
  constructor(private readonly http: DashboardHttpOptions) {}

  /** Every certificate of the org, all pages of `mode=detailed`. Either the whole listing or a throw. */
  /**
   * Every page of the store's listing, checked for consistency: the Dashboard pages by offset, so a
   * certificate added or deleted while it is read shifts the pages, and a page can come back empty
   * or with another page count. Any of these (the page count changing, a short page before the
   * last, an id listed twice) throws DASHBOARD_BAD_RESPONSE: a sync must not diff against a listing
   * that may miss live certificates. Throws `DashboardError`.
   */
  async listAllCertificates(onPage?: (page: number, pages: number) => void): Promise<s.CertificateBasics[]> {
    const all: s.CertificateBasics[] = [];
    const seen = new Set<string>();
    let pages = 1;
    let pageSize = 0;
    for (let p = 1; p <= pages; p++) {
      const page = await this.#listingPage(p);
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
        throw new DashboardError(
          'DASHBOARD_BAD_RESPONSE',
          `The Dashboard's certificate listing changed while it was read (${problem}); nothing was applied.`,
          { method: 'GET', path: '/api/certs' },
        );
      for (const row of rows) seen.add(row.id);
      all.push(...rows);
      onPage?.(p, pages);
    }
    return all;
  }

  /** Whether the store still holds a certificate: false only on a 404. Throws `DashboardError`. */
  async hasCertificate(id: string): Promise<boolean> {
    try {
      await this.getCertificate(id);
      return true;
    } catch (error) {
      if (error instanceof DashboardError && error.code === 'DASHBOARD_NOT_FOUND') return false;
      throw error;
    }
  }

  /** Whether `/api/certs/details` answers (Dashboards before it list with `mode=detailed` only). */
  #details: boolean | undefined;

  /**
   * One page of the richest listing the Dashboard offers: `/api/certs/details` (subject and issuer
   * DNs besides the `mode=detailed` fields), or `mode=detailed` where details answers 404.
   */
  async #listingPage(p: number): Promise<{ rows: s.CertificateBasics[]; pages: number }> {
    if (this.#details !== false) {
      try {
        const page = await dashboardCall(this.http, {
          method: 'GET',
          path: '/api/certs/details',
          query: { p },
          schema: s.certificateDetailsPage,
        });
        this.#details = true;
        return { rows: (page.certificates ?? []).map(basicsOfMeta), pages: page.pages };
      } catch (error) {
        if (!(error instanceof DashboardError && error.code === 'DASHBOARD_NOT_FOUND') || this.#details)
          throw error;
        this.#details = false;
      }
    }
    const page = await this.listCertificatePage(p);
    return { rows: page.cert_basics ?? [], pages: page.pages };
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
  async uploadCertificate(pem: string): Promise<{ id: string; alreadyExisted: boolean }> {
    const form = new FormData();
    form.set('cert', new Blob([pem], { type: 'application/x-pem-file' }), 'cert.pem');
    try {
      const added = await dashboardCall(this.http, {
        method: 'POST',
        path: '/api/certs',
        body: form,
        schema: s.certificateAdded,
      });
      return { id: added.id, alreadyExisted: false };
    } catch (error) {
      const existing = error instanceof DashboardError ? ALREADY_EXISTS.exec(error.message) : null;
      if (existing) return { id: existing[1]!, alreadyExisted: true };
      throw error;
    }
  }

  async deleteCertificate(id: string): Promise<void> {
    await dashboardCall(this.http, {
      method: 'DELETE',
      path: `/api/certs/${encodeURIComponent(id)}`,
      schema: s.anything,
    });
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

  async listAllApis(): Promise<s.ApiDefinitionWrapper[]> {
    const all: s.ApiDefinitionWrapper[] = [];
    let pages = 1;
    for (let p = 1; p <= pages; p++) {
      const page = await dashboardCall(this.http, {
        method: 'GET',
        path: '/api/apis',
        query: { p },
        schema: s.apiDefinitionPage,
      });
      pages = page.pages;
      all.push(...(page.apis ?? []));
    }
    return all;
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

  updateKey(key: KeyRef, session: s.SessionState) {
    return dashboardCall(this.http, { method: 'PUT', path: keyPath(key), json: session, schema: s.keyData });
  }

  async deleteKey(key: KeyRef): Promise<void> {
    await dashboardCall(this.http, { method: 'DELETE', path: keyPath(key), schema: s.anything });
  }
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
