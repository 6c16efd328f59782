/** The Gateway's texts (tyk-domain.md §5; Tyk `gateway/handler_error.go`, `mw_auth_key.go`, `mw_jwt.go`). */
export const MSG = {
  tlsNotEnabled: 'TLS not enabled',
  authFieldMissing: 'Authorization field missing',
  accessDisallowed: 'Access to this API has been disallowed',
  certificateExpired: 'Certificate has expired',
  keyInactive: 'Key is inactive, please renew',
  keyExpired: 'Key has expired, please renew',
  keyNotAuthorized: 'Key not authorized',
  unexpectedSigningMethod: 'Key not authorized: Unexpected signing method',
} as const;
