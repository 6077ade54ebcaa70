import type { Draft } from 'immer';
import type { FulfillmentEvent } from '../domain/events';
import type { FulfillmentState } from '../domain/state';

/** Applies node definitions. Returns false for events it does not own. */
export function evolveNetwork(state: Draft<FulfillmentState>, event: FulfillmentEvent): boolean {
  if (event.type !== 'NodeDefined') return false;
  const node = event.payload.node;
  const version = Object.hasOwn(state.nodes, node.id) ? state.nodes[node.id]!.version + 1 : 1;
  state.nodes[node.id] = { ...node, version };
  return true;
}
