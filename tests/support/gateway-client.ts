import type { MockDashboard } from '@repo/mock-dashboard';
import { gatewayGet } from '@repo/mock-dashboard/testing';

export interface GatewayAnswer {
  readonly status: number;
  readonly body: Record<string, unknown>;
}

/** A client certificate as the tests make them: the PEM (leaf first, then any chain) and its key. */
export interface ClientCertificate {
  readonly pem: string;
  readonly keyPem: string;
}

/**
 * One real mutual-TLS request to a mock gateway, on its own connection (the mock's shared client,
 * `@repo/mock-dashboard/testing`), with the token in `Authorization`.
 */
export async function callGateway(
  gateway: MockDashboard | string,
  path: string,
  options: { cert?: ClientCertificate; token?: string } = {},
): Promise<GatewayAnswer> {
  const base = typeof gateway === 'string' ? gateway : gateway.gatewayUrl;
  const { status, body } = await gatewayGet(new URL(path, base).href, {
    ...(options.cert ? { identity: { cert: options.cert.pem, key: options.cert.keyPem } } : {}),
    headers: options.token === undefined ? {} : { authorization: options.token },
  });
  return { status, body };
}
