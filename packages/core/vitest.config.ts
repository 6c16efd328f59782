import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    name: 'core',
    environment: 'node',
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    // Opening PGlite and running the migrations takes seconds on two cores.
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
