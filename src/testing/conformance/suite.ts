import type fc from 'fast-check';
import type { Store } from '../../runtime/ports';

/** Makes a store for one test. It may share a pool or server with others: tests use their own tenants. */
export type StoreFactory = () => Store | Promise<Store>;

/** What the parts of the suite share. */
export interface SuiteContext {
  readonly factory: StoreFactory;
  readonly numRuns: number;
  readonly maxCommands: number;
  readonly fcParameters: fc.Parameters<unknown>;
}
