import type { CalendarId, DepartureId, NodeId, OrderId, SkuId, TenantId } from '../domain/ids';
import type { Node } from '../domain/network';
import type { Order, OrderStatus } from '../domain/order';
import type { Calendar, Departure } from '../domain/schedule';
import { emptyPosition, own } from '../domain/state';
import { localDate } from '../domain/time';
import { positionAtp } from '../inventory/availability';
import { departureIdsOf } from '../scheduling/occurrences';
import type { PromiseStockInput } from '../scheduling/promise-input';
import type { ReleaseOrderInput } from '../scheduling/release-order';
import type { Store } from './ports';

/** Ids per load: keeps one request (and one PostgreSQL parameter array) a sensible size. */
const CHUNK = 2_000;

/** Nodes, the calendars they and their departures name, and their live departures. */
export interface SchedulingWorld {
  readonly nodes: readonly Node[];
  readonly calendars: readonly Calendar[];
  readonly departures: readonly Departure[];
}

/** Loads what planning and promising need about `nodeIds`. */
export async function loadWorld(store: Store, tenant: TenantId, nodeIds: readonly NodeId[]): Promise<SchedulingWorld> {
  if (nodeIds.length === 0) return { nodes: [], calendars: [], departures: [] };
  const slice = await store.load(tenant, { nodes: nodeIds, departuresOfNodes: nodeIds });
  const nodes = Object.values(slice.nodes).map(unversioned).sort((a, b) => (a.id < b.id ? -1 : 1));
  const departures = (Object.values(slice.departures).map(unversioned) as Departure[]).sort((a, b) => (a.id < b.id ? -1 : 1));
  const calendarIds = [...new Set([...nodes.flatMap((n) => (n.calendar ? [n.calendar] : [])), ...departures.flatMap((d) => (d.calendar ? [d.calendar] : []))])] as CalendarId[];
  const calendars = calendarIds.length === 0 ? [] : Object.values((await store.load(tenant, { calendars: calendarIds })).calendars).map(unversioned);
  return { nodes, calendars, departures };
}

/** A stored definition as its schema has it: the pure engines take definitions, not versions. */
function unversioned<T extends { readonly version: number }>(stored: T): Omit<T, 'version'> {
  const { version: _, ...definition } = stored;
  return definition;
}

/** The orders in a status (oldest first), at most `limit`, loaded in chunks. */
export async function loadOrdersInStatus(store: Store, tenant: TenantId, statuses: readonly OrderStatus[], limit: number): Promise<Order[]> {
  const out: Order[] = [];
  for (const status of statuses) {
    const ids = await store.findOrdersByStatus(tenant, status, limit);
    for (let i = 0; i < ids.length; i += CHUNK) {
      const chunk = ids.slice(i, i + CHUNK);
      const orders = (await store.load(tenant, { orders: chunk })).orders;
      for (const id of chunk) {
        const o = own(orders, id);
        if (o) out.push(o);
      }
    }
  }
  return out;
}

/** The departures orders' schedules name, cancelled and departed ones too (the risk monitor needs them). */
export async function loadScheduledDepartures(store: Store, tenant: TenantId, orders: readonly Order[]): Promise<Departure[]> {
  const ids = new Set<string>();
  for (const o of orders) {
    if (o.schedule) for (const id of departureIdsOf(o.schedule.departure)) ids.add(id);
  }
  if (ids.size === 0) return [];
  return Object.values((await store.load(tenant, { departures: [...ids] as DepartureId[] })).departures);
}

/** An order as release planning sees it: its node, priority, service, size still open, destination, schedule. */
export function releaseOrderOf(order: Order): ReleaseOrderInput & { readonly id: OrderId } {
  const open = order.lines.map((l) => {
    const p = order.progress.find((x) => x.line === l.id);
    return l.quantity - (p?.shipped ?? 0) - (p?.cancelled ?? 0);
  });
  const units = open.reduce((s, u) => s + u, 0);
  return {
    id: order.id,
    node: order.node!,
    priority: order.priority,
    serviceLevel: order.serviceLevel,
    lines: Math.max(1, open.filter((u) => u > 0).length),
    units: Math.max(1, units),
    ...(order.shipTo ? { destination: { country: order.shipTo.country, ...(order.shipTo.postalCode === undefined ? {} : { postalCode: order.shipTo.postalCode }) } } : {}),
    ...(order.schedule ? { schedule: order.schedule } : {}),
  };
}

/**
 * What each node can promise of each SKU for a channel (ring-fences kept; expired lots out), now
 * and by open inbound's expected arrival: the promise engine's availability input.
 */
export async function loadPromiseStock(
  store: Store,
  tenant: TenantId,
  skus: readonly SkuId[],
  channel: string | undefined,
  now: number,
): Promise<{ readonly nodeIds: NodeId[]; readonly stock: PromiseStockInput[] }> {
  const slice = await store.load(tenant, { positionsOfSkus: skus, openInboundOfSkus: skus });
  const inbound = Object.values(slice.inbound).filter((i) => i.status === 'open');
  const nodeIds = [...new Set([...Object.keys(slice.positions), ...inbound.map((i) => i.node)])].sort() as NodeId[];
  const nodes = nodeIds.length === 0 ? {} : (await store.load(tenant, { nodes: nodeIds })).nodes;
  const stock: PromiseStockInput[] = [];
  for (const id of nodeIds) {
    const node = own(nodes, id);
    if (!node) continue;
    for (const sku of skus) {
      const position = own(own(slice.positions, id) ?? {}, sku) ?? emptyPosition(id, sku);
      const atp = positionAtp(position, node, { channel: channel as Parameters<typeof positionAtp>[2]['channel'], keepFences: true, today: localDate(now, node.timeZone) });
      const arriving = inbound
        .filter((i) => i.node === id && i.sku === sku && i.quantity > i.received)
        .map((i) => ({ at: i.expectedAt, quantity: i.quantity - i.received }));
      stock.push({ node: id, sku, available: atp.available, inbound: arriving });
    }
  }
  return { nodeIds, stock };
}
