import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['server/**/*.test.ts', 'client/src/**/*.test.ts', 'bench/**/*.test.ts'],
    globalSetup: ['server/test/global-setup.ts'],
    // Each file gets its own database cloned from one prepared template (see global-setup.ts).
    pool: 'forks',
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
