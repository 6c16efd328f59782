import { defineProject } from 'vitest/config';

// Two suites in this package. `core/`: core's Dashboard-facing services with the mock in-process.
// `e2e/`: the mock Dashboard and the server as separate processes (see e2e/setup), one file at a time.
export default defineProject({
  test: {
    name: 'integration',
    environment: 'node',
    include: ['core/**/*.test.ts', 'e2e/**/*.spec.ts'],
    globalSetup: ['e2e/setup/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
