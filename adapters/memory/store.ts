import { freeze } from 'immer';
import {
  ConcurrencyError,
  type EntityKind,
  type FulfillmentState,
  type IdempotencyRecord,
  type JournalEntry,
  type LotId,
  type NodeId,
  type OrderId,
  type SliceKeys,
  type LotPosition,
  type Position,
  type PositionChange,
  type ReservationId,
  type Store,
  type TenantId,
  POSITION_COUNTERS,
  emptyPosition,
  orderOfEvent,
  own,
  positionGuardFailure,
  workloadGuardFailure,
} from '../../src/index';
import { LiveDepartures, ReleaseQueue } from './indexes';

type Entity = { readonly version: number };

/** One tenant's data. Positions are keyed by node and SKU with a separator ids cannot contain. */
class TenantData {
  readonly entities: Record<EntityKind, Map<string, Entity>> = {
    node: new Map(),
    sku: new Map(),
    order: new Map(),
    reservation: new Map(),
    inbound: new Map(),
    return: new Map(),
    calendar: new Map(),
    departure: new Map(),
  };
  readonly positions = new Map<string, Position>();
  readonly nodesBySku = new Map<string, Set<string>>();
  /** The demand ledger: units per day, by SKU then node. */
  readonly demand = new Map<string, Map<string, Map<string, number>>>();
  /** Orders and units booked per node and local day. */
  readonly workload = new Map<string, { orders: number; units: number }>();
  /** Open inbound ids by SKU, for time-phased availability. */
  readonly openInboundBySku = new Map<string, Set<string>>();
  /** Live departure ids by node (`departuresOfNodes`). */
  readonly liveDepartures = new LiveDepartures();
  /** Orders waiting for release, by release instant (`findDueReleases`). */
  readonly releases = new ReleaseQueue();
  readonly journal: JournalEntry[] = [];
  /** Order ids by status, in the order they entered it; placedAt breaks ties on read. */
  readonly byStatus = new Map<string, Set<string>>();
  /** Journal entries by the order they are about. */
  readonly byOrder = new Map<string, JournalEntry[]>();
  readonly idempotency = new Map<string, IdempotencyRecord>();
  /** Active reservations that carry an expiry: the only ones `findDueReservations` scans. */
  readonly expiring = new Map<string, number>();
}

const positionKey = (node: string, sku: string) => `${node}\u0000${sku}`;

/**
 * One frozen empty record for every empty part of a slice: most commands load a few entities, and
 * a fold copies only the parts it writes, so the rest need neither allocating nor freezing.
 */
const EMPTY: Readonly<Record<string, never>> = Object.freeze({});
const orEmpty = <T extends object>(record: T): T => (Object.keys(record).length === 0 ? (EMPTY as T) : record);

/**
 * The embedded store: every tenant's state in this process's memory. Each commit checks every guard
 * and version, then applies everything, with no `await` in between, so it is atomic.
 *
 * @example
 * ```ts
 * const ff = createFulfillment({ store: memoryStore() })
 * ```
 */
export function memoryStore(): Store {
  const tenants = new Map<TenantId, TenantData>();
  const data = (tenant: TenantId) => {
    let d = tenants.get(tenant);
    if (!d) {
      d = new TenantData();
      tenants.set(tenant, d);
    }
    return d;
  };

  return {
    async load(tenant, keys) {
      const d = data(tenant);
      const pick = <T>(kind: EntityKind, ids: readonly string[] | undefined) => {
        const out: Record<string, T> = {};
        for (const id of ids ?? []) {
          const v = d.entities[kind].get(id);
          if (v) out[id] = v as T;
        }
        return orEmpty(out);
      };
      const positions: Record<string, Record<string, Position>> = {};
      const addPosition = (node: string, sku: string) => {
        const p = d.positions.get(positionKey(node, sku));
        if (!p) return;
        if (!Object.hasOwn(positions, node)) positions[node] = {};
        // Stored positions are frozen and replaced whole on change: safe to hand out as they are.
        positions[node]![sku] = p;
      };
      for (const { node, sku } of keys.positions ?? []) addPosition(node, sku);
      for (const sku of keys.positionsOfSkus ?? []) for (const node of d.nodesBySku.get(sku) ?? []) addPosition(node, sku);
      const inboundIds = [...(keys.inbound ?? []), ...(keys.openInboundOfSkus ?? []).flatMap((sku) => [...(d.openInboundBySku.get(sku) ?? [])])];
      const departureIds = [...(keys.departures ?? []), ...(keys.departuresOfNodes ?? []).flatMap((node) => [...d.liveDepartures.of(node)])];
      return {
        nodes: pick('node', keys.nodes),
        skus: pick('sku', keys.skus),
        orders: pick('order', keys.orders),
        reservations: pick('reservation', keys.reservations),
        inbound: pick('inbound', inboundIds),
        returns: pick('return', keys.returns),
        calendars: pick('calendar', keys.calendars),
        departures: pick('departure', departureIds),
        positions: orEmpty(positions),
        demand: keys.demand ? orEmpty(demandSlice(d, keys.demand)) : EMPTY,
        workload: orEmpty(workloadSlice(d, keys.workload ?? [])),
      } as FulfillmentState;
    },

    async commit(tenant, commit) {
      const d = data(tenant);
      // Check everything first …
      if (commit.idempotency && d.idempotency.has(commit.idempotency.key)) {
        throw new ConcurrencyError('idempotency key taken by a concurrent command', { reason: 'idempotency', key: commit.idempotency.key });
      }
      for (const w of commit.entities) {
        const current = d.entities[w.kind].get(w.id)?.version ?? 0;
        if (current !== w.expectedVersion) {
          throw new ConcurrencyError(`${w.kind} ${w.id} changed concurrently`, { reason: 'version', kind: w.kind, id: w.id, expected: w.expectedVersion, actual: current });
        }
      }
      const updated = commit.positions.map((change) => {
        const key = positionKey(change.node, change.sku);
        const next = applyChange(d.positions.get(key) ?? emptyPosition(change.node, change.sku), change);
        const takers = Object.entries(change.channels ?? {}).flatMap(([channel, units]) => (units > 0 ? [channel] : []));
        const failure = positionGuardFailure(next, change.requireAvailable, { rules: change.fences ?? [], takers });
        if (failure) throw new ConcurrencyError(`guard failed on ${change.sku} at ${change.node}: ${failure}`, { reason: 'guard', node: change.node, sku: change.sku });
        return [key, next] as const;
      });
      const workload = (commit.workload ?? []).map((change) => {
        const key = positionKey(change.node, change.day);
        const was = d.workload.get(key) ?? { orders: 0, units: 0 };
        const next = { orders: was.orders + change.orders, units: was.units + change.units };
        const failure = workloadGuardFailure(next, change);
        if (failure) throw new ConcurrencyError(`capacity guard failed at ${change.node} on ${change.day}: ${failure}`, { reason: 'guard', node: change.node, day: change.day });
        return [key, next] as const;
      });
      // … then apply everything.
      for (const [key, next] of workload) d.workload.set(key, next);
      for (const [key, next] of updated) {
        if (!d.positions.has(key)) {
          const nodes = d.nodesBySku.get(next.sku) ?? new Set<string>();
          d.nodesBySku.set(next.sku, nodes.add(next.node));
        }
        d.positions.set(key, freeze(next, true));
      }
      const previous = new Map(
        commit.entities.filter((w) => w.kind === 'order').map((w) => [w.id, (d.entities.order.get(w.id) as { status?: string } | undefined)?.status]),
      );
      for (const w of commit.entities) {
        d.entities[w.kind].set(w.id, freeze(w.value, true));
        if (w.kind === 'reservation') trackExpiry(d, w.value as unknown as { id: string; status: string; expiresAt?: string });
        if (w.kind === 'inbound') trackOpenInbound(d, w.value as unknown as { id: string; sku: string; status: string });
        if (w.kind === 'departure') d.liveDepartures.track(w.value as unknown as Parameters<LiveDepartures['track']>[0]);
        if (w.kind === 'order') {
          const order = w.value as unknown as Parameters<ReleaseQueue['track']>[0];
          trackStatus(d, w.id, w.expectedVersion === 0 ? undefined : previous.get(w.id), order.status);
          d.releases.track(order);
        }
      }
      for (const { sku, node, day, units } of commit.demand ?? []) {
        const bySku = d.demand.get(sku) ?? new Map<string, Map<string, number>>();
        const byNode = bySku.get(node) ?? new Map<string, number>();
        byNode.set(day, (byNode.get(day) ?? 0) + units);
        bySku.set(node, byNode);
        d.demand.set(sku, bySku);
      }
      if (commit.idempotency) d.idempotency.set(commit.idempotency.key, freeze(commit.idempotency, true));
      const base = d.journal.length;
      const entries = commit.events.map((event, i) => freeze({ seq: base + i + 1, event: freeze(event, true) }, true));
      d.journal.push(...entries);
      for (const entry of entries) {
        const order = orderOfEvent(entry.event);
        if (order !== undefined) d.byOrder.set(order, [...(d.byOrder.get(order) ?? []), entry]);
      }
      return entries;
    },

    async readJournal(tenant, options = {}) {
      const after = options.after ?? 0;
      const limit = options.limit ?? Number.POSITIVE_INFINITY;
      // seq n sits at index n − 1.
      return data(tenant).journal.slice(after, after + limit);
    },

    async readOrderJournal(tenant, order) {
      return data(tenant).byOrder.get(order) ?? [];
    },

    async findIdempotency(tenant, key) {
      return data(tenant).idempotency.get(key);
    },

    async findOrdersByStatus(tenant, status, limit) {
      const d = data(tenant);
      const placed = (id: string) => (d.entities.order.get(id) as { placedAt?: string } | undefined)?.placedAt ?? '';
      return [...(d.byStatus.get(status) ?? [])]
        .sort((a, b) => (placed(a) < placed(b) ? -1 : placed(a) > placed(b) ? 1 : a < b ? -1 : 1))
        .slice(0, limit) as OrderId[];
    },

    async findDueReservations(tenant, dueBy, limit) {
      const by = Date.parse(dueBy);
      const due: ReservationId[] = [];
      for (const [id, at] of data(tenant).expiring) {
        if (at <= by) due.push(id as ReservationId);
        if (due.length >= limit) break;
      }
      return due;
    },

    async findDueReleases(tenant, dueBy, limit) {
      const by = Date.parse(dueBy);
      if (Number.isNaN(by) || limit <= 0) return [];
      return data(tenant).releases.due(by, limit) as OrderId[];
    },
  };
}

function demandSlice(d: TenantData, keys: NonNullable<SliceKeys['demand']>): FulfillmentState['demand'] {
  const out: Record<string, Record<string, Record<string, number>>> = {};
  for (const sku of keys.skus) {
    for (const [node, byDay] of d.demand.get(sku) ?? []) {
      if (keys.nodes && !keys.nodes.includes(node as NodeId)) continue;
      for (const [day, units] of byDay) {
        if (day < keys.from || day > keys.to) continue;
        // Own properties only: a SKU or node called `constructor` must not find Object's.
        if (!Object.hasOwn(out, sku)) out[sku] = {};
        if (!Object.hasOwn(out[sku]!, node)) out[sku]![node] = {};
        out[sku]![node]![day] = units;
      }
    }
  }
  return out as FulfillmentState['demand'];
}

function workloadSlice(d: TenantData, keys: NonNullable<SliceKeys['workload']>): FulfillmentState['workload'] {
  const out: Record<string, Record<string, { orders: number; units: number }>> = {};
  for (const { node, day } of keys) {
    const booked = d.workload.get(positionKey(node, day));
    if (!booked) continue;
    if (!Object.hasOwn(out, node)) out[node] = {};
    out[node]![day] = { ...booked };
  }
  return out as FulfillmentState['workload'];
}

/** The position after a guarded increment: counters, lots (created with their metadata) and channel holds. */
function applyChange(current: Position, change: PositionChange): Position {
  const next: Position = { ...current };
  for (const c of POSITION_COUNTERS) next[c] += change.delta[c] ?? 0;
  const lots: Record<string, LotPosition> = { ...next.lots };
  const channels: Record<string, number> = { ...next.channels };
  for (const [lot, lotChange] of Object.entries(change.lots ?? {})) {
    const was = own(lots, lot) ?? { lot: lot as LotId, onHand: 0, reserved: 0, receivedAt: lotChange.receivedAt ?? '' };
    lots[lot] = {
      ...was,
      onHand: was.onHand + (lotChange.delta.onHand ?? 0),
      reserved: was.reserved + (lotChange.delta.reserved ?? 0),
      // `receivedAt` stays the lot's first receipt (FIFO order): a command whose slice did not
      // hold the position plans the lot as new, with its own time.
      ...(lotChange.expiresOn === undefined ? {} : { expiresOn: lotChange.expiresOn }),
    };
  }
  for (const [channel, units] of Object.entries(change.channels ?? {})) channels[channel] = (own(channels, channel) ?? 0) + units;
  if (change.lots) next.lots = lots as Position['lots'];
  if (change.channels) next.channels = channels as Position['channels'];
  return next;
}

function trackStatus(d: TenantData, id: string, was: string | undefined, now: string): void {
  if (was !== undefined && was !== now) d.byStatus.get(was)?.delete(id);
  const set = d.byStatus.get(now) ?? new Set<string>();
  d.byStatus.set(now, set.add(id));
}

function trackOpenInbound(d: TenantData, i: { id: string; sku: string; status: string }): void {
  const open = d.openInboundBySku.get(i.sku) ?? new Set<string>();
  if (i.status === 'open') open.add(i.id);
  else open.delete(i.id);
  d.openInboundBySku.set(i.sku, open);
}

function trackExpiry(d: TenantData, r: { id: string; status: string; expiresAt?: string }): void {
  if (r.status === 'active' && r.expiresAt !== undefined) d.expiring.set(r.id, Date.parse(r.expiresAt));
  else d.expiring.delete(r.id);
}
