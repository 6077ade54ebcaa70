import { sameDefinition } from '../domain/fingerprint';
import type { EventDraft } from '../domain/events';
import type { Node } from '../domain/network';
import { type FulfillmentState, own } from '../domain/state';

/**
 * Defines a node, or redefines it (a new version of the same id). Defining it again unchanged
 * emits nothing.
 *
 * @example
 * ```ts
 * defineNodeEvents(node, state) // [{ type: 'NodeDefined', payload: { node } }]
 * ```
 */
export function defineNodeEvents(node: Node, state: FulfillmentState): EventDraft[] {
  const existing = own(state.nodes, node.id);
  if (existing && sameDefinition(existing, node)) return [];
  return [{ type: 'NodeDefined', payload: { node } }];
}
