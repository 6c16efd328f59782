// The Gateway's texts are core's (`@repo/core/gateway-rules`), so the mock and the explainer answer alike.
export { GATEWAY_MESSAGES as MSG } from '@repo/core/gateway-rules';
