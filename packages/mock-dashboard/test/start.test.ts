import { request } from 'node:https';
import { makeCertificate } from '@repo/core/testing';
import { describe, expect, it } from 'vitest';
import { startMockDashboard } from '../src/index.ts';

/** A GET that verifies the gateway's certificate against `ca`; resolves with the status. */
function verifiedGet(url: string, ca: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(url, { agent: false, ca, servername: 'localhost' }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', reject);
    req.end();
  });
}

describe('startMockDashboard', () => {
  it('generates a gateway certificate that clients can trust, and closes both listeners', async () => {
    const mock = await startMockDashboard();
    expect(mock.adminKey).toMatch(/^[0-9a-f]{32}$/);
    expect(await verifiedGet(`${mock.gatewayUrl}/nowhere`, mock.gatewayCertificate)).toBe(404);
    await mock.close();
    await expect(fetch(`${mock.dashboardUrl}/api/certs`)).rejects.toThrow();
  });

  it('serves a supplied certificate and key', async () => {
    const server = await makeCertificate({
      name: 'CN=localhost',
      eku: ['serverAuth'],
      san: { dns: ['localhost'], ip: ['127.0.0.1'] },
    });
    const mock = await startMockDashboard({ tls: { cert: server.pem, key: server.keyPem } });
    try {
      expect(mock.gatewayCertificate).toBe(server.pem);
      expect(await verifiedGet(`${mock.gatewayUrl}/nowhere`, server.pem)).toBe(404);
    } finally {
      await mock.close();
    }
  });

  it('refuses an invalid seed before listening', async () => {
    await expect(startMockDashboard({ seed: { orgs: [{ id: '' }] } })).rejects.toThrow();
  });
});
