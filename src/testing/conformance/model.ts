import type fc from 'fast-check';
import { expect } from 'vitest';
import type { ErrorCode } from '../../domain/errors';
import type { TenantId } from '../../domain/ids';
import type { OrderStatus } from '../../domain/order';
import type { Fulfillment } from '../../runtime/fulfillment';
import type { Store } from '../../runtime/ports';
import type { SimulatedClock } from '../../simulation/clock';
import { canonical, replayAndLoad } from './fixtures';

/** One position as the model sees it: counters, and the ledger that must explain on hand. */
export interface ModelPosition {
  onHand: number;
  reserved: number;
  safety: number;
  received: number;
  shipped: number;
  adjusted: number;
  transferredOut: number;
}

/** Units one reservation holds, as the model tracks them (with its id when the model read it back). */
export interface ModelHold {
  readonly node: string;
  readonly sku: string;
  readonly quantity: number;
  readonly id?: string;
}

/** An order as the model sees it. */
export interface ModelOrder {
  readonly id: string;
  status: OrderStatus;
  /** Units still open per line (neither shipped nor cancelled). */
  readonly lines: { readonly id: string; readonly sku: string; open: number }[];
  readonly holds: ModelHold[];
  expiresAt: number | undefined;
  /** For an order on a payment hold: the status it returns to when paid. */
  resumesTo?: 'reserved' | 'backordered';
  /** When release planning made it due (`PlanRelease`). */
  releaseAt?: number;
}

/** A standalone reservation (a cart's hold). */
export interface ModelReservation extends ModelHold {
  readonly id: string;
  active: boolean;
  expiresAt: number | undefined;
}

/** A purchase order, ASN or transfer line. */
export interface ModelInbound {
  readonly id: string;
  readonly node: string;
  readonly sku: string;
  readonly quantity: number;
  received: number;
  open: boolean;
}

/** The pure model the real runtime is run against. */
export interface Model {
  now: number;
  counter: number;
  readonly positions: Map<string, ModelPosition>;
  readonly orders: ModelOrder[];
  readonly reservations: ModelReservation[];
  readonly inbound: ModelInbound[];
  /** Successful keyed commands, to repeat them. */
  readonly keyed: { readonly call: (ff: Fulfillment) => Promise<unknown>; readonly result: unknown }[];
}

/** The system under test. */
export interface Real {
  readonly ff: Fulfillment;
  readonly store: Store;
  readonly tenant: TenantId;
  readonly clock: SimulatedClock;
  /** Runs the invariant checks after the command. */
  readonly check: (model: Model) => Promise<void>;
}

export function emptyModel(now: number): Model {
  return { now, counter: 0, positions: new Map(), orders: [], reservations: [], inbound: [], keyed: [] };
}

export function modelPosition(m: Model, node: string, sku: string): ModelPosition {
  const key = `${node}/${sku}`;
  const p = m.positions.get(key) ?? { onHand: 0, reserved: 0, safety: 0, received: 0, shipped: 0, adjusted: 0, transferredOut: 0 };
  m.positions.set(key, p);
  return p;
}

/** Units the model says can be promised: on hand − reserved − safety. */
export function modelFree(m: Model, node: string, sku: string): number {
  const p = modelPosition(m, node, sku);
  return p.onHand - p.reserved - p.safety;
}

/** Sums demand by SKU in first-seen order, as the core does. */
export function demandBySku(lines: readonly { readonly sku: string; readonly quantity: number }[]): Map<string, number> {
  const demand = new Map<string, number>();
  for (const l of lines) demand.set(l.sku, (demand.get(l.sku) ?? 0) + l.quantity);
  return demand;
}

/** Ends holds: released back to available, or consumed from on hand. */
export function endHolds(m: Model, holds: readonly ModelHold[], consumed: boolean): void {
  for (const h of holds) {
    const p = modelPosition(m, h.node, h.sku);
    p.reserved -= h.quantity;
    if (consumed) {
      p.onHand -= h.quantity;
      p.shipped += h.quantity;
    }
  }
}

/** Runs `call`; if `expected` is an error code, it must fail with it and change nothing (invariant 4). */
export async function outcome<T>(r: Real, expected: ErrorCode | undefined, call: () => Promise<T>): Promise<T | undefined> {
  if (expected === undefined) return call();
  const before = await r.store.readJournal(r.tenant, { after: 0, limit: 1_000_000 });
  const stateBefore = canonical((await replayAndLoad(r.store, r.tenant)).stored);
  await expect(call()).rejects.toMatchObject({ code: expected });
  const after = await r.store.readJournal(r.tenant, { after: 0, limit: 1_000_000 });
  expect(after.length, 'invariant 4: a refused command must not write to the journal').toBe(before.length);
  expect(canonical((await replayAndLoad(r.store, r.tenant)).stored), 'invariant 4: state unchanged').toBe(stateBefore);
  return undefined;
}

/** A command of the model-based run: applies to model and real, then the invariants are checked. */
export abstract class Step implements fc.AsyncCommand<Model, Real> {
  check(): boolean {
    return true;
  }
  async run(m: Model, r: Real): Promise<void> {
    await this.apply(m, r);
    await r.check(m);
  }
  abstract apply(m: Model, r: Real): Promise<void>;
  abstract toString(): string;
}

/** The i-th most recent item (modulo how many exist): recent ones are likelier to move on. */
export function recent<T>(items: readonly T[], index: number): T | undefined {
  return items[items.length - 1 - (index % Math.max(1, items.length))];
}
