import type { Draft } from 'immer';
import type { FulfillmentEvent } from '../domain/events';
import { defineVersion, type FulfillmentState } from '../domain/state';

/** Applies node definitions. Returns false for events it does not own. */
export function evolveNetwork(state: Draft<FulfillmentState>, event: FulfillmentEvent): boolean {
  if (event.type !== 'NodeDefined') return false;
  defineVersion(state.nodes, event.payload.node);
  return true;
}
