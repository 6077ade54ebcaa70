import type { NodeId, SkuId } from '../../domain/ids';

/**
 * Which stock an item stands for: a SKU across the network (no `node`), or a SKU at one node.
 * Classification ranks the items as given, so pass one item per SKU for network-wide classes,
 * or one per SKU and node for classes per position.
 *
 * @example
 * ```ts
 * const key: ItemKey = { sku: 'tee-blue-m' as SkuId, node: 'dc-east' as NodeId }
 * ```
 */
export interface ItemKey {
  readonly sku: SkuId;
  readonly node?: NodeId | undefined;
}

/**
 * Orders keys by SKU, then by node (the network-wide item first), comparing UTF-16 code units so
 * the order never depends on the host's locale. The tie-breaker of every ranking here.
 *
 * @example
 * ```ts
 * compareItemKeys({ sku: 'a' as SkuId }, { sku: 'a' as SkuId, node: 'n1' as NodeId }) // -1
 * ```
 */
export function compareItemKeys(a: ItemKey, b: ItemKey): number {
  if (a.sku !== b.sku) return a.sku < b.sku ? -1 : 1;
  if (a.node === b.node) return 0;
  if (a.node === undefined) return -1;
  if (b.node === undefined) return 1;
  return a.node < b.node ? -1 : 1;
}

/**
 * The key alone, without the other fields of an item; `node` is left out when absent.
 *
 * @example
 * ```ts
 * keyOf({ sku: 'a' as SkuId, onHand: 3 }) // { sku: 'a' }
 * ```
 */
export function keyOf(item: ItemKey): ItemKey {
  return item.node === undefined ? { sku: item.sku } : { sku: item.sku, node: item.node };
}

/**
 * A key as text for messages: `sku` or `sku@node`.
 *
 * @example
 * ```ts
 * keyLabel({ sku: 'a' as SkuId, node: 'n1' as NodeId }) // 'a@n1'
 * ```
 */
export function keyLabel(key: ItemKey): string {
  return key.node === undefined ? key.sku : `${key.sku}@${key.node}`;
}
