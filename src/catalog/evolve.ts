import type { Draft } from 'immer';
import type { FulfillmentEvent } from '../domain/events';
import { defineVersion, type FulfillmentState } from '../domain/state';

/** Applies SKU definitions. Returns false for events it does not own. */
export function evolveCatalog(state: Draft<FulfillmentState>, event: FulfillmentEvent): boolean {
  if (event.type !== 'SkuDefined') return false;
  defineVersion(state.skus, event.payload.sku);
  return true;
}
