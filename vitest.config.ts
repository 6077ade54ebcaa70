import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));

// Tests import the package by its public names, resolved to the sources.
export default defineConfig({
  resolve: {
    alias: [
      { find: /^fulfillkit\/testing$/, replacement: here('./src/testing/index.ts') },
      { find: /^fulfillkit\/adapters\/(memory|postgres|redis)$/, replacement: here('./adapters/$1/index.ts') },
      { find: /^fulfillkit$/, replacement: here('./src/index.ts') },
    ],
  },
  test: {
    include: ['test/**/*.test.ts'],
    reporters: ['default', './test/support/summary-reporter.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
