import { defineConfig } from 'vitest/config';

/** Browser tests: `npm run test:e2e` (not part of `npm test`: they need Debian's Chromium). */
export default defineConfig({
  test: {
    root: import.meta.dirname,
    include: ['**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 180_000,
    fileParallelism: false,
  },
});
