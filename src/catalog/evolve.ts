import type { Draft } from 'immer';
import type { FulfillmentEvent } from '../domain/events';
import type { FulfillmentState } from '../domain/state';

/** Applies SKU definitions. Returns false for events it does not own. */
export function evolveCatalog(state: Draft<FulfillmentState>, event: FulfillmentEvent): boolean {
  if (event.type !== 'SkuDefined') return false;
  const sku = event.payload.sku;
  const version = Object.hasOwn(state.skus, sku.id) ? state.skus[sku.id]!.version + 1 : 1;
  state.skus[sku.id] = { ...sku, version };
  return true;
}
