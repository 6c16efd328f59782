import { z } from 'zod';
import type { JsonObject } from './stored-api.ts';

/**
 * The typed fields of a SessionState. Go's `json.Unmarshal` fails on a wrong type, which the
 * Dashboard answers with 403 "Request body malformed."; this schema makes the same call.
 * Unknown fields pass through and are stored verbatim.
 */
const sessionInput = z.looseObject({
  org_id: z.string().optional(),
  alias: z.string().optional(),
  expires: z.number().optional(),
  is_inactive: z.boolean().optional(),
  rate: z.number().optional(),
  per: z.number().optional(),
  // int64 in Go: a fraction fails json.Unmarshal as any wrong type does.
  quota_max: z.number().int().optional(),
  quota_renewal_rate: z.number().int().optional(),
  access_rights: z.record(z.string(), z.looseObject({})).nullable().optional(),
  apply_policies: z.array(z.string()).nullable().optional(),
  meta_data: z.record(z.string(), z.unknown()).nullable().optional(),
  tags: z.array(z.string()).nullable().optional(),
  certificate: z.string().optional(),
  mtls_static_certificate_bindings: z.array(z.string()).nullable().optional(),
});

export type SessionInput = z.infer<typeof sessionInput>;

export function parseSession(body: JsonObject): SessionInput | undefined {
  const parsed = sessionInput.safeParse(body);
  return parsed.success ? parsed.data : undefined;
}

/**
 * A session as the Dashboard returns it: Go's zero values for every field the client left out,
 * the caller's org (keys are org-scoped), and no `mtls_static_certificate_bindings` when empty
 * (the field is `omitempty` in Tyk's `user/session.go` `SessionState`).
 */
export function normaliseSession(
  input: SessionInput,
  orgId: string,
  now: Date,
  previous?: JsonObject,
): JsonObject {
  const session: JsonObject = {
    last_check: 0,
    allowance: input.rate ?? 0,
    rate: 0,
    per: 0,
    throttle_interval: 0,
    throttle_retry_limit: 0,
    max_query_depth: 0,
    date_created: previous?.date_created ?? now.toISOString(),
    expires: 0,
    quota_max: 0,
    quota_renews: 0,
    quota_remaining: 0,
    quota_renewal_rate: 0,
    access_rights: {},
    oauth_client_id: '',
    oauth_keys: null,
    certificate: '',
    basic_auth_data: { password: '', hash_type: '' },
    jwt_data: { secret: '' },
    hmac_enabled: false,
    enable_http_signature_validation: false,
    hmac_string: '',
    rsa_certificate_id: '',
    is_inactive: false,
    apply_policy_id: '',
    apply_policies: [],
    data_expires: 0,
    monitor: { trigger_limits: null },
    enable_detailed_recording: false,
    meta_data: {},
    tags: [],
    alias: '',
    ...input,
    org_id: orgId,
    last_updated: String(Math.floor(now.getTime() / 1000)),
  };
  const bindings = session.mtls_static_certificate_bindings;
  if (!Array.isArray(bindings) || bindings.length === 0) delete session.mtls_static_certificate_bindings;
  return session;
}

/** Session fields the gateway reads, with Go's zero values. */
export function sessionBindings(session: JsonObject): string[] {
  const value = session.mtls_static_certificate_bindings;
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}
