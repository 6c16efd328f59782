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
    // Live-server suites open PGlite and start the mock Dashboard: seconds on two cores.
    testTimeout: 90_000,
    hookTimeout: 60_000,
  },
});
