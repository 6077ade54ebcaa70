import type { IdSource } from '../domain/decider';

/**
 * A seeded random source (mulberry32): numbers in [0, 1), the same sequence for the same seed.
 *
 * @example
 * ```ts
 * const random = seededRandom(42)
 * random() // 0.6011…, every time
 * ```
 */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Deterministic ids: `kind_` + a counter + a seeded suffix. Two sources with the same seed give the
 * same ids, so two runs of the same commands give the same journal, byte for byte.
 *
 * @example
 * ```ts
 * const ids = seededIds(7)
 * ids.next('res') // 'res_1_…'
 * ```
 */
export function seededIds(seed: number): IdSource {
  const random = seededRandom(seed);
  let counter = 0;
  return {
    next(kind) {
      counter += 1;
      const suffix = Math.floor(random() * 36 ** 6).toString(36).padStart(6, '0');
      return `${kind}_${counter.toString(36)}_${suffix}`;
    },
  };
}

/**
 * Ids counted per kind: `res-1`, `res-2`, `evt-1` … Predictable, so a spec can name the ids a
 * decision will use. Unique only within one source.
 *
 * @example
 * ```ts
 * const ids = sequentialIds()
 * ids.next('res') // 'res-1'
 * ```
 */
export function sequentialIds(): IdSource {
  const counts = new Map<string, number>();
  return {
    next(kind) {
      const i = (counts.get(kind) ?? 0) + 1;
      counts.set(kind, i);
      return `${kind}-${i}`;
    },
  };
}
