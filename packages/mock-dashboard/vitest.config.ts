import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    name: 'mock-dashboard',
    environment: 'node',
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    // Each file starts real listeners and makes RSA/EC keys; generous but far below a minute.
    testTimeout: 20_000,
    hookTimeout: 30_000,
  },
});
