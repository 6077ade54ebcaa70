import type { Sku } from './catalog';
import type { CalendarId, DepartureId, InboundId, NodeId, OrderId, ReservationId, ReturnId, SkuId } from './ids';
import type { Return } from './returns';
import type { Inbound, Position, Reservation } from './inventory';
import type { Node } from './network';
import type { Calendar, Departure } from './schedule';
import type { Order } from './order';

/** A definition (node, SKU) with the version that guards its updates. */
export type Versioned<T> = T & { readonly version: number };

/**
 * The state of one tenant, or a slice of it: the same shape holds the whole state (in a replay or
 * the memory adapter) and the few entities one command loaded. Positions nest by node, then SKU,
 * so an update copies one node's record, not every position.
 *
 * Records are read through `own()`: ids such as `constructor` must not resolve to inherited members.
 */
export interface FulfillmentState {
  readonly nodes: Readonly<Record<NodeId, Versioned<Node>>>;
  readonly skus: Readonly<Record<SkuId, Versioned<Sku>>>;
  readonly positions: Readonly<Record<NodeId, Readonly<Record<SkuId, Position>>>>;
  readonly reservations: Readonly<Record<ReservationId, Reservation>>;
  readonly orders: Readonly<Record<OrderId, Order>>;
  readonly inbound: Readonly<Record<InboundId, Inbound>>;
  /** Return authorisations (RMAs). */
  readonly returns: Readonly<Record<ReturnId, Return>>;
  /**
   * Units consumed (shipped or sold) per SKU, node and UTC day (`yyyy-mm-dd`): the demand history
   * forecasting, replenishment and classification read. Counters, like positions.
   */
  readonly demand: Readonly<Record<SkuId, Readonly<Record<NodeId, Readonly<Record<string, number>>>>>>;
  /**
   * Work booked per node and local day (`yyyy-mm-dd` in the node's zone): what routing checks
   * against the node's daily capacity. Counters, like positions.
   */
  readonly workload: Readonly<Record<NodeId, Readonly<Record<string, NodeWorkload>>>>;
  /** Working calendars of nodes and carriers. */
  readonly calendars: Readonly<Record<CalendarId, Versioned<Calendar>>>;
  /** Departures: one-off sailings, flights and trucks, and recurring pick-ups. */
  readonly departures: Readonly<Record<DepartureId, Versioned<Departure>>>;
}

/** Orders and units booked at a node on one day. */
export interface NodeWorkload {
  readonly orders: number;
  readonly units: number;
}

/**
 * The empty state: the start of every replay.
 *
 * @example
 * ```ts
 * const state = fold(initialState(), journal.map((e) => e.event))
 * ```
 */
export function initialState(): FulfillmentState {
  return { nodes: {}, skus: {}, positions: {}, reservations: {}, orders: {}, inbound: {}, returns: {}, demand: {}, workload: {}, calendars: {}, departures: {} };
}

/**
 * Reads a record's own property only.
 *
 * @example
 * ```ts
 * const order = own(state.orders, id)
 * ```
 */
export function own<K extends string, V>(record: Readonly<Record<K, V>>, key: K): V | undefined {
  return Object.hasOwn(record, key) ? record[key] : undefined;
}

/**
 * The stock position of `sku` at `node`, or undefined when none was ever recorded.
 *
 * @example
 * ```ts
 * const p = positionOf(state, 'berlin', 'tee-m')
 * ```
 */
export function positionOf(state: FulfillmentState, node: NodeId, sku: SkuId): Position | undefined {
  const byNode = own(state.positions, node);
  return byNode ? own(byNode, sku) : undefined;
}

/** A position with nothing in it. */
export function emptyPosition(node: NodeId, sku: SkuId): Position {
  return { node, sku, onHand: 0, reserved: 0, allocated: 0, safety: 0 };
}

/**
 * A definition (node, SKU, calendar, departure) as the next version of its id in `record`:
 * version 1 when new. What every `…Defined` event stores.
 *
 * @example
 * ```ts
 * w.put('nodes', node.id, nextVersion(w.state.nodes, node)) // the stored version + 1
 * ```
 */
export function nextVersion<T extends { readonly id: string }>(record: Readonly<Record<string, { readonly version: number }>>, definition: T): Versioned<T> {
  const was = Object.hasOwn(record, definition.id) ? record[definition.id] : undefined;
  return { ...definition, version: (was?.version ?? 0) + 1 };
}
