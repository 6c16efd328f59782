import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    name: 'demo',
    environment: 'node',
    include: ['test/**/*.test.ts'],
    // Opening a database and starting the mock Dashboard take seconds on two cores.
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
