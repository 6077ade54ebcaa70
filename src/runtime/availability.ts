import type { InboundId, NodeId, SkuId, TenantId } from '../domain/ids';
import type { Inbound } from '../domain/inventory';
import { emptyPosition, type FulfillmentState, own } from '../domain/state';
import { localDate } from '../domain/time';
import { type AtpTerm, positionAtp } from '../inventory/availability';
import type { Store } from './ports';

/** Stock of one SKU at one node, with what can still be promised and why. */
export interface NodeAvailability {
  readonly node: NodeId;
  readonly onHand: number;
  readonly reserved: number;
  readonly allocated: number;
  readonly safety: number;
  /** Open inbound counted (time-phased queries only). */
  readonly inbound: number;
  /** Units that can be promised, never below zero. */
  readonly available: number;
  /** The terms `available` is made of. */
  readonly terms: readonly AtpTerm[];
}

/** Stock of one SKU across the nodes asked about, node by node and in total. */
export interface Availability extends Omit<NodeAvailability, 'node' | 'terms'> {
  readonly sku: SkuId;
  /** The instant inbound was counted up to, for a time-phased query. */
  readonly on?: string;
  readonly nodes: readonly NodeAvailability[];
}

/** What an availability query asks. */
export interface AvailabilityFilter {
  readonly node?: NodeId | undefined;
  readonly channel?: string | undefined;
  /** Time-phased: count open inbound expected by this instant (ms). */
  readonly on?: number | undefined;
}

/**
 * Availability of `sku` at one node or across the network, now or (time-phased) on a date, for a
 * channel when given: inactive nodes and nodes that do not serve the channel count for nothing, and
 * other channels' ring-fences are kept out. Each node's figure lists its terms.
 */
export async function readAvailability(store: Store, tenant: TenantId, sku: SkuId, filter: AvailabilityFilter, now: number): Promise<Availability> {
  const slice = await store.load(tenant, {
    ...(filter.node === undefined ? { positionsOfSkus: [sku] } : { positions: [{ node: filter.node, sku }] }),
    ...(filter.on === undefined ? {} : { openInboundOfSkus: [sku] }),
  });
  const inboundByNode = groupInbound(slice.inbound, filter.node);
  const nodeIds = [...new Set([...Object.keys(slice.positions), ...inboundByNode.keys()])].sort() as NodeId[];
  const nodes = nodeIds.length === 0 ? slice : await store.load(tenant, { nodes: nodeIds });
  const rows = nodeIds.flatMap((id) => {
    const node = own(nodes.nodes, id);
    if (!serves(nodes, id, filter.channel)) return [];
    const p = own(own(slice.positions, id) ?? {}, sku) ?? emptyPosition(id, sku);
    const inbound = inboundByNode.get(id) ?? [];
    const atp = positionAtp(p, node, {
      channel: filter.channel as Parameters<typeof positionAtp>[2]['channel'],
      today: localDate(now, node?.timeZone ?? 'UTC'),
      by: filter.on,
      inbound,
    });
    const row: NodeAvailability = {
      node: id,
      onHand: p.onHand,
      reserved: p.reserved,
      allocated: p.allocated,
      safety: p.safety,
      inbound: filter.on === undefined ? 0 : atp.terms.filter((t) => t.units > 0 && t.term !== 'on hand').reduce((s, t) => s + t.units, 0),
      available: atp.available,
      terms: atp.terms,
    };
    return [row];
  });
  const sum = (k: 'onHand' | 'reserved' | 'allocated' | 'safety' | 'inbound' | 'available') => rows.reduce((s, r) => s + r[k], 0);
  return {
    sku,
    onHand: sum('onHand'),
    reserved: sum('reserved'),
    allocated: sum('allocated'),
    safety: sum('safety'),
    inbound: sum('inbound'),
    available: sum('available'),
    ...(filter.on === undefined ? {} : { on: new Date(filter.on).toISOString() }),
    nodes: rows,
  };
}

function groupInbound(inbound: Readonly<Record<InboundId, Inbound>>, only: NodeId | undefined): Map<NodeId, Inbound[]> {
  const byNode = new Map<NodeId, Inbound[]>();
  for (const i of Object.values(inbound)) {
    if (only !== undefined && i.node !== only) continue;
    byNode.set(i.node, [...(byNode.get(i.node) ?? []), i]);
  }
  return byNode;
}

function serves(state: FulfillmentState, id: NodeId, channel: string | undefined): boolean {
  const node = own(state.nodes, id);
  if (!node?.active) return false;
  return channel === undefined || node.channels === undefined || node.channels.some((c) => c === channel);
}
