import type { StateWriter } from '../decider/state-writer';
import type { FulfillmentEvent } from '../domain/events';
import { nextVersion } from '../domain/state';

/** Applies node definitions. Returns false for events it does not own. */
export function evolveNetwork(w: StateWriter, event: FulfillmentEvent): boolean {
  if (event.type !== 'NodeDefined') return false;
  w.put('nodes', event.payload.node.id, nextVersion(w.state.nodes, event.payload.node));
  return true;
}
