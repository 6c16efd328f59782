import { createRequire } from 'node:module';
import { defineProject } from 'vitest/config';

const require = createRequire(import.meta.url);

export default defineProject({
  resolve: {
    // As in packages/server: the in-process server (Pothos, Yoga) gets graphql's CJS build from
    // Node, so the tests' own imports must get the same copy ("another realm" otherwise).
    alias: { graphql: require.resolve('graphql') },
  },
  test: {
    name: 'tui',
    environment: 'node',
    include: ['src/**/*.test.ts', 'src/**/*.test.tsx', 'test/**/*.test.ts', 'test/**/*.test.tsx'],
    // One module graph per worker, not per file: the live-server suites import core, the server
    // and the mock Dashboard, and re-importing them for each file cost 22 of the suite's 80 s.
    // Safe here: no test mocks modules or stubs globals, and each suite starts its own server.
    isolate: false,
    // Live-server suites open PGlite and start the mock Dashboard: seconds on two cores.
    testTimeout: 90_000,
    hookTimeout: 60_000,
  },
});
