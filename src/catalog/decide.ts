import type { Sku } from '../domain/catalog';
import type { EventDraft } from '../domain/events';
import { type FulfillmentState, own } from '../domain/state';
import { sameDefinition } from '../domain/fingerprint';

/**
 * Defines a SKU, or redefines it (a new version of the same id). Defining it again unchanged
 * emits nothing.
 *
 * @example
 * ```ts
 * defineSkuEvents(sku, state) // [{ type: 'SkuDefined', payload: { sku } }]
 * ```
 */
export function defineSkuEvents(sku: Sku, state: FulfillmentState): EventDraft[] {
  const existing = own(state.skus, sku.id);
  if (existing && sameDefinition(existing, sku)) return [];
  return [{ type: 'SkuDefined', payload: { sku } }];
}
