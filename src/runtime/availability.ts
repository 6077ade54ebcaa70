import type { NodeId, SkuId, TenantId } from '../domain/ids';
import { type FulfillmentState, own } from '../domain/state';
import { availableToPromise } from '../inventory/availability';
import type { Store } from './ports';

/** Stock of one SKU at one node, with what can still be promised. */
export interface NodeAvailability {
  readonly node: NodeId;
  readonly onHand: number;
  readonly reserved: number;
  readonly allocated: number;
  readonly safety: number;
  /** on hand − reserved − allocated − safety, never below zero. */
  readonly available: number;
}

/** Stock of one SKU across the nodes asked about, node by node and in total. */
export interface Availability extends Omit<NodeAvailability, 'node'> {
  readonly sku: SkuId;
  readonly nodes: readonly NodeAvailability[];
}

/**
 * Availability of `sku` at one node or across the network, for a channel when given: nodes that
 * are inactive or do not serve the channel count for nothing.
 */
export async function readAvailability(
  store: Store,
  tenant: TenantId,
  sku: SkuId,
  filter: { readonly node?: NodeId | undefined; readonly channel?: string | undefined },
): Promise<Availability> {
  const slice = await store.load(
    tenant,
    filter.node === undefined ? { positionsOfSkus: [sku] } : { positions: [{ node: filter.node, sku }] },
  );
  const nodeIds = Object.keys(slice.positions).sort() as NodeId[];
  const nodes = nodeIds.length === 0 ? slice : await store.load(tenant, { nodes: nodeIds });
  const rows = nodeIds.flatMap((id) => {
    const p = own(own(slice.positions, id) ?? {}, sku);
    if (!p || !serves(nodes, id, filter.channel)) return [];
    const row: NodeAvailability = {
      node: id,
      onHand: p.onHand,
      reserved: p.reserved,
      allocated: p.allocated,
      safety: p.safety,
      available: availableToPromise(p),
    };
    return [row];
  });
  const sum = (k: keyof Omit<NodeAvailability, 'node'>) => rows.reduce((s, r) => s + r[k], 0);
  return {
    sku,
    onHand: sum('onHand'),
    reserved: sum('reserved'),
    allocated: sum('allocated'),
    safety: sum('safety'),
    available: sum('available'),
    nodes: rows,
  };
}

function serves(state: FulfillmentState, id: NodeId, channel: string | undefined): boolean {
  const node = own(state.nodes, id);
  if (!node?.active) return false;
  return channel === undefined || node.channels === undefined || node.channels.some((c) => c === channel);
}
