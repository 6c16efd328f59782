import type { CertificateInfo } from '../x509/certificate-info.ts';
import type { ResolvedAllowList } from './allow-list-entries.ts';
import type { ApiView } from './api-view.ts';
import { type Evaluation, type Evaluations, fail, notApplicable, pass, undecided } from './evaluation.ts';
import type { StoreDecision } from './store-decision.ts';

/** What `CertificateCheckMW` sees of a static-mTLS API: the presented chain and the resolved allow list. */
export interface CertificateFacts {
  readonly api: ApiView;
  /** Leaf first. */
  readonly presented: readonly CertificateInfo[];
  readonly allowList: Omit<ResolvedAllowList, 'entries'>;
  readonly store: StoreDecision;
  /**
   * The reader sees only its own organisation's certificates (a consumer's check): rows that do
   * not concern the presented chain are counted, never named, as they may be another's.
   */
  readonly countOnly?: boolean;
}

/** Both certificate checks; `facts` is undefined for an API without static mTLS. */
export function certificateChecks(
  facts: CertificateFacts | undefined,
): Pick<Evaluations, 'TLS_CLIENT_CERTIFICATE' | 'ALLOW_LIST'> {
  if (!facts) return { TLS_CLIENT_CERTIFICATE: notApplicable(NO_MTLS), ALLOW_LIST: notApplicable(NO_MTLS) };
  return { TLS_CLIENT_CERTIFICATE: clientCertificateCheck(facts), ALLOW_LIST: allowListCheck(facts) };
}

const NO_MTLS =
  'The API does not use static mTLS (use_mutual_tls_auth / clientCertificates off): the Gateway skips this check.';

function clientCertificateCheck({ presented }: CertificateFacts): Evaluation {
  const leaf = presented[0]!;
  const more = presented.length > 1 ? ` with ${presented.length - 1} more certificate(s) of its chain` : '';
  return pass(`The client presents ${leaf.subject.dn} (SHA-256 ${leaf.fingerprints.sha256})${more}.`);
}

/**
 * Tyk's allow-list rule (`internal/crypto/helpers.go` `ValidateRequestCerts`), with everything the
 * explainer could not resolve said plainly.
 */
function allowListCheck(facts: CertificateFacts): Evaluation {
  const { presented, allowList, store } = facts;
  const { decision } = store;
  const notes = store.notes.length > 0 ? ` ${store.notes.join(' ')}` : '';
  if (store.unsettled)
    return undecided(`The store kept contradicting the allow list's matching rows.${notes}`);
  if (decision.allowed) {
    const which =
      decision.peerIndex === 0 ? 'The leaf' : `Certificate ${decision.peerIndex + 1} of the chain`;
    const how =
      decision.match === 'EXACT'
        ? `is allow-listed exactly as ${decision.entryId}`
        : `is signed by the allow-listed CA ${decision.entryId} (signature, validity and EKU verified)`;
    return pass(`${which} ${how}.${notes}`);
  }
  if (decision.reason === 'CERTIFICATE_EXPIRED') {
    return fail(
      decision.status,
      decision.message,
      `A presented certificate is allow-listed exactly but has expired (the leaf's notAfter is ${presented[0]!.notAfter.toISOString()}).${notes}`,
    );
  }
  const issuerCa = allowList.casWithoutDer.find((ca) => ca.namedAsIssuer);
  if (issuerCa) {
    return undecided(
      `No row matches by hash, but the allow-listed CA ${issuerCa.id} (${issuerCa.subject}) issued a presented ` +
        "certificate and the portal does not have that CA's certificate (no stored PEM): the Gateway admits the " +
        `request if the signature verifies. Present the CA in the chain, or store its PEM, to decide.${notes}`,
    );
  }
  return fail(decision.status, decision.message, notAllowedDetail(facts) + notes);
}

function notAllowedDetail({ allowList, api, countOnly }: CertificateFacts): string {
  const parts = [
    `No presented certificate is among the ${api.allowList.length} allow-list row(s), and none is signed by ` +
      `one of the ${allowList.casResolved} allow-listed CA(s) whose certificate is known.`,
  ];
  if (allowList.casWithoutDer.length > 0 && countOnly) {
    parts.push(
      `${allowList.casWithoutDer.length} allow-listed CA(s) whose certificate the portal lacks were not checked (none issued a presented certificate).`,
    );
  } else if (allowList.casWithoutDer.length > 0) {
    const ids = listSome(allowList.casWithoutDer.map((ca) => `${ca.id} (${ca.subject})`));
    parts.push(
      `Allow-listed CAs whose certificate the portal lacks, not checked (none issued a presented certificate): ${ids}.`,
    );
  }
  if (allowList.unknownToPortal > 0) {
    parts.push(
      `${allowList.unknownToPortal} row(s) are not in the portal's records (a sync adds them); a CA among them was not checked.`,
    );
  }
  if (allowList.unreadable > 0)
    parts.push(`${allowList.unreadable} row(s) are not certificate ids; Tyk skips them too.`);
  parts.push(
    'A Gateway whose domain serves only mTLS APIs refuses such a certificate in the TLS handshake instead (no HTTP answer).',
  );
  return parts.join(' ');
}

/** The first few items, then a count: a 10,000-row allow list must not become a 10,000-id sentence. */
function listSome(items: readonly string[], shown = 5): string {
  const head = items.slice(0, shown).join(', ');
  return items.length > shown ? `${head} and ${items.length - shown} more` : head;
}
