import { type PresentedCertificate, presentedCertificate } from './presented.ts';

/** One allow-list row that resolved to a certificate in the store. */
export interface AllowListCertificate {
  /** The Tyk certificate id as written in the API definition. */
  readonly id: string;
  /**
   * The store's `fingerprint` for that id. Tyk hashes the LAST block of a stored chain here
   * (tyk-domain.md §1.5), so this is not always the SHA-256 of `der`.
   */
  readonly fingerprint: string;
  /** The certificate itself; needed only to honour CA entries. */
  readonly der?: Uint8Array;
}

export type AllowListDecision =
  | {
      readonly allowed: true;
      readonly match: 'EXACT' | 'CA_SIGNED';
      /** Id of the allow-list row that admitted the request. */
      readonly entryId: string;
      /** 0 = the leaf; higher = an intermediate the client sent. */
      readonly peerIndex: number;
      readonly leafSha256: string;
    }
  | {
      readonly allowed: false;
      readonly reason: 'CLIENT_CERTIFICATE_REQUIRED' | 'CERTIFICATE_NOT_ALLOWED' | 'CERTIFICATE_EXPIRED';
      readonly status: 403;
      /** The Gateway's exact text, sent as `{"error": message}`. */
      readonly message: string;
      readonly leafSha256: string | null;
    };

interface TrustAnchor {
  readonly id: string;
  readonly cert: PresentedCertificate;
}

const SERVER_AUTH = '1.3.6.1.5.5.7.3.1';
const ANY_EKU = '2.5.29.37.0';

/**
 * The static client-certificate allow list of one API, with the Gateway's request-time decision
 * (`internal/crypto/helpers.go ValidateRequestCerts`). Exact matches are one Map lookup; CA entries
 * are indexed by subject so a presented certificate is only checked against CAs that could have
 * issued it. Signature checks are memoised per (peer, CA) pair, so a returning client costs a hash.
 */
export class AllowList {
  private readonly exact = new Map<string, string>();
  private readonly anchorsBySubject = new Map<string, TrustAnchor[]>();
  private readonly signatureChecks = new Map<string, boolean>();

  constructor(entries: Iterable<AllowListCertificate>) {
    for (const entry of entries) {
      const fingerprint = entry.fingerprint.toLowerCase();
      if (!this.exact.has(fingerprint)) this.exact.set(fingerprint, entry.id);
      const cert = entry.der ? presentedCertificate(entry.der) : undefined;
      if (!cert?.isCa) continue;
      const anchors = this.anchorsBySubject.get(cert.native.subject) ?? [];
      anchors.push({ id: entry.id, cert });
      this.anchorsBySubject.set(cert.native.subject, anchors);
    }
  }

  get size(): number {
    return this.exact.size;
  }

  /**
   * Decides a request that presented `peers` (DER, leaf first) at instant `at`.
   * For each presented certificate in order: admitted when an allow-listed CA verifies it (Go's
   * `Verify` with that CA as the only root: signature, both validity windows, EKU), or when its
   * SHA-256 equals an entry's fingerprint, unless it has expired. Otherwise refused with the leaf's hash.
   */
  decide(peers: readonly Uint8Array[], at: Date): AllowListDecision {
    const leaf = peers.length > 0 ? presentedCertificate(peers[0]!) : undefined;
    if (!leaf) {
      return refuse('CLIENT_CERTIFICATE_REQUIRED', 'Client TLS certificate is required', null);
    }
    const now = at.getTime();
    // Plain loop: this runs on every request, and the leaf is usually the only peer.
    for (let peerIndex = 0; peerIndex < peers.length; peerIndex++) {
      const peer = peerIndex === 0 ? leaf : presentedCertificate(peers[peerIndex]!);
      if (!peer) continue;
      const anchor = this.verifyingAnchor(peer, now);
      if (anchor)
        return { allowed: true, match: 'CA_SIGNED', entryId: anchor.id, peerIndex, leafSha256: leaf.sha256 };
      const entryId = this.exact.get(peer.sha256);
      if (entryId === undefined) continue;
      // Tyk checks only NotAfter here: a not-yet-valid but exactly listed certificate is admitted.
      if (now > peer.notAfter) return refuse('CERTIFICATE_EXPIRED', 'Certificate has expired', leaf.sha256);
      return { allowed: true, match: 'EXACT', entryId, peerIndex, leafSha256: leaf.sha256 };
    }
    return refuse(
      'CERTIFICATE_NOT_ALLOWED',
      `Certificate with SHA256 ${leaf.sha256} not allowed`,
      leaf.sha256,
    );
  }

  private verifyingAnchor(peer: PresentedCertificate, now: number): TrustAnchor | undefined {
    const candidates = this.anchorsBySubject.get(peer.native.issuer);
    if (!candidates) return undefined;
    return candidates.find((anchor) => {
      const { cert } = anchor;
      if (!withinValidity(peer, now) || !withinValidity(cert, now)) return false;
      // Go's Verify with empty KeyUsages demands serverAuth (or any, or no EKU) along the chain.
      if (!allowsServerAuth(peer) || !allowsServerAuth(cert)) return false;
      return this.signedBy(peer, cert);
    });
  }

  private signedBy(peer: PresentedCertificate, ca: PresentedCertificate): boolean {
    if (peer.sha256 === ca.sha256) return true; // a root in the pool verifies as a chain of one
    const key = `${peer.sha256}:${ca.sha256}`;
    let ok = this.signatureChecks.get(key);
    if (ok === undefined) {
      ok = peer.native.checkIssued(ca.native) && peer.native.verify(ca.native.publicKey);
      this.signatureChecks.set(key, ok);
    }
    return ok;
  }
}

function withinValidity(cert: PresentedCertificate, now: number): boolean {
  return now >= cert.notBefore && now <= cert.notAfter;
}

function allowsServerAuth(cert: PresentedCertificate): boolean {
  const eku = cert.extendedKeyUsage;
  return eku === undefined || eku.includes(SERVER_AUTH) || eku.includes(ANY_EKU);
}

function refuse(
  reason: 'CLIENT_CERTIFICATE_REQUIRED' | 'CERTIFICATE_NOT_ALLOWED' | 'CERTIFICATE_EXPIRED',
  message: string,
  leafSha256: string | null,
): AllowListDecision {
  return { allowed: false, reason, status: 403, message, leafSha256 };
}
