import type { GatewayRefusal, RequestCheckName } from './request-check.ts';

/**
 * One check judged on its own, before the Gateway's order is applied. UNDECIDED: the explainer
 * cannot tell (missing input, or something it does not verify).
 */
export type Evaluation =
  | { readonly outcome: 'PASS' | 'NOT_APPLICABLE' | 'UNDECIDED'; readonly detail: string }
  | { readonly outcome: 'FAIL'; readonly detail: string; readonly refusal: GatewayRefusal };

export type Evaluations = Readonly<Record<RequestCheckName, Evaluation>>;

/** The Gateway's texts (tyk-domain.md §5), sent as `{"error": message}`. */
export const GATEWAY_MESSAGES = {
  authFieldMissing: 'Authorization field missing',
  accessDisallowed: 'Access to this API has been disallowed',
  certificateExpired: 'Certificate has expired',
  keyInactive: 'Key is inactive, please renew',
  keyExpired: 'Key has expired, please renew',
} as const;

export const pass = (detail: string): Evaluation => ({ outcome: 'PASS', detail });
export const notApplicable = (detail: string): Evaluation => ({ outcome: 'NOT_APPLICABLE', detail });
export const undecided = (detail: string): Evaluation => ({ outcome: 'UNDECIDED', detail });

export function fail(status: number, message: string, detail: string): Evaluation {
  return { outcome: 'FAIL', detail, refusal: { status, body: { error: message } } };
}
