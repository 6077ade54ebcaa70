import type { Clock } from '../runtime/ports';

/**
 * A clock that moves only when told: for tests and simulations that run days in milliseconds.
 *
 * @example
 * ```ts
 * const clock = new SimulatedClock('2026-03-27T09:00:00Z')
 * clock.advance(15 * 60_000)
 * ```
 */
export class SimulatedClock implements Clock {
  #now: number;

  constructor(start: number | string | Date = 0) {
    this.#now = toMillis(start);
  }

  now(): number {
    return this.#now;
  }

  /** Moves the clock forward by `ms` (never backward). */
  advance(ms: number): void {
    if (!(ms >= 0)) throw new RangeError(`SimulatedClock.advance: ${ms} is not a non-negative duration`);
    this.#now += ms;
  }

  /** Sets the clock to an instant, which may not be earlier than now. */
  set(at: number | string | Date): void {
    const next = toMillis(at);
    if (next < this.#now) throw new RangeError('SimulatedClock.set: time does not run backward');
    this.#now = next;
  }
}

function toMillis(at: number | string | Date): number {
  const ms = typeof at === 'number' ? at : typeof at === 'string' ? Date.parse(at) : at.getTime();
  if (!Number.isFinite(ms)) throw new RangeError(`SimulatedClock: ${String(at)} is not an instant`);
  return ms;
}
