import { defineConfig } from 'vitest/config'

// Browser tests: real Chromium (Debian's) driven by playwright-core against the real server.
export default defineConfig({
  resolve: { conditions: ['source'] },
  test: {
    name: 'e2e',
    root: new URL('.', import.meta.url).pathname,
    include: ['tests/**/*.e2e.test.ts'],
    environment: 'node',
    testTimeout: 120_000,
    hookTimeout: 180_000,
    fileParallelism: false,
    // A loaded CI machine can starve Chromium; one retry keeps a slow run from failing the build.
    // Retries are printed in the log, and a test that needs one is a bug to look at, not to hide.
    retry: 1,
  },
})
