import type { z } from 'zod';
import { Err, Ok, type Result } from '../result.ts';
import { DashboardError } from './dashboard.errors.ts';
import { jsonBody } from './json-body.ts';

export interface DashboardHttpOptions {
  /** Dashboard base URL, e.g. `http://dashboard:3000`. */
  readonly baseUrl: string;
  /** Dashboard user API key, sent raw in `Authorization` as Tyk's own clients do. */
  readonly apiKey: string;
  /** Per attempt. */
  readonly timeoutMs?: number;
  /** Extra attempts for calls that are safe to repeat. */
  readonly retries?: number;
  /** First backoff; doubles per attempt, with jitter. */
  readonly backoffMs?: number;
  readonly fetch?: typeof fetch;
}

export interface DashboardRequest<T> {
  readonly method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  readonly path: string;
  readonly query?: Record<string, string | number | undefined>;
  readonly body?: BodyInit;
  readonly json?: unknown;
  readonly schema: z.ZodType<T>;
}

/** Safe to repeat: a retried GET reads again; PUT and DELETE leave the same state however often they land. */
const IDEMPOTENT = new Set(['GET', 'PUT', 'DELETE']);

/**
 * One Dashboard call: timeout per attempt, retries with exponential backoff for idempotent methods
 * on retryable failures, the answer validated against `schema`. A failed call is the Err value:
 * an attempt throws `DashboardError`, and this is the one place that turns it into a value.
 */
export async function dashboardCall<T>(
  options: DashboardHttpOptions,
  request: DashboardRequest<T>,
): Promise<Result<T, DashboardError>> {
  const retries = IDEMPOTENT.has(request.method) ? (options.retries ?? 2) : 0;
  for (let attempt = 0; ; attempt++) {
    try {
      return Ok(await attemptCall(options, request));
    } catch (error) {
      if (!(error instanceof DashboardError)) throw error;
      if (!error.retryable || attempt >= retries) return Err(error);
      const backoff = (options.backoffMs ?? 200) * 2 ** attempt;
      await new Promise((resolve) => setTimeout(resolve, backoff / 2 + Math.random() * (backoff / 2)));
    }
  }
}

/** One attempt; throws `DashboardError` (caught by `dashboardCall` only). */
async function attemptCall<T>(options: DashboardHttpOptions, request: DashboardRequest<T>): Promise<T> {
  const url = new URL(request.path, options.baseUrl);
  for (const [key, value] of Object.entries(request.query ?? {})) {
    if (value !== undefined) url.searchParams.set(key, String(value));
  }
  const where = { method: request.method, path: redactedPath(url.pathname) };
  const headers: Record<string, string> = { authorization: options.apiKey, accept: 'application/json' };
  if (request.json !== undefined) headers['content-type'] = 'application/json';
  let response: Response;
  let text: string;
  try {
    response = await (options.fetch ?? fetch)(url, {
      method: request.method,
      headers,
      body: request.json !== undefined ? jsonBody(request.json) : request.body,
      signal: AbortSignal.timeout(options.timeoutMs ?? 10_000),
    });
    text = await response.text();
  } catch (error) {
    const timedOut = error instanceof DOMException && error.name === 'TimeoutError';
    throw new DashboardError(
      timedOut ? 'DASHBOARD_TIMEOUT' : 'DASHBOARD_UNREACHABLE',
      timedOut
        ? `The Dashboard did not answer ${where.method} ${where.path} within ${options.timeoutMs ?? 10_000} ms.`
        : `The Dashboard at ${url.origin} could not be reached (${describeCause(error)}).`,
      where,
    );
  }
  const body = parseJson(text);
  if (!response.ok) throw errorFor(response.status, body, where);
  if (body === undefined) {
    throw new DashboardError(
      'DASHBOARD_BAD_RESPONSE',
      `The Dashboard answered ${where.method} ${where.path} with something that is not JSON.`,
      { ...where, status: response.status },
    );
  }
  const parsed = request.schema.safeParse(body);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new DashboardError(
      'DASHBOARD_BAD_RESPONSE',
      `The Dashboard's answer to ${where.method} ${where.path} has an unexpected shape at "${issue?.path.join('.') ?? ''}": ${issue?.message ?? 'invalid'}.`,
      { ...where, status: response.status },
    );
  }
  return parsed.data;
}

/** Tyk's error envelope is `{"Status":"Error","Message":...}`; we pass its message on. */
function errorFor(status: number, body: unknown, where: { method: string; path: string }): DashboardError {
  const tykMessage =
    body && typeof body === 'object' && 'Message' in body && typeof body.Message === 'string'
      ? body.Message
      : undefined;
  const message = tykMessage ?? `HTTP ${status}`;
  const options = { ...where, status };
  if (status === 401 || status === 403)
    return new DashboardError(
      'DASHBOARD_UNAUTHORISED',
      `The Dashboard refused the API key: ${message}`,
      options,
    );
  if (status === 404) return new DashboardError('DASHBOARD_NOT_FOUND', message, options);
  if (status === 429 || status >= 500)
    return new DashboardError('DASHBOARD_FAILED', `The Dashboard failed: ${message}`, options);
  return new DashboardError('DASHBOARD_REJECTED', message, options);
}

function parseJson(text: string): unknown {
  try {
    return text === '' ? undefined : JSON.parse(text);
  } catch {
    return undefined;
  }
}

function describeCause(error: unknown): string {
  const cause = error instanceof Error && error.cause instanceof Error ? error.cause : error;
  return cause instanceof Error ? ((cause as { code?: string }).code ?? cause.message) : String(cause);
}

/**
 * The path as errors name it. A key's path holds its id (or hash), and a custom key id is the
 * token in all but encoding: errors end up in failure reasons and audit events, so it never shows.
 */
function redactedPath(path: string): string {
  return path.replace(/^\/api\/keys\/[^/]+/, '/api/keys/{key}');
}
