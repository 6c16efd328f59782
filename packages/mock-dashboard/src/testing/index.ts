// Test helpers of @repo/mock-dashboard (`@repo/mock-dashboard/testing`): sources only, not built.
export { type ClientIdentity, type GatewayResponse, gatewayGet, type TlsChoice } from './gateway-client.ts';
