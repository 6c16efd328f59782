import type { CertificateFacts } from './certificate-checks.ts';
import type { RequestCheckWarning } from './request-check.ts';

/**
 * Warnings about how the allow list admits the presented list; `facts` is undefined for an API
 * without static mTLS. An unsettled store decision gets none: the explainer claims nothing then.
 */
export function certificateWarnings(
  facts: Pick<CertificateFacts, 'presented' | 'store'> | undefined,
): RequestCheckWarning[] {
  const decision = facts?.store.decision;
  if (!facts || facts.store.unsettled || !decision?.allowed || decision.peerIndex === 0) return [];
  const admitting = facts.presented[decision.peerIndex];
  if (!admitting) return [];
  const position = decision.peerIndex + 1;
  const listed =
    decision.match === 'EXACT'
      ? `is on the allow list as ${decision.entryId}`
      : `is signed by the allow-listed CA ${decision.entryId}`;
  return [
    {
      code: 'ADMITTED_BY_NON_LEAF_CERTIFICATE',
      check: 'ALLOW_LIST',
      position,
      sha256: admitting.fingerprints.sha256,
      match: decision.match,
      entryId: decision.entryId,
      message:
        `Admitted only because certificate ${position} of the presented list (${admitting.subject.dn}, ` +
        `SHA-256 ${admitting.fingerprints.sha256}), which the client need not own, ${listed}. The Gateway ` +
        "checks every presented certificate, but the client proves possession of the leaf's key only.",
    },
  ];
}
