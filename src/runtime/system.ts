import type { IdSource } from '../domain/decider';
import type { Clock } from './ports';

/**
 * The machine's clock.
 *
 * @example
 * ```ts
 * createFulfillment({ store, clock: systemClock })
 * ```
 */
export const systemClock: Clock = { now: () => Date.now() };

/**
 * Random, globally unique ids: `kind_` and a UUID without dashes.
 *
 * @example
 * ```ts
 * randomIds.next('res') // 'res_3f2a…'
 * ```
 */
export const randomIds: IdSource = {
  next: (kind) => `${kind}_${globalThis.crypto.randomUUID().replaceAll('-', '')}`,
};
