import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['**/*.test.ts'],
    exclude: ['node_modules/**', 'data/**'],
    testTimeout: 60_000,
    hookTimeout: 180_000,
    // Native addons (hnswlib, better-sqlite3, onnxruntime) are happiest in forked processes.
    pool: 'forks',
    reporters: ['default', './test/support/summary-reporter.ts'],
  },
});
