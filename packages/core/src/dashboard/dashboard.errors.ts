import { DomainError } from '../errors.ts';

export type DashboardErrorCode =
  /** No answer: connection refused or reset, DNS failure. */
  | 'DASHBOARD_UNREACHABLE'
  /** No answer within the call's timeout. */
  | 'DASHBOARD_TIMEOUT'
  /** 401/403: the API key is wrong or lacks a permission. */
  | 'DASHBOARD_UNAUTHORISED'
  /** 404 for the thing asked about. */
  | 'DASHBOARD_NOT_FOUND'
  /** Any other 4xx: the Dashboard refused the request; `message` is its own text. */
  | 'DASHBOARD_REJECTED'
  /** 5xx or 429. */
  | 'DASHBOARD_FAILED'
  /** An answer we cannot read: not JSON, truncated, or a field of the wrong shape. */
  | 'DASHBOARD_BAD_RESPONSE';

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
