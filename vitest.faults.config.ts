// `npm run test:faults`: slow fault tests with real child processes (see test/faults/).
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/faults/**/*.fault.test.ts'],
    globalSetup: ['test/support/global-setup.ts'],
    setupFiles: ['test/support/no-network.ts'],
    pool: 'forks',
    testTimeout: 150_000,
    hookTimeout: 60_000,
  },
});
