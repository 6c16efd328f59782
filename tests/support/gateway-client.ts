import { request } from 'node:https';
import type { MockDashboard } from '@repo/mock-dashboard';

export interface GatewayAnswer {
  readonly status: number;
  readonly body: Record<string, unknown>;
}

/** One real mutual-TLS request to the mock gateway (a fresh connection, so no session is reused). */
export function callGateway(
  mock: MockDashboard,
  path: string,
  options: { cert?: { pem: string; keyPem: string }; token?: string } = {},
): Promise<GatewayAnswer> {
  const url = new URL(path, mock.gatewayUrl);
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      {
        method: 'GET',
        ca: mock.gatewayCertificate,
        agent: false,
        ...(options.cert ? { cert: options.cert.pem, key: options.cert.keyPem } : {}),
        headers: options.token ? { authorization: options.token } : {},
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk) => {
          text += chunk;
        });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text ? JSON.parse(text) : {} }));
      },
    );
    req.on('error', reject);
    req.end();
  });
}
