import type { FulfillmentEvent, JournalEntry } from '../domain/events';
import type { CalendarId, ChannelId, DepartureId, InboundId, LotId, NodeId, OrderId, ReservationId, ReturnId, SkuId, TenantId } from '../domain/ids';
import type { PositionCounter } from '../domain/inventory';
import type { OrderStatus } from '../domain/order';
import type { RingFence } from '../domain/network';
import type { FulfillmentState } from '../domain/state';
import type { WorkloadChange } from '../network/workload';

export type { WorkloadChange } from '../network/workload';

/**
 * What a command asks the store to load. Missing entities are simply absent from the slice.
 * `positionsOfSkus` loads every node's position of those SKUs (network-wide availability).
 */
export interface SliceKeys {
  readonly nodes?: readonly NodeId[];
  readonly skus?: readonly SkuId[];
  readonly positions?: readonly { readonly node: NodeId; readonly sku: SkuId }[];
  readonly positionsOfSkus?: readonly SkuId[];
  readonly reservations?: readonly ReservationId[];
  readonly orders?: readonly OrderId[];
  readonly inbound?: readonly InboundId[];
  readonly returns?: readonly ReturnId[];
  /** Every open inbound of these SKUs, at any node (time-phased availability). */
  readonly openInboundOfSkus?: readonly SkuId[];
  /** The demand ledger of these SKUs (at these nodes, or all) for days `from`..`to` inclusive. */
  readonly demand?: { readonly skus: readonly SkuId[]; readonly nodes?: readonly NodeId[]; readonly from: string; readonly to: string };
  /** The workload booked at these nodes on these local days (`yyyy-mm-dd`). */
  readonly workload?: readonly { readonly node: NodeId; readonly day: string }[];
  readonly calendars?: readonly CalendarId[];
  readonly departures?: readonly DepartureId[];
  /**
   * Every live departure of these nodes: recurring pick-ups (active or suspended) and one-off
   * departures not cancelled and not departed (`isLiveDeparture`).
   */
  readonly departuresOfNodes?: readonly NodeId[];
}

/** Units to add to the demand ledger of one SKU at one node on one UTC day. */
export interface DemandChange {
  readonly sku: SkuId;
  readonly node: NodeId;
  readonly day: string;
  readonly units: number;
}

/** A guarded increment of one lot's counters; the lot's metadata is set when given (on its first receipt). */
export interface LotChange {
  readonly delta: Readonly<Partial<Record<'onHand' | 'reserved', number>>>;
  /** Used only when the lot is created; an existing lot keeps its first receipt's instant (FIFO order). */
  readonly receivedAt?: string;
  readonly expiresOn?: string;
}

/**
 * A guarded increment of one position's counters, its lots' and its per-channel holds. The store
 * applies it only if, afterwards, the rule of `positionGuardFailure` holds: every counter ≥ 0,
 * reserved + allocated ≤ on hand, each lot's reserved ≤ its on hand, and, when `requireAvailable`
 * is set (the commit takes units from what can be promised), reserved + allocated + safety ≤ on
 * hand. Otherwise the whole commit fails with a `ConcurrencyError` whose details say `reason: 'guard'`.
 */
export interface PositionChange {
  readonly node: NodeId;
  readonly sku: SkuId;
  readonly delta: Readonly<Partial<Record<PositionCounter, number>>>;
  readonly lots?: Readonly<Record<LotId, LotChange>>;
  readonly channels?: Readonly<Record<ChannelId, number>>;
  readonly requireAvailable: boolean;
  /**
   * The node's ring-fences for this SKU, when the change takes units and the node has any: the
   * store checks them against its stored counters (`fenceFailure`); the channels whose holds grow
   * are the takers.
   */
  readonly fences?: readonly RingFence[];
}

/** The entity kinds written whole, each guarded by its version. */
export type EntityKind = 'node' | 'sku' | 'order' | 'reservation' | 'inbound' | 'return' | 'calendar' | 'departure';

/**
 * A whole entity written under optimistic concurrency: the stored version must equal
 * `expectedVersion` (0: the entity must not exist yet).
 */
export interface EntityWrite {
  readonly kind: EntityKind;
  readonly id: string;
  readonly expectedVersion: number;
  readonly value: { readonly version: number };
}

/** A command's result, kept with its key so that a repeat returns it. */
export interface IdempotencyRecord {
  readonly key: string;
  /** Hash of the command's name and normalised input. */
  readonly fingerprint: string;
  /** JSON-safe result of the first execution. */
  readonly result: unknown;
}

/** Everything one command changes, applied all at once or not at all. */
export interface Commit {
  readonly events: readonly FulfillmentEvent[];
  readonly positions: readonly PositionChange[];
  readonly entities: readonly EntityWrite[];
  /** Increments of the demand ledger (no guard). */
  readonly demand?: readonly DemandChange[];
  /**
   * Guarded increments of nodes' daily workload: the store applies them only if, afterwards, no
   * counter is below zero and a counter that grows is within the change's `limit`
   * (`workloadGuardFailure`); otherwise the commit fails with `reason: 'guard'`.
   */
  readonly workload?: readonly WorkloadChange[];
  /** Stored with the commit; if the key exists already the commit fails (`reason: 'idempotency'`). */
  readonly idempotency?: IdempotencyRecord;
}

/**
 * Storage for one or many tenants. Adapters implement it and nothing else; `fulfillkit/testing`
 * holds the conformance suite every implementation must pass.
 *
 * Every method is scoped by tenant: no call for one tenant reads or writes another's data.
 */
export interface Store {
  /** Loads the entities named by `keys`, as a state-shaped slice. */
  load(tenant: TenantId, keys: SliceKeys): Promise<FulfillmentState>;
  /**
   * Applies the commit atomically: every guard and version is checked, then every change applied and
   * every event appended to the journal, or nothing. Throws `ConcurrencyError` with
   * `details.reason` of `'version' | 'guard' | 'idempotency'` when a check fails.
   */
  commit(tenant: TenantId, commit: Commit): Promise<readonly JournalEntry[]>;
  /** Journal entries with `seq > after`, in order, at most `limit`. */
  readJournal(tenant: TenantId, options?: { readonly after?: number; readonly limit?: number }): Promise<readonly JournalEntry[]>;
  /**
   * Every journal entry about one order, in order: the events whose payload names it (`order`, or
   * the placed order's id). Stores keep an index; `explainOrder` reads the routing traces from it.
   */
  readOrderJournal(tenant: TenantId, order: OrderId): Promise<readonly JournalEntry[]>;
  /** The record stored under an idempotency key, if any. */
  findIdempotency(tenant: TenantId, key: string): Promise<IdempotencyRecord | undefined>;
  /** Orders in a status (oldest placed first), at most `limit`: backlogs, release queues. */
  findOrdersByStatus(tenant: TenantId, status: OrderStatus, limit: number): Promise<readonly OrderId[]>;
  /** Active reservations whose expiry is at or before `dueBy` (ISO instant), at most `limit`. */
  findDueReservations(tenant: TenantId, dueBy: string, limit: number): Promise<readonly ReservationId[]>;
  /**
   * Orders due for release: status `reserved` with a `schedule` whose `releaseAt` is at or before
   * `dueBy` (ISO instant), earliest `releaseAt` first (then id), at most `limit` (`releaseDueAt`).
   */
  findDueReleases(tenant: TenantId, dueBy: string, limit: number): Promise<readonly OrderId[]>;
  /** Releases connections and timers the store owns (not the host's pool or client). */
  close?(): Promise<void>;
}

/**
 * Carries committed events to other processes. Delivery is at least once: handlers must be
 * idempotent (each event has a unique id).
 */
export interface Transport {
  publish(tenant: TenantId, entries: readonly JournalEntry[]): Promise<void>;
  /** Calls `handler` for every entry published for `tenant`; returns a function that stops it. */
  subscribe(tenant: TenantId, handler: (entry: JournalEntry) => void | Promise<void>): Promise<() => Promise<void>>;
  close?(): Promise<void>;
}

/** Where the runtime reads the time. Pass `SimulatedClock` from `fulfillkit/testing` to drive it. */
export interface Clock {
  /** Milliseconds since the epoch. */
  now(): number;
}
