// Public entry `@repo/core/gateway-rules`: the Gateway's pure request-time rules beyond the allow
// list (which is in `@repo/core/x509`), shared by the explainer and the mock gateway so both
// decide alike. No I/O.
export { type JwtConfig, type JwtVerdict, verifyJwt } from './jwt-check.ts';
export {
  accessRightsRule,
  bindingRule,
  GATEWAY_MESSAGES,
  grantedApis,
  keyActiveRule,
  keyExpiryRule,
  keyFoundRule,
  quotaRule,
  type RuleOutcome,
  rateLimitRule,
  type SessionFacts,
  stripBearer,
  tokenPresentRule,
} from './session-rules.ts';
