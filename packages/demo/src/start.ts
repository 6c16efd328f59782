// `pnpm start`: the portal, and — when no Dashboard is configured — the mock Dashboard with the
// demo seed standing in for one. The server itself knows nothing of the mock.
import { EnvError } from '@repo/server/env';
import { startPortal } from '@repo/server/portal';
import { startDemo } from './demo.ts';
import { demoBanner } from './demo-banner.ts';
import { type DemoEnv, readDemoEnv } from './env.ts';

let env: DemoEnv;
try {
  env = readDemoEnv();
} catch (error) {
  if (!(error instanceof EnvError)) throw error;
  console.error(error.message);
  process.exit(1);
}

await startPortal({
  standIn: {
    async start(core, { dataDir, logger }) {
      const demo = await startDemo(core, {
        dataDir,
        logger,
        port: env.DEMO_DASHBOARD_PORT,
        gatewayPort: env.DEMO_GATEWAY_PORT,
      });
      return { lines: demoBanner(demo), close: () => demo.mock.close() };
    },
  },
});
