import type { StateWriter } from '../decider/state-writer';
import type { FulfillmentEvent } from '../domain/events';
import { nextVersion } from '../domain/state';

/** Applies SKU definitions. Returns false for events it does not own. */
export function evolveCatalog(w: StateWriter, event: FulfillmentEvent): boolean {
  if (event.type !== 'SkuDefined') return false;
  w.put('skus', event.payload.sku.id, nextVersion(w.state.skus, event.payload.sku));
  return true;
}
