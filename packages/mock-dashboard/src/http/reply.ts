import type { OutgoingHttpHeaders } from 'node:http';

/**
 * What a route answers, before it is written. Routes return values instead of writing to the
 * socket so that faults (truncate, malformed) can rewrite a real answer after it was computed.
 */
export interface Reply {
  readonly status: number;
  readonly headers: OutgoingHttpHeaders;
  readonly body: string | Uint8Array;
}

export function jsonReply(status: number, value: unknown, headers: OutgoingHttpHeaders = {}): Reply {
  return { status, headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(value) };
}

export function textReply(status: number, text: string): Reply {
  return { status, headers: { 'content-type': 'text/plain; charset=utf-8' }, body: text };
}

/** The Dashboard's envelope (`ApiResponse` in Tyk's Dashboard API OpenAPI); note the capitalised keys. */
export function dashboardMessage(
  status: number,
  message: string,
  extra: { ID?: string; Meta?: unknown } = {},
): Reply {
  const ok = status < 400;
  return jsonReply(status, {
    Status: ok ? 'OK' : 'Error',
    Message: message,
    Meta: extra.Meta ?? null,
    ...pickId(extra),
  });
}

function pickId(extra: { ID?: string }): { ID?: string } {
  return extra.ID === undefined ? {} : { ID: extra.ID };
}

/** The Gateway middleware error body, `{"error": "..."}` (Tyk's templates/error.json). */
export function gatewayError(status: number, message: string): Reply {
  return jsonReply(status, { error: message });
}

/** Go's `http.NotFound`, which both Tyk servers answer for unknown routes. */
export const NOT_FOUND: Reply = textReply(404, '404 page not found\n');
