import { defineConfig } from 'vitest/config'

// One run for every package; e2e has its own config (it needs a built PWA and Chromium).
export default defineConfig({
  resolve: { conditions: ['source'] },
  test: {
    projects: [
      {
        resolve: { conditions: ['source'] },
        test: {
          name: 'domain',
          root: 'packages/domain',
          include: ['src/**/*.test.ts', 'cli/**/*.test.ts'],
          environment: 'node',
          // Property tests run hundreds of cases; on a loaded 2-core machine 5 s is not enough.
          testTimeout: 30_000,
          // One printed seed for every property test of a run (FUZZ_SEED overrides it).
          globalSetup: ['src/testing/print-fuzz-seed.ts'],
          setupFiles: ['src/testing/fuzz-setup.ts'],
        },
      },
      {
        resolve: { conditions: ['source'] },
        test: {
          name: 'sync-server',
          root: 'packages/sync-server',
          include: ['src/**/*.test.ts', 'soak/**/*.test.ts'],
          environment: 'node',
          testTimeout: 60_000,
          hookTimeout: 120_000,
          // The domain's fixed, printed property-test seed (FUZZ_SEED overrides it), here too.
          globalSetup: ['../domain/src/testing/print-fuzz-seed.ts'],
          setupFiles: ['../domain/src/testing/fuzz-setup.ts'],
        },
      },
      {
        resolve: { conditions: ['source'] },
        test: {
          name: 'pwa',
          root: 'packages/pwa',
          include: ['src/**/*.test.ts', 'src/**/*.test.tsx'],
          environment: 'node',
          testTimeout: 30_000,
        },
      },
    ],
  },
})
