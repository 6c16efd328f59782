import { request } from 'node:https';
import type { MockDashboard } from '@repo/mock-dashboard';

/** What the mock gateway answered a real TLS request. */
export interface GatewayAnswer {
  readonly status: number;
  readonly body: Record<string, unknown>;
}

/**
 * A real HTTPS request to the mock gateway: `cert` (a PEM chain, leaf first, which Node sends
 * whole) with its private key, the gateway pinned as the only trusted server certificate, and a
 * fresh connection each time so no TLS session of another client certificate is resumed.
 */
export function gatewayRequest(
  mock: MockDashboard,
  path: string,
  client: { cert: string; key: string; token?: string },
): Promise<GatewayAnswer> {
  return new Promise((resolve, reject) => {
    const req = request(
      new URL(path, mock.gatewayUrl),
      {
        method: 'GET',
        cert: client.cert,
        key: client.key,
        ca: mock.gatewayCertificate,
        agent: false,
        headers: client.token === undefined ? {} : { authorization: client.token },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          try {
            resolve({ status: res.statusCode ?? 0, body: JSON.parse(text) as Record<string, unknown> });
          } catch {
            reject(new Error(`Gateway answered ${res.statusCode} with non-JSON: ${text}`));
          }
        });
      },
    );
    req.on('error', reject);
    req.end();
  });
}
