import { evolveCatalog } from '../catalog/evolve';
import type { FulfillmentEvent } from '../domain/events';
import type { FulfillmentState } from '../domain/state';
import { evolveInventory } from '../inventory/evolve';
import { evolveNetwork } from '../network/evolve';
import { evolveCapacity } from '../orders/capacity';
import { evolveOrders } from '../orders/evolve';
import { evolveScheduling } from '../scheduling/evolve';
import { StateWriter } from './state-writer';

const EVOLVERS = [evolveInventory, evolveOrders, evolveCapacity, evolveNetwork, evolveCatalog, evolveScheduling] as const;

/**
 * Applies one event to the state and returns the new state; the old one is untouched.
 *
 * @example
 * ```ts
 * const next = evolve(state, event)
 * ```
 */
export function evolve(state: FulfillmentState, event: FulfillmentEvent): FulfillmentState {
  return fold(state, [event]);
}

/**
 * Applies events in order, in one copy-on-write pass (`StateWriter`): what an event does not touch
 * stays the same object, and the result is deeply frozen. Replaying a journal from `initialState()` rebuilds
 * the stored state exactly.
 *
 * @example
 * ```ts
 * const state = fold(initialState(), entries.map((e) => e.event))
 * ```
 */
export function fold(state: FulfillmentState, events: readonly FulfillmentEvent[]): FulfillmentState {
  if (events.length === 0) return state;
  const w = new StateWriter(state);
  for (const event of events) {
    if (!EVOLVERS.some((apply) => apply(w, event))) {
      throw new TypeError(`no evolver for event type ${(event as { type: string }).type}`);
    }
  }
  return w.result();
}
