import { DomainError } from '../errors.ts';

/** The codes of this module's errors, each with what it means (the GraphQL enum's descriptions). */
export const DASHBOARD_ERROR_CODES = {
  DASHBOARD_UNREACHABLE: 'No answer from the Dashboard: connection refused or reset, DNS failure.',
  DASHBOARD_TIMEOUT: "No answer from the Dashboard within the call's timeout.",
  DASHBOARD_UNAUTHORISED: "The Dashboard refused the provider's API key (401/403).",
  DASHBOARD_NOT_FOUND: 'The Dashboard does not know the thing asked about (404).',
  DASHBOARD_REJECTED: 'The Dashboard refused the request (another 4xx); `message` is its own text.',
  DASHBOARD_FAILED: 'The Dashboard failed (5xx or 429).',
  DASHBOARD_BAD_RESPONSE:
    'An answer from the Dashboard that cannot be read: not JSON, truncated, or misshapen.',
} as const;
export type DashboardErrorCode = keyof typeof DASHBOARD_ERROR_CODES;

/**
 * A Tyk Dashboard call that did not give a usable answer. `retryable` says whether the same call
 * may succeed later (timeouts, 5xx, 429, connection failures); sync and provisioning back off on it.
 */
export class DashboardError extends DomainError {
  readonly code: DashboardErrorCode;
  readonly retryable: boolean;
  readonly status: number | undefined;

  constructor(
    code: DashboardErrorCode,
    message: string,
    options: { status?: number; method?: string; path?: string } = {},
  ) {
    super(message, { context: { status: options.status, method: options.method, path: options.path } });
    this.code = code;
    this.status = options.status;
    this.retryable =
      code === 'DASHBOARD_UNREACHABLE' || code === 'DASHBOARD_TIMEOUT' || code === 'DASHBOARD_FAILED';
  }
}
