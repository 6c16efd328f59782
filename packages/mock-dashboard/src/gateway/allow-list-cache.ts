import { AllowList, type AllowListCertificate } from '@repo/core/x509';
import { readCertificateUpload } from '../state/certificate-upload.ts';
import type { MockStore } from '../state/store.ts';
import type { GatewayApi } from './gateway-api.ts';

/**
 * One core `AllowList` per API, built when the API's definition or the certificate store
 * changed and reused for every request in between, so an exact match costs one hash lookup.
 * Tyk caches parsed certificates for 5 minutes; the mock sees changes at once [deliberate].
 */
export class AllowListCache {
  private readonly lists = new Map<string, { key: string; list: AllowList }>();

  constructor(private readonly store: MockStore) {}

  get(api: GatewayApi): AllowList {
    const key = `${api.revision}:${this.store.certsRevision}`;
    const cached = this.lists.get(api.dbId);
    if (cached?.key === key) return cached.list;
    const list = new AllowList(api.clientCertificates.flatMap((entry) => this.resolve(entry)));
    this.lists.set(api.dbId, { key, list });
    return list;
  }

  /**
   * A row of `client_certificates`: a certificate id, or (GW 5.14+) inline PEM, detected as Tyk
   * does by `-----BEGIN `. Ids missing from the store are skipped: Tyk treats them as nil.
   */
  private resolve(entry: string): AllowListCertificate[] {
    if (entry.includes('-----BEGIN ')) {
      const inline = readCertificateUpload('', entry, undefined);
      if (!inline.ok) return [];
      const { certificate } = inline;
      return [{ id: entry, fingerprint: certificate.fingerprint, der: certificate.leaf.der }];
    }
    const stored = this.store.certificates.get(entry);
    return stored ? [{ id: entry, fingerprint: stored.fingerprint, der: stored.leaf.der }] : [];
  }
}
