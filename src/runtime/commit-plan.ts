import type { FulfillmentEvent } from '../domain/events';
import { type LotPosition, POSITION_COUNTERS, type Position } from '../domain/inventory';
import type { RingFence } from '../domain/network';
import { fencesOf } from '../inventory/fences';
import { type FulfillmentState, type NodeWorkload, own } from '../domain/state';
import type { Commit, DemandChange, EntityKind, EntityWrite, IdempotencyRecord, LotChange, PositionChange, WorkloadChange } from './ports';

/** The state collections (and `SliceKeys` fields) holding whole entities: the ones stored under a version. */
export type EntityCollection = keyof Omit<FulfillmentState, 'positions' | 'demand' | 'workload'>;

/**
 * Each entity kind with the state collection that holds it, which is also the `SliceKeys` field
 * naming its ids: stores map kinds to collections with it.
 *
 * @example
 * ```ts
 * for (const [kind, collection] of ENTITY_COLLECTIONS) for (const id of keys[collection] ?? []) wanted.push({ kind, id })
 * ```
 */
export const ENTITY_COLLECTIONS: readonly (readonly [EntityKind, EntityCollection])[] = [
  ['node', 'nodes'],
  ['sku', 'skus'],
  ['order', 'orders'],
  ['reservation', 'reservations'],
  ['inbound', 'inbound'],
  ['return', 'returns'],
  ['calendar', 'calendars'],
  ['departure', 'departures'],
];

/**
 * Turns a decision into what the store must apply: the entities that changed (guarded by the
 * version they were loaded at) and each position's net change as a guarded increment.
 * `fold` shares unchanged objects (StateWriter), so "changed" is a reference comparison.
 *
 * @example
 * ```ts
 * const commit = planCommit(slice, fold(slice, events), events)
 * ```
 */
export function planCommit(
  before: FulfillmentState,
  after: FulfillmentState,
  events: readonly FulfillmentEvent[],
  idempotency?: IdempotencyRecord,
): Commit {
  const entities: EntityWrite[] = [];
  for (const [kind, collection] of ENTITY_COLLECTIONS) {
    const was = before[collection] as Readonly<Record<string, { version: number }>>;
    const now = after[collection] as Readonly<Record<string, { version: number }>>;
    if (was === now) continue;
    for (const id of Object.keys(now)) {
      const old = Object.hasOwn(was, id) ? was[id] : undefined;
      const value = now[id]!;
      if (old !== value) entities.push({ kind, id, expectedVersion: old?.version ?? 0, value });
    }
  }
  const demand = demandChanges(before.demand, after.demand);
  const workload = workloadChanges(before.workload, after.workload, events);
  return {
    events,
    positions: positionChanges(before, after, adjusted(events)),
    entities,
    ...(demand.length > 0 ? { demand } : {}),
    ...(workload.length > 0 ? { workload } : {}),
    ...(idempotency ? { idempotency } : {}),
  };
}

function demandChanges(before: FulfillmentState['demand'], after: FulfillmentState['demand']): DemandChange[] {
  if (before === after) return [];
  const changes: DemandChange[] = [];
  for (const [sku, byNode] of Object.entries(after) as [DemandChange['sku'], Record<string, Record<string, number>>][]) {
    const wasSku = (Object.hasOwn(before, sku) ? before[sku] : undefined) as Record<string, Record<string, number>> | undefined;
    if (wasSku === byNode) continue;
    for (const [node, byDay] of Object.entries(byNode)) {
      const wasNode = wasSku && Object.hasOwn(wasSku, node) ? wasSku[node] : undefined;
      if (wasNode === byDay) continue;
      for (const [day, units] of Object.entries(byDay)) {
        const d = units - (wasNode && Object.hasOwn(wasNode, day) ? wasNode[day]! : 0);
        if (d !== 0) changes.push({ sku, node: node as DemandChange['node'], day, units: d });
      }
    }
  }
  return changes;
}

/**
 * Each node day's net workload change, with the tightest capacity a booking of the commit was
 * decided within (none when every booking there was made by hand).
 */
function workloadChanges(before: FulfillmentState['workload'], after: FulfillmentState['workload'], events: readonly FulfillmentEvent[]): WorkloadChange[] {
  if (before === after) return [];
  const limits = new Map<string, { orders?: number; units?: number }>();
  for (const e of events) {
    if (e.type !== 'CapacityBooked' || !e.payload.within) continue;
    const key = `${e.payload.node}\u0000${e.payload.day}`;
    const was = limits.get(key) ?? {};
    const tighter = (a: number | undefined, b: number | undefined) => (a === undefined ? b : b === undefined ? a : Math.min(a, b));
    const orders = tighter(was.orders, e.payload.within.orders);
    const units = tighter(was.units, e.payload.within.units);
    limits.set(key, { ...(orders === undefined ? {} : { orders }), ...(units === undefined ? {} : { units }) });
  }
  const changes: WorkloadChange[] = [];
  for (const [node, byDay] of Object.entries(after) as [WorkloadChange['node'], Record<string, NodeWorkload>][]) {
    const wasNode = (Object.hasOwn(before, node) ? before[node] : undefined) as Record<string, NodeWorkload> | undefined;
    if (wasNode === byDay) continue;
    for (const [day, now] of Object.entries(byDay)) {
      const was = wasNode && Object.hasOwn(wasNode, day) ? wasNode[day]! : { orders: 0, units: 0 };
      const orders = now.orders - was.orders;
      const units = now.units - was.units;
      if (orders === 0 && units === 0) continue;
      const limit = limits.get(`${node}\u0000${day}`);
      changes.push({ node, day, orders, units, ...(limit && Object.keys(limit).length > 0 ? { limit } : {}) });
    }
  }
  return changes;
}

/** Positions whose on hand an adjustment moved: a recorded loss is a fact, guarded only physically. */
function adjusted(events: readonly FulfillmentEvent[]): Set<string> {
  return new Set(events.flatMap((e) => (e.type === 'StockAdjusted' ? [`${e.payload.node}\u0000${e.payload.sku}`] : [])));
}

function positionChanges(before: FulfillmentState, after: FulfillmentState, physicalOnly: Set<string>): PositionChange[] {
  if (before.positions === after.positions) return [];
  const changes: PositionChange[] = [];
  for (const node of Object.keys(after.positions) as (keyof FulfillmentState['positions'])[]) {
    const wasNode = Object.hasOwn(before.positions, node) ? before.positions[node] : undefined;
    const nowNode = after.positions[node]!;
    if (wasNode === nowNode) continue;
    for (const sku of Object.keys(nowNode) as (keyof typeof nowNode)[]) {
      const was = wasNode && Object.hasOwn(wasNode, sku) ? wasNode[sku] : undefined;
      const now = nowNode[sku]!;
      if (was === now) continue;
      const change = positionChange(was, now, physicalOnly.has(`${now.node}\u0000${now.sku}`), fencesOf(own(after.nodes, now.node), now.sku));
      if (change) changes.push(change);
    }
  }
  return changes;
}

function positionChange(was: Position | undefined, now: Position, physicalOnly: boolean, fences: RingFence[]): PositionChange | undefined {
  const delta = counterDelta(POSITION_COUNTERS, was, now);
  const lots = lotChanges(was?.lots, now.lots);
  const channels = channelDeltas(was?.channels, now.channels);
  if (Object.keys(delta).length === 0 && !lots && !channels) return undefined;
  // Holds grow against on hand: the commit takes units from what can be promised.
  const requireAvailable = (delta.reserved ?? 0) + (delta.allocated ?? 0) - (delta.onHand ?? 0) > 0 && !physicalOnly;
  return {
    node: now.node,
    sku: now.sku,
    delta,
    ...(lots ? { lots } : {}),
    ...(channels ? { channels } : {}),
    requireAvailable,
    ...(requireAvailable && fences.length > 0 ? { fences } : {}),
  };
}

function counterDelta<K extends string>(counters: readonly K[], was: Partial<Record<K, number>> | undefined, now: Record<K, number>): Partial<Record<K, number>> {
  const delta: Partial<Record<K, number>> = {};
  for (const counter of counters) {
    const d = now[counter] - (was?.[counter] ?? 0);
    if (d !== 0) delta[counter] = d;
  }
  return delta;
}

function lotChanges(was: Position['lots'], now: Position['lots']): Record<string, LotChange> | undefined {
  if (was === now || !now) return undefined;
  const changes: Record<string, LotChange> = {};
  for (const [id, lot] of Object.entries(now) as [string, LotPosition][]) {
    const old = was && Object.hasOwn(was, id) ? (was as Record<string, LotPosition>)[id] : undefined;
    if (old === lot) continue;
    const metadataChanged = !old || old.expiresOn !== lot.expiresOn;
    changes[id] = {
      delta: counterDelta(['onHand', 'reserved'] as const, old, lot),
      ...(metadataChanged ? { receivedAt: lot.receivedAt } : {}),
      ...(metadataChanged && lot.expiresOn !== undefined ? { expiresOn: lot.expiresOn } : {}),
    };
  }
  return Object.keys(changes).length > 0 ? changes : undefined;
}

function channelDeltas(was: Position['channels'], now: Position['channels']): Record<string, number> | undefined {
  if (was === now || !now) return undefined;
  const deltas: Record<string, number> = {};
  for (const [channel, held] of Object.entries(now) as [string, number][]) {
    const d = held - ((was ? own(was as Record<string, number>, channel) : undefined) ?? 0);
    if (d !== 0) deltas[channel] = d;
  }
  return Object.keys(deltas).length > 0 ? deltas : undefined;
}
