import type { AdjustmentReason } from '../../domain/inventory';
import { expect } from 'vitest';
import { type Model, modelFree, modelPosition, type Real, recent, Step, demandBySku, endHolds, outcome } from './model';

const DAY = 24 * 3600 * 1000;

export class Receive extends Step {
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

export class Adjust extends Step {
  constructor(readonly node: string, readonly sku: string, readonly delta: number) {
    super();
  }
  async apply(m: Model, r: Real) {
    const p = modelPosition(m, this.node, this.sku);
    const refused = p.onHand - p.reserved + this.delta < 0;
    const reason: AdjustmentReason = this.delta < 0 ? 'damage' : 'found';
    await outcome(r, refused ? 'INSUFFICIENT_STOCK' : undefined, () => r.ff.adjustStock({ node: this.node, sku: this.sku, delta: this.delta, reason }));
    if (!refused) {
      p.onHand += this.delta;
      p.adjusted += this.delta;
    }
  }
  toString() {
    return `adjust(${this.node},${this.sku},${this.delta})`;
  }
}

export class SetSafety extends Step {
  constructor(readonly node: string, readonly sku: string, readonly quantity: number) {
    super();
  }
  async apply(m: Model, r: Real) {
    expect(await r.ff.setSafetyStock({ node: this.node, sku: this.sku, quantity: this.quantity })).toMatchObject({ safety: this.quantity });
    modelPosition(m, this.node, this.sku).safety = this.quantity;
  }
  toString() {
    return `safety(${this.node},${this.sku},${this.quantity})`;
  }
}

export class Expect extends Step {
  constructor(readonly node: string, readonly sku: string, readonly quantity: number, readonly inDays: number) {
    super();
  }
  async apply(m: Model, r: Real) {
    const id = `po-${m.counter++}`;
    await r.ff.expectInbound({ id, node: this.node, sku: this.sku, quantity: this.quantity, expectedAt: new Date(m.now + this.inDays * DAY).toISOString() });
    m.inbound.push({ id, node: this.node, sku: this.sku, quantity: this.quantity, received: 0, open: true });
  }
  toString() {
    return `expect(${this.node},${this.sku},${this.quantity} in ${this.inDays}d)`;
  }
}

/** Receives part (or all, or more) of a recent open inbound. */
export class ReceiveInbound extends Step {
  constructor(readonly index: number, readonly share: number) {
    super();
  }
  async apply(m: Model, r: Real) {
    const inbound = recent(
      m.inbound.filter((i) => i.open),
      this.index,
    );
    if (!inbound) return;
    const quantity = Math.max(1, Math.ceil((inbound.quantity - inbound.received) * this.share));
    const event = await r.ff.receiveStock({ node: inbound.node, sku: inbound.sku, quantity, inbound: inbound.id });
    expect(event.payload.inbound).toBe(inbound.id);
    const p = modelPosition(m, inbound.node, inbound.sku);
    p.onHand += quantity;
    p.received += quantity;
    inbound.received += quantity;
    inbound.open = inbound.received < inbound.quantity;
    expect((await r.ff.getInbound(inbound.id))?.status).toBe(inbound.open ? 'open' : 'closed');
  }
  toString() {
    return `receiveInbound(#${this.index},${this.share})`;
  }
}

export class Transfer extends Step {
  constructor(readonly from: string, readonly to: string, readonly sku: string, readonly quantity: number) {
    super();
  }
  async apply(m: Model, r: Real) {
    if (this.from === this.to) return;
    const fits = modelFree(m, this.from, this.sku) >= this.quantity;
    const id = `trf-${m.counter++}`;
    const expectedAt = new Date(m.now + 2 * DAY).toISOString();
    const made = await outcome(r, fits ? undefined : 'INSUFFICIENT_STOCK', () =>
      r.ff.transferStock({ id, from: this.from, to: this.to, sku: this.sku, quantity: this.quantity, expectedAt }),
    );
    if (!made) return;
    const p = modelPosition(m, this.from, this.sku);
    p.onHand -= this.quantity;
    p.transferredOut += this.quantity;
    m.inbound.push({ id, node: this.to, sku: this.sku, quantity: this.quantity, received: 0, open: true });
  }
  toString() {
    return `transfer(${this.from}→${this.to},${this.sku},${this.quantity})`;
  }
}

/** A cart's hold: all lines or none. */
export class Reserve extends Step {
  constructor(readonly node: string, readonly lines: readonly { sku: string; quantity: number }[], readonly holdForMs: number | undefined, readonly keyed: boolean) {
    super();
  }
  async apply(m: Model, r: Real) {
    const demand = demandBySku(this.lines);
    const fits = [...demand].every(([sku, q]) => modelFree(m, this.node, sku) >= q);
    const input = {
      node: this.node,
      lines: [...this.lines],
      channel: 'web',
      holder: `cart-${m.counter++}`,
      ...(this.holdForMs === undefined ? {} : { holdForMs: this.holdForMs }),
      ...(this.keyed ? { idempotencyKey: `hold-${m.counter}` } : {}),
    };
    const made = await outcome(r, fits ? undefined : 'INSUFFICIENT_STOCK', () => r.ff.reserve(input));
    if (!made) return;
    expect(made.map((res) => [res.sku, res.quantity])).toEqual([...demand]);
    for (const res of made) {
      modelPosition(m, this.node, res.sku).reserved += res.quantity;
      m.reservations.push({ id: res.id, node: this.node, sku: res.sku, quantity: res.quantity, active: true, expiresAt: this.holdForMs === undefined ? undefined : m.now + this.holdForMs });
    }
    if (this.keyed) m.keyed.push({ call: (ff) => ff.reserve(input), result: made });
  }
  toString() {
    return `reserve(${this.node},[${this.lines.map((l) => `${l.sku}x${l.quantity}`).join(' ')}]${this.holdForMs ? `,hold ${this.holdForMs}` : ''})`;
  }
}

/** Releases, consumes or extends a recent standalone reservation (ended ones are refused). */
export class Hold extends Step {
  constructor(readonly action: 'release' | 'consume' | 'extend', readonly index: number, readonly holdForMs: number | undefined) {
    super();
  }
  async apply(m: Model, r: Real) {
    const res = recent(m.reservations, this.index);
    if (!res) return;
    const call = (): Promise<unknown> =>
      this.action === 'extend'
        ? r.ff.extendReservation({ reservation: res.id, ...(this.holdForMs === undefined ? {} : { holdForMs: this.holdForMs }) })
        : this.action === 'release'
          ? r.ff.releaseReservations({ reservations: [res.id] })
          : r.ff.consumeReservations({ reservations: [res.id] });
    const done = await outcome(r, res.active ? undefined : 'ILLEGAL_TRANSITION', call);
    if (!done) return;
    if (this.action === 'extend') {
      res.expiresAt = this.holdForMs === undefined ? undefined : m.now + this.holdForMs;
      return;
    }
    endHolds(m, [res], this.action === 'consume');
    res.active = false;
  }
  toString() {
    return `${this.action}(#${this.index}${this.holdForMs ? `,${this.holdForMs}` : ''})`;
  }
}
