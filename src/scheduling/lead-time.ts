import type { ProcessingProfile } from '../domain/schedule';

/** How big an order is, for its processing lead time and the throughput it uses. */
export interface OrderSize {
  readonly lines: number;
  readonly units: number;
}

/**
 * Working minutes from release to ready at the dock: pick + pack (or the first size band the order
 * fits) + stage + per-line and per-unit minutes. No profile: 0 (ready when released).
 *
 * @example
 * ```ts
 * leadTimeMinutes({ pickMinutes: 30, packMinutes: 15, stageMinutes: 15, perLineMinutes: 0, perUnitMinutes: 1 }, { lines: 2, units: 3 }) // 63
 * ```
 */
export function leadTimeMinutes(profile: ProcessingProfile | undefined, size: OrderSize): number {
  if (!profile) return 0;
  const band = profile.bySize?.find((b) => size.units <= b.upToUnits);
  const pickPack = band ? band.minutes : profile.pickMinutes + profile.packMinutes;
  return pickPack + profile.stageMinutes + profile.perLineMinutes * size.lines + profile.perUnitMinutes * size.units;
}
