import type { Demo } from './demo.ts';

/** The demo's lines under "mTLS Portal is running": where the mock is, and how to drive it. */
export function demoBanner(demo: Demo): string[] {
  const { mock } = demo;
  return [
    `  Dashboard    ${mock.dashboardUrl}   (mock, demo seed)`,
    `  Gateway      ${mock.gatewayUrl}`,
    `  Mock control ${mock.dashboardUrl}/_mock/   (header X-Mock-Admin-Key: ${mock.adminKey}; faults, state)`,
    ...demo.consumers.map((c) => `  Consumer     ${c.token ?? '(token not kept)'}   (${c.name})`),
  ];
}
