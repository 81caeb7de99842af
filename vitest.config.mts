import { defineConfig } from 'vitest/config';

// One run of `npm test` runs every project; `npm run test:<project>` runs one alone.
// A JSON report is always written so CI can print its one-line summary from it.
// Two test files at a time: most of a file's time is waiting on DynamoDB Local or a browser, so two
// files on two cores finish sooner than one (measured on this 2-core machine: 891 s one at a time
// while idle, 774 s two at a time while other work ran). Integration files share one DynamoDB Local, isolated by table prefix;
// the browser files still run one after another (fileParallelism: false in the e2e project).
export default defineConfig({
  test: {
    maxWorkers: 2,
    setupFiles: ['local/quiet-warnings.ts'],
    reporters: ['default', 'json'],
    outputFile: { json: 'test-results/vitest.json' },
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['test/unit/**/*.test.ts'],
          environment: 'node',
        },
      },
      {
        extends: true,
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts'],
          globalSetup: ['test/support/global-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'infra',
          include: ['test/infra/**/*.test.ts'],
          testTimeout: 120_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          globalSetup: ['test/support/global-setup.ts'],
          testTimeout: 120_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
