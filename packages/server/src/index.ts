// `node dist/index.js` (or `pnpm --filter @repo/server start`): the portal without the demo. Point
// it at a Dashboard with DASHBOARD_*, or add providers through the API.
import { startPortal } from './portal.ts';

await startPortal();
