import type { Evaluations } from './evaluation.ts';
import {
  type GatewayRefusal,
  REQUEST_CHECKS,
  type RequestCheckName,
  type RequestCheckReport,
  type RequestCheckStep,
} from './request-check.ts';

type Verdict = Pick<RequestCheckReport, 'checks' | 'firstFailure' | 'unverified' | 'wouldPass'>;

/**
 * Puts the checks in the Gateway's order: the first FAIL is what the Gateway answers, and the
 * Gateway never runs what follows, so later checks are SKIPPED, keeping their own result in
 * `ifReached` so the next obstacle is visible. An undecided check is SKIPPED and `unverified`.
 */
export function assembleVerdict(evaluations: Evaluations): Verdict {
  const checks: RequestCheckStep[] = [];
  const unverified: RequestCheckName[] = [];
  let firstFailure: (GatewayRefusal & { check: RequestCheckName }) | null = null;
  for (const check of REQUEST_CHECKS) {
    const evaluation = evaluations[check];
    const { detail } = evaluation;
    if (evaluation.outcome === 'NOT_APPLICABLE') {
      checks.push({ check, outcome: 'NOT_APPLICABLE', detail });
    } else if (evaluation.outcome === 'UNDECIDED') {
      if (firstFailure === null) unverified.push(check);
      checks.push({ check, outcome: 'SKIPPED', detail: reached(firstFailure, detail) });
    } else if (firstFailure !== null) {
      const own =
        evaluation.outcome === 'FAIL'
          ? `On its own it would fail with ${evaluation.refusal.status} "${evaluation.refusal.body.error}". ${detail}`
          : `On its own it would pass. ${detail}`;
      checks.push({
        check,
        outcome: 'SKIPPED',
        detail: reached(firstFailure, own),
        ifReached: evaluation.outcome,
      });
    } else if (evaluation.outcome === 'FAIL') {
      firstFailure = { check, ...evaluation.refusal };
      checks.push({ check, outcome: 'FAIL', detail, refusal: evaluation.refusal });
    } else {
      checks.push({ check, outcome: 'PASS', detail });
    }
  }
  return { checks, firstFailure, unverified, wouldPass: firstFailure === null && unverified.length === 0 };
}

function reached(firstFailure: { check: RequestCheckName } | null, detail: string): string {
  return firstFailure ? `Not reached: the Gateway answers at ${firstFailure.check}. ${detail}` : detail;
}
