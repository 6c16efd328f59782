import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    name: 'integration',
    environment: 'node',
    include: ['core/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
