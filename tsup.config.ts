import { defineConfig } from 'tsup';

// One bundle per subpath export. Splitting keeps the shared core (errors, schemas) in one chunk,
// so an error thrown by an adapter is the same class the host imported from `fulfillkit`.
export default defineConfig({
  entry: {
    index: 'src/index.ts',
    'testing/index': 'src/testing/index.ts',
    'adapters/memory/index': 'adapters/memory/index.ts',
    'adapters/postgres/index': 'adapters/postgres/index.ts',
    'adapters/redis/index': 'adapters/redis/index.ts',
  },
  format: ['esm', 'cjs'],
  dts: true,
  splitting: true,
  sourcemap: true,
  clean: true,
  target: 'node20',
  external: ['vitest', 'fast-check', 'pg', 'ioredis', 'redis'],
});
