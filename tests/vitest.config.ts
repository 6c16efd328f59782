import { defineConfig } from 'vitest/config';

// Three suites in this package. `repo/`: checks over the repository's own files. `core/`: core's Dashboard-facing services with the mock in-process,
// files in parallel. `e2e/`: the mock Dashboard and the server as separate processes (see
// e2e/setup), shared by every e2e file, so those run one file at a time whatever the core count:
// a sync fault or a Dashboard-side delete in one file must not land in another's story.
export default defineConfig({
  test: {
    environment: 'node',
    testTimeout: 60_000,
    hookTimeout: 120_000,
    projects: [
      {
        extends: true,
        test: { name: 'integration', include: ['core/**/*.test.ts'] },
      },
      {
        extends: true,
        test: { name: 'repo', include: ['repo/**/*.test.ts'] },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          include: ['e2e/**/*.spec.ts'],
          globalSetup: ['e2e/setup/global-setup.ts'],
          fileParallelism: false,
        },
      },
    ],
  },
});
