import { createRequire } from 'node:module';
import { defineProject } from 'vitest/config';

const require = createRequire(import.meta.url);

export default defineProject({
  resolve: {
    // graphql ships CJS (main) and ESM (module) builds. Node gives Pothos, Yoga and armor the CJS
    // one; Vite would give our sources the ESM one, and graphql refuses types from "another realm".
    alias: { graphql: require.resolve('graphql') },
  },
  test: {
    name: 'server',
    environment: 'node',
    include: ['test/**/*.test.ts'],
    // Opening a database and starting the mock Dashboard take seconds on two cores.
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
