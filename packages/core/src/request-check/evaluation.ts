import type { GatewayRefusal, RequestCheckName } from './request-check.ts';

/**
 * One check judged on its own, before the Gateway's order is applied. UNDECIDED: the explainer
 * cannot tell (missing input, or something it does not verify).
 */
export type Evaluation =
  | { readonly outcome: 'PASS' | 'NOT_APPLICABLE' | 'UNDECIDED'; readonly detail: string }
  | { readonly outcome: 'FAIL'; readonly detail: string; readonly refusal: GatewayRefusal };

export type Evaluations = Readonly<Record<RequestCheckName, Evaluation>>;

export { GATEWAY_MESSAGES } from './session-rules.ts';

export const pass = (detail: string): Evaluation => ({ outcome: 'PASS', detail });
export const notApplicable = (detail: string): Evaluation => ({ outcome: 'NOT_APPLICABLE', detail });
export const undecided = (detail: string): Evaluation => ({ outcome: 'UNDECIDED', detail });

export function fail(status: number, message: string, detail: string): Evaluation {
  return { outcome: 'FAIL', detail, refusal: { status, body: { error: message } } };
}
