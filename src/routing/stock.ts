import type { NodeId, SkuId } from '../domain/ids';
import { own } from '../domain/state';
import { invalid } from './validate';

/**
 * Units available to promise per node and SKU, for the order's channel (ATP net of ring-fences
 * other channels keep). A missing entry is 0. Keyed by branded ids (as the runtime builds it) or
 * by plain strings (as a literal is written).
 *
 * @example
 * ```ts
 * const stock: RoutingStock = { 'dc-1': { 'tee-m': 40 }, 'store-3': { 'tee-m': 2 } }
 * ```
 */
export type RoutingStock = Readonly<Record<NodeId, Readonly<Record<SkuId, number>>>> | Readonly<Record<string, Readonly<Record<string, number>>>>;

/** Reads the units of `sku` at the node with index `node` in the routed network. */
export type StockReader = (node: number, sku: SkuId) => number;

/**
 * Reads `stock` through own properties only, checking each value it reads (a whole number ≥ 0)
 * and nothing it does not: a channel's stock may list every SKU of the catalogue.
 */
export function stockReader(stock: RoutingStock, nodes: readonly { readonly id: NodeId }[], where: string): StockReader {
  if (typeof stock !== 'object' || stock === null) invalid(where, ['stock'], 'must be an object of nodes to SKUs to units');
  let lastIndex = -1;
  const byNode = stock as Readonly<Record<string, Readonly<Record<string, number>>>>;
  let lastBySku: Readonly<Record<string, number>> | undefined;
  return (index, sku) => {
    const id = nodes[index]!.id;
    if (index !== lastIndex) {
      lastIndex = index;
      lastBySku = own(byNode, id);
      if (lastBySku !== undefined && (typeof lastBySku !== 'object' || lastBySku === null)) invalid(where, ['stock', id], 'must be an object of SKUs to units');
    }
    const bySku = lastBySku;
    if (bySku === undefined) return 0;
    const units = own(bySku, sku);
    if (units === undefined) return 0;
    if (typeof units !== 'number' || !Number.isSafeInteger(units) || units < 0) invalid(where, ['stock', id, sku], 'must be a whole number of units ≥ 0');
    return units;
  };
}
