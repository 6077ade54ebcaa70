import { expect } from 'vitest';
import type { OrderStatus } from '../../domain/order';
import type { BadInput } from './bad-inputs';
import { canonical, NODES, replayAndLoad } from './fixtures';
import { demandBySku, endHolds, type Model, type ModelHold, type ModelOrder, modelFree, modelPosition, outcome, type Real, recent, Step } from './model';

export class Place extends Step {
  constructor(
    readonly node: string,
    readonly lines: readonly { sku: string; quantity: number }[],
    readonly backorder: boolean,
    readonly holdForMs: number | undefined,
    readonly paymentPending = false,
  ) {
    super();
  }
  async apply(m: Model, r: Real) {
    const id = `o-${m.counter++}`;
    const demand = demandBySku(this.lines);
    const fits = [...demand].every(([sku, q]) => modelFree(m, this.node, sku) >= q);
    const input = {
      node: this.node,
      onShortage: this.backorder ? ('backorder' as const) : ('reject' as const),
      ...(this.holdForMs === undefined ? {} : { holdForMs: this.holdForMs }),
      order: {
        id,
        channel: 'web',
        ...(this.paymentPending ? { paymentStatus: 'pending' as const } : {}),
        lines: this.lines.map((l, i) => ({ id: `l${i}`, sku: l.sku, quantity: l.quantity })),
      },
    };
    const order = await outcome(r, fits || this.backorder ? undefined : 'INSUFFICIENT_STOCK', () => r.ff.placeOrder(input));
    if (!order) return;
    // The runtime's default hold policy holds a pending payment, stock kept (or backordered).
    const status: OrderStatus = this.paymentPending ? 'on-hold' : fits ? 'reserved' : 'backordered';
    expect(order.status).toBe(status);
    const holds = fits ? [...demand].map(([sku, quantity]) => ({ node: this.node, sku, quantity })) : [];
    for (const h of holds) modelPosition(m, h.node, h.sku).reserved += h.quantity;
    m.orders.push({
      id,
      status,
      lines: this.lines.map((l, i) => ({ id: `l${i}`, sku: l.sku, open: l.quantity })),
      holds,
      expiresAt: fits && this.holdForMs !== undefined ? m.now + this.holdForMs : undefined,
      ...(this.paymentPending ? { resumesTo: fits ? ('reserved' as const) : ('backordered' as const) } : {}),
    });
    m.keyed.push({ call: (ff) => ff.placeOrder(input), result: order });
  }
  toString() {
    return `place(${this.node},[${this.lines.map((l) => `${l.sku}x${l.quantity}`).join(' ')}]${this.backorder ? ',backorder' : ''}${this.holdForMs ? `,hold ${this.holdForMs}` : ''}${this.paymentPending ? ',pending' : ''})`;
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

/** Cancel, release or ship a recent order. */
export class Move extends Step {
  constructor(readonly to: 'cancelled' | 'released' | 'shipped', readonly index: number) {
    super();
  }
  async apply(m: Model, r: Real) {
    const o = recent(m.orders, this.index);
    if (!o) return;
    const legal = LEGAL_FROM[this.to].includes(o.status);
    const call = () => (this.to === 'cancelled' ? r.ff.cancelOrder(o.id) : this.to === 'released' ? r.ff.releaseOrder(o.id) : r.ff.shipOrder(o.id));
    const order = await outcome(r, legal ? undefined : 'ILLEGAL_TRANSITION', call);
    if (!order) return;
    expect(order.status).toBe(this.to);
    if (this.to === 'released') o.expiresAt = undefined;
    else {
      endHolds(m, o.holds, this.to === 'shipped');
      o.holds.length = 0;
      for (const line of o.lines) line.open = 0;
    }
    o.status = this.to;
  }
  toString() {
    return `${this.to}(#${this.index})`;
  }
}

const SHIPPABLE: readonly OrderStatus[] = ['released', 'picking', 'packed', 'partially-shipped'];
const LINES_CANCELLABLE: readonly OrderStatus[] = ['placed', 'on-hold', 'reserved', 'backordered', 'released', 'picking', 'packed', 'partially-shipped'];

/** Takes units of a SKU from an order's holds as the runtime does: by reservation id, whole holds first. */
function takeFromHolds(m: Model, o: ModelOrder, sku: string, units: number, shipped: boolean): void {
  let left = units;
  const order = [...o.holds.keys()].sort((a, b) => ((o.holds[a]!.id ?? '') < (o.holds[b]!.id ?? '') ? -1 : 1));
  const emptied = new Set<number>();
  for (const at of order) {
    const hold = o.holds[at]!;
    if (hold.sku !== sku || left === 0) continue;
    const take = Math.min(left, hold.quantity);
    left -= take;
    endHolds(m, [{ ...hold, quantity: take }], shipped);
    if (take === hold.quantity) emptied.add(at);
    else o.holds[at] = { ...hold, quantity: hold.quantity - take };
  }
  const kept = o.holds.filter((_, i) => !emptied.has(i));
  o.holds.length = 0;
  o.holds.push(...kept);
}

/**
 * An order placed without a node: the router chooses. Under the default policy the model knows the
 * outcome exactly: complete when each SKU's demand fits its free units over all nodes, else the
 * most units it can serve. Which nodes is the router's own business (tested apart): the model reads
 * the holds back from the reservations and checks each against its own free stock per node.
 */
export class PlaceRouted extends Step {
  constructor(readonly lines: readonly { sku: string; quantity: number }[], readonly backorder: boolean) {
    super();
  }
  async apply(m: Model, r: Real) {
    const id = `o-${m.counter++}`;
    const demand = demandBySku(this.lines);
    const freeOverNodes = (sku: string) => NODES.reduce((s, n) => s + Math.max(0, modelFree(m, n, sku)), 0);
    const complete = [...demand].every(([sku, q]) => freeOverNodes(sku) >= q);
    const input = {
      onShortage: this.backorder ? ('backorder' as const) : ('reject' as const),
      order: { id, channel: 'web', lines: this.lines.map((l, i) => ({ id: `l${i}`, sku: l.sku, quantity: l.quantity })) },
    };
    const order = await outcome(r, complete || this.backorder ? undefined : 'INSUFFICIENT_STOCK', () => r.ff.placeOrder(input));
    if (!order) return;
    const holds: ModelHold[] = [];
    for (const rid of order.reservations) {
      const res = await r.ff.getReservation(rid);
      if (res) holds.push({ node: res.node, sku: res.sku, quantity: res.quantity, id: res.id });
    }
    for (const [sku, q] of demand) {
      const routed = holds.filter((h) => h.sku === sku).reduce((s, h) => s + h.quantity, 0);
      expect(routed, `units of ${sku} routed`).toBe(Math.min(q, freeOverNodes(sku)));
    }
    for (const node of NODES) {
      for (const [sku] of demand) {
        const taken = holds.filter((h) => h.node === node && h.sku === sku).reduce((s, h) => s + h.quantity, 0);
        expect(taken, `no node gives more than it has free (${node}/${sku})`).toBeLessThanOrEqual(Math.max(0, modelFree(m, node, sku)));
      }
    }
    for (const h of holds) modelPosition(m, h.node, h.sku).reserved += h.quantity;
    const status: OrderStatus = complete ? 'reserved' : 'backordered';
    expect(order.status).toBe(status);
    m.orders.push({ id, status, lines: this.lines.map((l, i) => ({ id: `l${i}`, sku: l.sku, open: l.quantity })), holds, expiresAt: undefined });
    m.keyed.push({ call: (ff) => ff.placeOrder(input), result: order });
  }
  toString() {
    return `placeRouted([${this.lines.map((l) => `${l.sku}x${l.quantity}`).join(' ')}]${this.backorder ? ',backorder' : ''})`;
  }
}

/** Ships one unit of a recent order's first open line, or cancels all that is open on it. */
export class LinePart extends Step {
  constructor(readonly action: 'ship' | 'cancel', readonly index: number) {
    super();
  }
  async apply(m: Model, r: Real) {
    const o = recent(m.orders, this.index);
    if (!o) return;
    const line = o.lines.find((l) => l.open > 0);
    const units = this.action === 'ship' ? 1 : (line?.open ?? 0);
    const legal = (this.action === 'ship' ? SHIPPABLE : LINES_CANCELLABLE).includes(o.status);
    const expected = !legal ? 'ILLEGAL_TRANSITION' : line ? undefined : 'VALIDATION';
    const request = [{ line: line?.id ?? o.lines[0]!.id, quantity: Math.max(1, units) }];
    const call = () =>
      this.action === 'ship' ? r.ff.shipOrder({ order: o.id, lines: request }) : r.ff.cancelLines({ order: o.id, lines: request, reason: 'model' });
    const order = await outcome(r, expected, call);
    if (!order || !line) return;
    // Shipping consumes held units; cancelling gives back only those no open unit still needs
    // (a backordered order cancels its missing units first).
    const heldOfSku = o.holds.filter((h) => h.sku === line.sku).reduce((s, h) => s + h.quantity, 0);
    const openAfter = o.lines.filter((l) => l.sku === line.sku).reduce((s, l) => s + l.open, 0) - units;
    takeFromHolds(m, o, line.sku, this.action === 'ship' ? units : Math.min(units, Math.max(0, heldOfSku - openAfter)), this.action === 'ship');
    line.open -= units;
    const done = o.lines.every((l) => l.open === 0);
    const anyShipped = this.action === 'ship' || o.status === 'partially-shipped';
    o.status = this.action === 'ship' ? (done ? 'shipped' : 'partially-shipped') : done ? (anyShipped ? 'shipped' : 'cancelled') : o.status;
    if (done) o.holds.length = 0;
    expect(order.status).toBe(o.status);
  }
  toString() {
    return `${this.action}Line(#${this.index})`;
  }
}

/** The payment of a recent order clears: a payment hold lifts and the order resumes. */
export class PaymentCleared extends Step {
  constructor(readonly index: number) {
    super();
  }
  async apply(m: Model, r: Real) {
    const o = recent(m.orders, this.index);
    if (!o) return;
    const order = await r.ff.updatePayment({ order: o.id, paymentStatus: 'paid' });
    if (o.status === 'on-hold' && o.resumesTo) {
      o.status = o.resumesTo;
      delete o.resumesTo;
    }
    expect(order.status).toBe(o.status);
  }
  toString() {
    return `paid(#${this.index})`;
  }
}

/** Moves the clock on and expires what is due: orders' holds (cancelling them) and carts' holds. */
export class AdvanceAndExpire extends Step {
  constructor(readonly ms: number) {
    super();
  }
  async apply(m: Model, r: Real) {
    m.now += this.ms;
    r.clock.advance(this.ms);
    const report = await r.ff.expireReservations();
    const dueOrders: ModelOrder[] = m.orders.filter(
      (o) => (o.status === 'reserved' || o.status === 'on-hold') && o.holds.length > 0 && o.expiresAt !== undefined && o.expiresAt <= m.now,
    );
    const dueHolds = m.reservations.filter((res) => res.active && res.expiresAt !== undefined && res.expiresAt <= m.now);
    expect([...report.cancelledOrders].sort()).toEqual(dueOrders.map((o) => o.id).sort());
    expect(report.expired.length).toBe(dueOrders.reduce((n, o) => n + o.holds.length, 0) + dueHolds.length);
    for (const o of dueOrders) {
      endHolds(m, o.holds, false);
      o.holds.length = 0;
      o.status = 'cancelled';
    }
    endHolds(m, dueHolds, false);
    for (const res of dueHolds) res.active = false;
  }
  toString() {
    return `advance(${this.ms})+expire`;
  }
}

/** Repeats an earlier keyed command: the first result, and nothing written (invariant 5). */
export class Repeat extends Step {
  constructor(readonly index: number) {
    super();
  }
  async apply(m: Model, r: Real) {
    const first = m.keyed[this.index % Math.max(1, m.keyed.length)];
    if (!first) return;
    const before = (await r.store.readJournal(r.tenant, { after: 0, limit: 1_000_000 })).length;
    expect(await first.call(r.ff), 'a repeat returns the first result').toEqual(first.result);
    const after = (await r.store.readJournal(r.tenant, { after: 0, limit: 1_000_000 })).length;
    expect(after, 'invariant 5: a repeat takes effect at most once').toBe(before);
  }
  toString() {
    return `repeat(#${this.index})`;
  }
}

/** Bad input: a `ValidationError` naming the path, nothing written, no prototype polluted. */
export class Bad extends Step {
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
