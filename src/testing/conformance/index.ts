import { describe } from 'vitest';
import type fc from 'fast-check';
import { capacityTests } from './capacity';
import { contractTests } from './contract';
import { propertyTests } from './properties';
import { raceTests } from './races';
import { schedulingRuntimeTests } from './scheduling-runtime';
import { schedulingStoreTests } from './scheduling-store';
import type { StoreFactory, SuiteContext } from './suite';

/** How hard the conformance suite pushes. */
export interface ConformanceOptions {
  /** Sequences (or schedules) per property; default 200 under `CI`, else 50. */
  readonly numRuns?: number;
  /** Longest command sequence of a model-based run; default 30. */
  readonly maxCommands?: number;
  /** Passed to every `fc.assert`, e.g. `{ seed, path }` to replay a failure. */
  readonly fcParameters?: fc.Parameters<unknown>;
}

/**
 * Runs fulfillkit's conformance suite against a store: the port's contract (the scheduling
 * indexes, live departures by node and orders due for release, included), the scheduling loop
 * through the runtime, tenant isolation,
 * model-based runs of random command sequences checking DESIGN.md §5's invariants after every
 * step, determinism, and races found by `fc.scheduler`. An adapter passes all of it or is wrong.
 *
 * @example
 * ```ts
 * // test/my-store.int.test.ts
 * import { conformanceSuite } from 'fulfillkit/testing'
 * conformanceSuite('my store', () => myStore(pool))
 * ```
 */
export function conformanceSuite(name: string, factory: StoreFactory, options: ConformanceOptions = {}): void {
  const ci = typeof process !== 'undefined' && Boolean(process.env.CI);
  const ctx: SuiteContext = {
    factory,
    numRuns: options.numRuns ?? (ci ? 200 : 50),
    maxCommands: options.maxCommands ?? 30,
    fcParameters: options.fcParameters ?? {},
  };
  describe(`${name} conformance`, () => {
    contractTests(ctx);
    schedulingStoreTests(ctx);
    schedulingRuntimeTests(ctx);
    propertyTests(ctx);
    raceTests(ctx);
    capacityTests(ctx);
  });
}

export type { StoreFactory };
