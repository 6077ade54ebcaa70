import fc from 'fast-check';
import { expect } from 'vitest';
import type { ErrorCode } from '../../domain/errors';
import type { OrderStatus } from '../../domain/order';
import type { Fulfillment } from '../../runtime/fulfillment';
import type { Store } from '../../runtime/ports';
import type { TenantId } from '../../domain/ids';
import type { SimulatedClock } from '../../simulation/clock';
import { canonical, NODES, replayAndLoad, SKUS } from './fixtures';
import { BAD_INPUTS, type BadInput } from './bad-inputs';

/** One position as the model sees it: counters and the ledger that must explain on hand. */
export interface ModelPosition {
  onHand: number;
  reserved: number;
  received: number;
  shipped: number;
  adjusted: number;
}

export interface ModelOrder {
  readonly id: string;
  status: OrderStatus;
  readonly holds: { readonly node: string; readonly sku: string; readonly quantity: number }[];
  expiresAt: number | undefined;
}

/** The pure model the real runtime is run against. */
export interface Model {
  now: number;
  nextOrder: number;
  readonly positions: Map<string, ModelPosition>;
  readonly orders: ModelOrder[];
  /** Successful keyed commands, to repeat them. */
  readonly keyed: { readonly call: (ff: Fulfillment) => Promise<unknown>; readonly result: unknown }[];
}

export interface Real {
  readonly ff: Fulfillment;
  readonly store: Store;
  readonly tenant: TenantId;
  readonly clock: SimulatedClock;
  /** Runs the invariant checks after the command. */
  readonly check: (model: Model) => Promise<void>;
}

export function emptyModel(now: number): Model {
  return { now, nextOrder: 0, positions: new Map(), orders: [], keyed: [] };
}

export function modelPosition(m: Model, node: string, sku: string): ModelPosition {
  const key = `${node}/${sku}`;
  const p = m.positions.get(key) ?? { onHand: 0, reserved: 0, received: 0, shipped: 0, adjusted: 0 };
  m.positions.set(key, p);
  return p;
}

/** Runs `call`; if `expected` is an error code, it must fail with it and change nothing. */
async function outcome<T>(r: Real, expected: ErrorCode | undefined, call: () => Promise<T>): Promise<T | undefined> {
  if (expected === undefined) return call();
  const before = await r.store.readJournal(r.tenant, { after: 0, limit: 1_000_000 });
  const stateBefore = canonical((await replayAndLoad(r.store, r.tenant)).stored);
  await expect(call()).rejects.toMatchObject({ code: expected });
  const after = await r.store.readJournal(r.tenant, { after: 0, limit: 1_000_000 });
  expect(after.length, 'invariant 4: a refused command must not write to the journal').toBe(before.length);
  expect(canonical((await replayAndLoad(r.store, r.tenant)).stored), 'invariant 4: state unchanged').toBe(stateBefore);
  return undefined;
}

abstract class Step implements fc.AsyncCommand<Model, Real> {
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

class Receive extends Step {
  constructor(readonly node: string, readonly sku: string, readonly quantity: number, readonly keyed: boolean) {
    super();
  }
  async apply(m: Model, r: Real) {
    const input = { node: this.node, sku: this.sku, quantity: this.quantity, ...(this.keyed ? { idempotencyKey: `rcv-${m.keyed.length}-${m.now}` } : {}) };
    const result = await r.ff.receiveStock(input);
    const p = modelPosition(m, this.node, this.sku);
    p.onHand += this.quantity;
    p.received += this.quantity;
    if (this.keyed) m.keyed.push({ call: (ff) => ff.receiveStock(input), result });
  }
  toString() {
    return `receive(${this.node},${this.sku},${this.quantity}${this.keyed ? ',keyed' : ''})`;
  }
}

class Adjust extends Step {
  constructor(readonly node: string, readonly sku: string, readonly delta: number) {
    super();
  }
  async apply(m: Model, r: Real) {
    const p = modelPosition(m, this.node, this.sku);
    const refused = p.onHand - p.reserved + this.delta < 0;
    await outcome(r, refused ? 'INSUFFICIENT_STOCK' : undefined, () =>
      r.ff.adjustStock({ node: this.node, sku: this.sku, delta: this.delta, reason: this.delta < 0 ? 'damage' : 'found' }),
    );
    if (!refused) {
      p.onHand += this.delta;
      p.adjusted += this.delta;
    }
  }
  toString() {
    return `adjust(${this.node},${this.sku},${this.delta})`;
  }
}

class Place extends Step {
  constructor(
    readonly node: string,
    readonly lines: readonly { sku: string; quantity: number }[],
    readonly backorder: boolean,
    readonly holdForMs: number | undefined,
  ) {
    super();
  }
  async apply(m: Model, r: Real) {
    const id = `o-${m.nextOrder++}`;
    const demand = new Map<string, number>();
    for (const l of this.lines) demand.set(l.sku, (demand.get(l.sku) ?? 0) + l.quantity);
    const fits = [...demand].every(([sku, q]) => {
      const p = modelPosition(m, this.node, sku);
      return p.onHand - p.reserved >= q;
    });
    const input = {
      node: this.node,
      onShortage: this.backorder ? ('backorder' as const) : ('reject' as const),
      ...(this.holdForMs === undefined ? {} : { holdForMs: this.holdForMs }),
      order: { id, channel: 'web', lines: this.lines.map((l, i) => ({ id: `l${i}`, sku: l.sku, quantity: l.quantity })) },
    };
    const order = await outcome(r, fits || this.backorder ? undefined : 'INSUFFICIENT_STOCK', () => r.ff.placeOrder(input));
    if (!order) return;
    const status: OrderStatus = fits ? 'reserved' : 'backordered';
    expect(order.status).toBe(status);
    const holds = fits ? [...demand].map(([sku, quantity]) => ({ node: this.node, sku, quantity })) : [];
    for (const h of holds) modelPosition(m, h.node, h.sku).reserved += h.quantity;
    m.orders.push({ id, status, holds, expiresAt: fits && this.holdForMs !== undefined ? m.now + this.holdForMs : undefined });
    m.keyed.push({ call: (ff) => ff.placeOrder(input), result: order });
  }
  toString() {
    return `place(${this.node},[${this.lines.map((l) => `${l.sku}x${l.quantity}`).join(' ')}]${this.backorder ? ',backorder' : ''}${this.holdForMs ? `,hold ${this.holdForMs}` : ''})`;
  }
}

/**
 * Where each move is legal, written out here rather than read from the lifecycle table: the model
 * is an independent oracle, so a wrong table fails the run.
 */
const LEGAL_FROM: Record<'cancelled' | 'released' | 'shipped', readonly OrderStatus[]> = {
  cancelled: ['placed', 'on-hold', 'reserved', 'backordered', 'released', 'picking', 'packed'],
  released: ['reserved'],
  shipped: ['released', 'picking', 'packed', 'partially-shipped'],
};

/** Cancel, release or ship the i-th most recent order (modulo how many exist): recent ones are likelier to move on. */
class Move extends Step {
  constructor(readonly to: 'cancelled' | 'released' | 'shipped', readonly index: number) {
    super();
  }
  async apply(m: Model, r: Real) {
    const o = m.orders[m.orders.length - 1 - (this.index % Math.max(1, m.orders.length))];
    if (!o) return;
    const legal = LEGAL_FROM[this.to].includes(o.status);
    const call = () =>
      this.to === 'cancelled' ? r.ff.cancelOrder(o.id) : this.to === 'released' ? r.ff.releaseOrder(o.id) : r.ff.shipOrder(o.id);
    const order = await outcome(r, legal ? undefined : 'ILLEGAL_TRANSITION', call);
    if (!order) return;
    expect(order.status).toBe(this.to);
    if (this.to === 'released') o.expiresAt = undefined;
    else endHolds(m, o, this.to === 'shipped');
    o.status = this.to;
  }
  toString() {
    return `${this.to}(#${this.index})`;
  }
}

/** Ends every hold of the order: released back to available, or consumed from on hand when shipped. */
function endHolds(m: Model, o: ModelOrder, shipped: boolean): void {
  for (const h of o.holds) {
    const p = modelPosition(m, h.node, h.sku);
    p.reserved -= h.quantity;
    if (shipped) {
      p.onHand -= h.quantity;
      p.shipped += h.quantity;
    }
  }
  o.holds.length = 0;
}

class AdvanceAndExpire extends Step {
  constructor(readonly ms: number) {
    super();
  }
  async apply(m: Model, r: Real) {
    m.now += this.ms;
    r.clock.advance(this.ms);
    const report = await r.ff.expireReservations();
    const due = m.orders.filter((o) => o.status === 'reserved' && o.expiresAt !== undefined && o.expiresAt <= m.now);
    expect([...report.cancelledOrders].sort()).toEqual(due.map((o) => o.id).sort());
    for (const o of due) {
      endHolds(m, o, false);
      o.status = 'cancelled';
    }
  }
  toString() {
    return `advance(${this.ms})+expire`;
  }
}

class Repeat extends Step {
  constructor(readonly index: number) {
    super();
  }
  async apply(m: Model, r: Real) {
    const first = m.keyed[this.index % Math.max(1, m.keyed.length)];
    if (!first) return;
    const before = (await r.store.readJournal(r.tenant, { after: 0, limit: 1_000_000 })).length;
    expect(await first.call(r.ff), 'a repeat returns the first result').toEqual(first.result);
    const after = (await r.store.readJournal(r.tenant, { after: 0, limit: 1_000_000 })).length;
    expect(after, 'a repeat takes effect at most once').toBe(before);
  }
  toString() {
    return `repeat(#${this.index})`;
  }
}

class Bad extends Step {
  constructor(readonly bad: BadInput) {
    super();
  }
  async apply(_m: Model, r: Real) {
    const before = await r.store.readJournal(r.tenant, { after: 0, limit: 1_000_000 });
    const stateBefore = canonical((await replayAndLoad(r.store, r.tenant)).stored);
    const error = await this.bad.call(r.ff).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error, `${this.bad.name} must be refused`).toMatchObject({ code: 'VALIDATION' });
    const paths = (error as { issues: { path: (string | number)[] }[] }).issues.map((i) => i.path);
    expect(paths, `${this.bad.name}: issue paths`).toContainEqual(this.bad.path);
    expect((await r.store.readJournal(r.tenant, { after: 0, limit: 1_000_000 })).length).toBe(before.length);
    expect(canonical((await replayAndLoad(r.store, r.tenant)).stored), 'invariant 4: state unchanged').toBe(stateBefore);
    expect(({} as Record<string, unknown>).polluted, 'no prototype pollution').toBeUndefined();
  }
  toString() {
    return `bad(${this.bad.name})`;
  }
}

const node = fc.constantFrom(...NODES);
const sku = fc.constantFrom(...SKUS);

/** The command arbitraries of the model-based run. */
export function stepArbitraries(): fc.Arbitrary<Step>[] {
  const place = fc
    .tuple(
      node,
      fc.array(fc.record({ sku, quantity: fc.integer({ min: 1, max: 4 }) }), { minLength: 1, maxLength: 3, size: 'xsmall' }),
      fc.nat({ max: 3 }).map((n) => n === 0), // backorder one order in four
      fc.option(fc.integer({ min: 1_000, max: 60_000 }), { nil: undefined, freq: 2 }),
    )
    .map(([n, lines, b, hold]) => new Place(n, lines, b, hold));
  const move = fc
    .tuple(fc.constantFrom('cancelled' as const, 'released' as const, 'released' as const, 'shipped' as const), fc.nat({ max: 3 }))
    .map(([to, i]) => new Move(to, i));
  const receive = fc.tuple(node, sku, fc.integer({ min: 1, max: 24 }), fc.boolean()).map(([n, s, q, k]) => new Receive(n, s, q, k));
  // Receipts and places are listed twice, moves three times: orders find stock and reach later states.
  return [
    receive,
    receive,
    place,
    place,
    move,
    move,
    move,
    fc.tuple(node, sku, fc.integer({ min: -6, max: 6 }).filter((d) => d !== 0)).map(([n, s, d]) => new Adjust(n, s, d)),
    fc.integer({ min: 1, max: 40_000 }).map((ms) => new AdvanceAndExpire(ms)),
    fc.nat().map((i) => new Repeat(i)),
    fc.constantFrom(...BAD_INPUTS).map((b) => new Bad(b)),
  ];
}

export type { Step };
