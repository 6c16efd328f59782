import { verifiesAsItsOwnRoot, verifiesUnder } from './chain-verification.ts';
import { type PresentedCertificate, presentedCertificate } from './presented.ts';

/** One allow-list row that resolved to a certificate in the store. */
export interface AllowListCertificate {
  /** The Tyk certificate id as written in the API definition. */
  readonly id: string;
  /**
   * The store's `fingerprint` for that id. Tyk hashes the LAST block of a stored chain here
   * (certs/manager.go ParsePEMCertificate), so this is not always the SHA-256 of `der`.
   */
  readonly fingerprint: string;
  /**
   * The row's FIRST certificate block, Tyk's `cert.Leaf` (its SHA-256 is the id). With it a CA
   * row is honoured, and an exact match is refused once it has expired, whatever was presented.
   */
  readonly der?: Uint8Array;
  /**
   * NotAfter of that first block, for callers that know it without the DER (a store's
   * `not_after`); wins over `der`'s. With neither, the presented certificate's own NotAfter is
   * used, which is Tyk's answer only for a row holding a single certificate.
   */
  readonly notAfter?: Date;
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

interface Row {
  readonly id: string;
  /** Position in the allow list: Tyk walks the rows in order and the first that fits decides. */
  readonly index: number;
}

interface ExactRow extends Row {
  /** The stored first block's NotAfter (epoch ms), when known. */
  readonly notAfter: number | undefined;
}

interface TrustAnchor extends Row {
  readonly cert: PresentedCertificate;
}

const VERDICT_CACHE_LIMIT = 10_000;

/**
 * The static client-certificate allow list of one API, with the Gateway's request-time decision
 * (`internal/crypto/helpers.go ValidateRequestCerts`). Exact matches are one Map lookup; CA rows
 * are indexed by their raw subject bytes, so a presented certificate is only checked against CAs
 * Go would consider as its parent. Verdicts are memoised per (peer, CA) pair, so a returning
 * client costs a hash and two date comparisons.
 */
export class AllowList {
  private readonly exact = new Map<string, ExactRow>();
  private readonly anchorsByRawSubject = new Map<string, TrustAnchor[]>();
  private readonly anchorsBySha256 = new Map<string, TrustAnchor>();
  private readonly verdicts = new Map<string, boolean>();

  constructor(entries: Iterable<AllowListCertificate>) {
    let index = 0;
    for (const entry of entries) {
      const cert = entry.der ? presentedCertificate(entry.der) : undefined;
      const fingerprint = entry.fingerprint.toLowerCase();
      if (!this.exact.has(fingerprint)) {
        this.exact.set(fingerprint, {
          id: entry.id,
          index,
          notAfter: entry.notAfter?.getTime() ?? cert?.notAfter,
        });
      }
      if (cert?.isCa && cert.facts) {
        const anchor: TrustAnchor = { id: entry.id, index, cert };
        const anchors = this.anchorsByRawSubject.get(cert.facts.rawSubject) ?? [];
        anchors.push(anchor);
        this.anchorsByRawSubject.set(cert.facts.rawSubject, anchors);
        if (!this.anchorsBySha256.has(cert.sha256)) this.anchorsBySha256.set(cert.sha256, anchor);
      }
      index++;
    }
  }

  get size(): number {
    return this.exact.size;
  }

  /**
   * Decides a request that presented `peers` (DER, leaf first) at instant `at`. For each presented
   * certificate in order, the rows are tried in allow-list order, each row first as a CA (Go's
   * `Verify` with that CA as the only root) and then by fingerprint; a fingerprint match is refused
   * once the row's stored first block has expired. Otherwise refused with the leaf's hash.
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
      const exact = this.exact.get(peer.sha256);
      const anchor = this.firstVerifyingAnchor(peer, now, exact?.index ?? Number.POSITIVE_INFINITY);
      if (anchor)
        return { allowed: true, match: 'CA_SIGNED', entryId: anchor.id, peerIndex, leafSha256: leaf.sha256 };
      if (!exact) continue;
      // Tyk checks `cert.Leaf.NotAfter`, the stored row's first block, and only NotAfter: a
      // not-yet-valid but exactly listed certificate is admitted.
      if (now > (exact.notAfter ?? peer.notAfter)) {
        return refuse('CERTIFICATE_EXPIRED', 'Certificate has expired', leaf.sha256);
      }
      return { allowed: true, match: 'EXACT', entryId: exact.id, peerIndex, leafSha256: leaf.sha256 };
    }
    return refuse(
      'CERTIFICATE_NOT_ALLOWED',
      `Certificate with SHA256 ${leaf.sha256} not allowed`,
      leaf.sha256,
    );
  }

  /** The earliest CA row, at or before `limit`, that verifies `peer`. */
  private firstVerifyingAnchor(
    peer: PresentedCertificate,
    now: number,
    limit: number,
  ): TrustAnchor | undefined {
    let found: TrustAnchor | undefined;
    const self = this.anchorsBySha256.get(peer.sha256);
    if (self && self.index <= limit && this.verifies(peer, self, now)) found = self;
    const candidates = peer.facts ? this.anchorsByRawSubject.get(peer.facts.rawIssuer) : undefined;
    for (const anchor of candidates ?? []) {
      if (anchor.index > (found?.index ?? limit)) break;
      if (anchor !== self && this.verifies(peer, anchor, now)) return anchor;
    }
    return found;
  }

  private verifies(peer: PresentedCertificate, anchor: TrustAnchor, now: number): boolean {
    const { cert } = anchor;
    if (!withinValidity(peer, now)) return false;
    // The CA presented as itself is a chain of one: Go checks no signature then.
    if (peer.sha256 === cert.sha256) return this.memo(peer.sha256, () => verifiesAsItsOwnRoot(peer));
    if (!withinValidity(cert, now)) return false;
    return this.memo(`${peer.sha256}:${cert.sha256}`, () => verifiesUnder(peer, cert));
  }

  private memo(key: string, verdict: () => boolean): boolean {
    let ok = this.verdicts.get(key);
    if (ok === undefined) {
      ok = verdict();
      if (this.verdicts.size >= VERDICT_CACHE_LIMIT) this.verdicts.clear();
      this.verdicts.set(key, ok);
    }
    return ok;
  }
}

function withinValidity(cert: PresentedCertificate, now: number): boolean {
  return now >= cert.notBefore && now <= cert.notAfter;
}

function refuse(
  reason: 'CLIENT_CERTIFICATE_REQUIRED' | 'CERTIFICATE_NOT_ALLOWED' | 'CERTIFICATE_EXPIRED',
  message: string,
  leafSha256: string | null,
): AllowListDecision {
  return { allowed: false, reason, status: 403, message, leafSha256 };
}
