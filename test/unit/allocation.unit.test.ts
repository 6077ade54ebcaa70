import { describe, expect, it } from 'vitest';
import {
  type AllocatableOrderInput,
  type Allocation,
  type AllocationPolicyInput,
  allocate,
  fillBackorders,
} from '../../src/allocation';
import { ValidationError } from '../../src/domain/errors';
import { issuePaths } from '../support/validation';

type Line = AllocatableOrderInput['lines'][number];
/** An order placed `minute` minutes after 09:00 on 2026-03-27, with lines `sku:quantity`. */
const order = (id: string, minute: number, lines: string, extra: Partial<AllocatableOrderInput> = {}): AllocatableOrderInput => ({
  id,
  channel: 'web',
  placedAt: new Date(Date.UTC(2026, 2, 27, 9, minute)).toISOString(),
  lines: lines.split(' ').map((l, j): Line => {
    const [sku, quantity] = l.split(':');
    return { id: `l${j + 1}`, sku: sku!, quantity: Number(quantity) };
  }),
  ...extra,
});
const due = (day: number) => new Date(Date.UTC(2026, 2, day, 17)).toISOString();
/** Units per order and SKU, as `order/sku: n`. */
const got = (a: Allocation) => Object.fromEntries(a.allocations.flatMap((o) => o.lines.map((l) => [`${o.order}/${l.line}`, l.quantity])));
const short = (a: Allocation) => Object.fromEntries(a.unallocated.map((b) => [`${b.order}/${b.line}`, b.quantity]));

describe('fifo', () => {
  const orders = [
    order('o3', 10, 'tee:1 mug:1', { shipComplete: true }),
    order('o2', 5, 'tee:4'),
    order('o1', 0, 'tee:3'),
  ];
  const result = allocate(orders, { tee: 5, mug: 1 }, { rule: 'fifo' });

  it('serves orders by placedAt: o1 in full, o2 in part, the ship-complete o3 not at all', () => {
    expect(got(result)).toEqual({ 'o1/l1': 3, 'o2/l1': 2 });
    expect(short(result)).toEqual({ 'o2/l1': 2, 'o3/l1': 1, 'o3/l2': 1 });
    expect(result.allocations.map((a) => [a.order, a.complete])).toEqual([
      ['o1', true],
      ['o2', false],
    ]);
    expect(result.supplyLeft).toEqual({ tee: 0, mug: 1 });
    expect(result.trace.order).toEqual(['o1', 'o2', 'o3']);
    expect(result.trace.rule).toBe('fifo');
  });

  it('values orders at Σ quantity × unitValue (1 a unit by default), ship-complete only in full', () => {
    expect(result.value).toBe(3 + 2);
  });

  it('breaks ties of placedAt by id', () => {
    const tie = allocate([order('b', 0, 'tee:1'), order('a', 0, 'tee:1')], { tee: 1 }, { rule: 'fifo' });
    expect(got(tie)).toEqual({ 'a/l1': 1 });
    expect(tie.trace.order).toEqual(['a', 'b']);
  });
});

describe('priority', () => {
  it('serves higher priority first, FIFO within a tier', () => {
    const orders = [order('early', 0, 'tee:2', { priority: 1 }), order('vip', 9, 'tee:2', { priority: 5 }), order('next', 5, 'tee:2', { priority: 1 })];
    const result = allocate(orders, { tee: 3 }, { rule: 'priority' });
    expect(result.trace.order).toEqual(['vip', 'early', 'next']);
    expect(got(result)).toEqual({ 'vip/l1': 2, 'early/l1': 1 });
  });
});

describe('edd', () => {
  it('serves the earliest promise first, orders without one last, then FIFO', () => {
    const orders = [
      order('none', 0, 'tee:1'),
      order('late', 1, 'tee:1', { promisedBy: due(30) }),
      order('soon', 2, 'tee:1', { promisedBy: due(28) }),
      order('soon2', 3, 'tee:1', { promisedBy: due(28) }),
    ];
    const result = allocate(orders, { tee: 2 }, { rule: 'edd' });
    expect(result.trace.order).toEqual(['soon', 'soon2', 'late', 'none']);
    expect(got(result)).toEqual({ 'soon/l1': 1, 'soon2/l1': 1 });
  });
});

describe('fair-share', () => {
  it('splits a SKU in proportion to demand, the leftover unit to the largest remainder', () => {
    // 10 units for 6 + 4 + 5 = 15 wanted: 4, 2.67, 3.33 → floors 4, 2, 3 and the last unit to b.
    const result = allocate([order('a', 0, 'tee:6'), order('b', 1, 'tee:4'), order('c', 2, 'tee:5')], { tee: 10 }, { rule: 'fair-share' });
    expect(got(result)).toEqual({ 'a/l1': 4, 'b/l1': 3, 'c/l1': 3 });
    expect(result.supplyLeft).toEqual({ tee: 0 });
  });

  it('gives tied remainders to the earlier order', () => {
    const result = allocate([order('b', 1, 'tee:1'), order('a', 0, 'tee:1')], { tee: 1 }, { rule: 'fair-share' });
    expect(got(result)).toEqual({ 'a/l1': 1 });
  });

  it('serves everyone in full when the supply covers demand', () => {
    const result = allocate([order('a', 0, 'tee:2'), order('b', 1, 'tee:3')], { tee: 9 }, { rule: 'fair-share' });
    expect(got(result)).toEqual({ 'a/l1': 2, 'b/l1': 3 });
    expect(result.supplyLeft).toEqual({ tee: 4 });
  });

  it('drops short ship-complete orders, the latest first, and splits again', () => {
    // 7 units for two ship-complete orders of 5: 3.5 each leaves both short; y is dropped, x gets 5.
    const result = allocate([order('x', 0, 'tee:5', { shipComplete: true }), order('y', 1, 'tee:5', { shipComplete: true })], { tee: 7 }, { rule: 'fair-share' });
    expect(got(result)).toEqual({ 'x/l1': 5 });
    expect(short(result)).toEqual({ 'y/l1': 5 });
    expect(result.supplyLeft).toEqual({ tee: 2 });
  });

  it('keeps a ship-complete order the rounding serves in full', () => {
    // 10 units for 1 + 10: 0.91 and 9.09 → floors 0 and 9, the last unit to a (remainder .91).
    const result = allocate([order('a', 0, 'tee:1', { shipComplete: true }), order('b', 1, 'tee:10')], { tee: 10 }, { rule: 'fair-share' });
    expect(got(result)).toEqual({ 'a/l1': 1, 'b/l1': 9 });
  });

  it('redistributes a dropped order’s share on its other SKUs', () => {
    // x is short of tee (fair share 1 of 2), so it is dropped and its mug share goes to z.
    const orders = [order('x', 0, 'tee:2 mug:2', { shipComplete: true }), order('y', 1, 'tee:2'), order('z', 2, 'mug:2')];
    const result = allocate(orders, { tee: 2, mug: 2 }, { rule: 'fair-share' });
    expect(got(result)).toEqual({ 'y/l1': 2, 'z/l1': 2 });
  });
});

describe('max-value', () => {
  it('serves the set of ship-complete orders worth most, where FIFO serves the first', () => {
    const orders = [
      order('a', 0, 'tee:2', { shipComplete: true, value: 10 }),
      order('b', 1, 'tee:1 mug:1', { shipComplete: true, value: 8 }),
      order('c', 2, 'tee:1', { shipComplete: true, value: 7 }),
    ];
    const supply = { tee: 2, mug: 1 };
    expect(allocate(orders, supply, { rule: 'fifo' }).value).toBe(10);
    const best = allocate(orders, supply, { rule: 'max-value' });
    expect(best.value).toBe(15);
    expect(best.allocations.map((a) => a.order)).toEqual(['b', 'c']);
    expect(best.trace.bound).toBeGreaterThanOrEqual(15 - 1e-9);
  });

  it('escapes the ratio trap by drop-add: two orders of 45 beat one of 60', () => {
    // Per unit, a (60 / 6) beats b and c (45 / 5), but only b + c fill the 10 units.
    const orders = [
      order('a', 0, 'tee:6', { shipComplete: true, value: 60 }),
      order('b', 1, 'tee:5', { shipComplete: true, value: 45 }),
      order('c', 2, 'tee:5', { shipComplete: true, value: 45 }),
    ];
    const result = allocate(orders, { tee: 10 }, { rule: 'max-value' });
    expect(result.value).toBe(90);
    expect(allocate(orders, { tee: 10 }, { rule: 'max-value', improve: false }).value).toBe(60);
  });

  it('weighs units of other orders by their unit value', () => {
    const orders = [
      order('cheap', 0, 'tee:4', { lines: [{ id: 'l1', sku: 'tee', quantity: 4, unitValue: 1 }] }),
      order('dear', 1, 'tee:4', { lines: [{ id: 'l1', sku: 'tee', quantity: 4, unitValue: 3 }] }),
    ];
    const result = allocate(orders, { tee: 5 }, { rule: 'max-value' });
    expect(got(result)).toEqual({ 'dear/l1': 4, 'cheap/l1': 1 });
    expect(result.value).toBe(13);
  });

  it('serves everything when nothing is scarce', () => {
    const result = allocate([order('a', 0, 'tee:1', { shipComplete: true })], { tee: 3 }, { rule: 'max-value' });
    expect(got(result)).toEqual({ 'a/l1': 1 });
  });
});

describe('channel ring-fences', () => {
  const orders = [order('web1', 0, 'tee:8'), order('mkt1', 5, 'tee:5', { channel: 'market' })];

  it('keeps fenced units for their channel; others take only the shared rest', () => {
    const result = allocate(orders, { tee: 10 }, { rule: 'fifo' }, { channelQuota: { market: { tee: 4 } } });
    expect(got(result)).toEqual({ 'web1/l1': 6, 'mkt1/l1': 4 });
    expect(result.supplyLeft).toEqual({ tee: 0 });
  });

  it('lets a fenced channel take shared units beyond its fence', () => {
    const result = allocate(orders, { tee: 10 }, { rule: 'priority' }, { channelQuota: { market: { tee: 2 } } });
    // FIFO order within one tier: web1 takes the 8 shared units, mkt1 its 2 fenced.
    expect(got(result)).toEqual({ 'web1/l1': 8, 'mkt1/l1': 2 });
    const first = allocate([orders[1]!, { ...orders[0]!, placedAt: due(28) }], { tee: 10 }, { rule: 'fifo' }, { channelQuota: { market: { tee: 2 } } });
    expect(got(first)).toEqual({ 'mkt1/l1': 5, 'web1/l1': 5 });
  });

  it('reports unused fenced units as left over', () => {
    const result = allocate([orders[0]!], { tee: 10 }, { rule: 'fair-share' }, { channelQuota: { market: { tee: 4 } } });
    expect(got(result)).toEqual({ 'web1/l1': 6 });
    expect(result.supplyLeft).toEqual({ tee: 4 });
  });

  it('refuses fences beyond the supply, with the path', () => {
    expect(issuePaths(() => allocate(orders, { tee: 3 }, { rule: 'fifo' }, { channelQuota: { market: { tee: 4 } } }))).toEqual([
      ['options', 'channelQuota', 'market', 'tee'],
    ]);
  });
});

describe('pre-emption', () => {
  const low = order('low', 0, 'tee:2', { priority: 1, holds: [{ sku: 'tee', quantity: 2 }] });
  const vip = order('vip', 5, 'tee:2', { priority: 9, shipComplete: true });

  it('lets a higher-priority order take units a lower one holds, and lists them', () => {
    const result = allocate([low, vip], {}, { rule: 'priority', preemption: { belowPriority: 5 } });
    expect(got(result)).toEqual({ 'vip/l1': 2 });
    expect(result.preempted).toEqual([{ order: 'low', sku: 'tee', quantity: 2, by: 'vip' }]);
    expect(short(result)).toEqual({ 'low/l1': 2 });
  });

  it('counts held units towards their order without it', () => {
    const result = allocate([low, vip], {}, { rule: 'priority' });
    expect(result.preempted).toEqual([]);
    expect(got(result)).toEqual({});
    expect(short(result)).toEqual({ 'vip/l1': 2 });
    expect(result.value).toBe(2);
  });

  it('spares orders at or above belowPriority, and does nothing when disabled', () => {
    expect(allocate([low, vip], {}, { rule: 'fifo', preemption: { belowPriority: 1 } }).preempted).toEqual([]);
    expect(allocate([low, vip], {}, { rule: 'fifo', preemption: { enabled: false } }).preempted).toEqual([]);
  });

  it('pre-empts for a ship-complete order only when that completes it', () => {
    const big = order('vip', 5, 'tee:3', { priority: 9, shipComplete: true });
    expect(allocate([low, big], {}, { rule: 'priority', preemption: {} }).preempted).toEqual([]);
    const partial = order('vip', 5, 'tee:3', { priority: 9 });
    expect(allocate([low, partial], {}, { rule: 'priority', preemption: {} }).preempted).toEqual([{ order: 'low', sku: 'tee', quantity: 2, by: 'vip' }]);
  });

  it('takes free stock before held units', () => {
    const result = allocate([low, vip], { tee: 1 }, { rule: 'priority', preemption: {} });
    expect(got(result)).toEqual({ 'vip/l1': 2 });
    expect(result.preempted).toEqual([{ order: 'low', sku: 'tee', quantity: 1, by: 'vip' }]);
    expect(result.supplyLeft).toEqual({ tee: 0 });
  });

  it('takes back what a pre-empted ship-complete order got, so it is never partly filled', () => {
    const victim = order('low', 0, 'tee:2 mug:1', { priority: 1, shipComplete: true, holds: [{ sku: 'tee', quantity: 1 }] });
    const taker = order('vip', 5, 'tee:1', { priority: 9, shipComplete: true });
    const result = allocate([victim, taker], { tee: 1, mug: 1 }, { rule: 'fifo', preemption: {} });
    // FIFO first gives low its missing tee and the mug; vip then finds no tee and pre-empts low's
    // held one, so low gives back what it got.
    expect(got(result)).toEqual({ 'vip/l1': 1 });
    expect(result.preempted).toEqual([{ order: 'low', sku: 'tee', quantity: 1, by: 'vip' }]);
    expect(short(result)).toEqual({ 'low/l1': 2, 'low/l2': 1 });
    expect(result.supplyLeft).toEqual({ tee: 1, mug: 1 });
  });
});

describe('backorders', () => {
  const orders = [order('o1', 0, 'tee:3'), order('o2', 5, 'tee:3', { priority: 5 }), order('o3', 9, 'tee:2 mug:1', { shipComplete: true })];
  const policy: AllocationPolicyInput = { rule: 'priority' };
  const first = allocate(orders, { tee: 4, mug: 1 }, policy);

  it('are the lines left short', () => {
    expect(got(first)).toEqual({ 'o2/l1': 3, 'o1/l1': 1 });
    expect(short(first)).toEqual({ 'o1/l1': 2, 'o3/l1': 2, 'o3/l2': 1 });
  });

  it('are filled from arrivals by the same policy', () => {
    const later = fillBackorders({ orders, lines: first.unallocated }, { tee: 3 }, policy);
    // o1 and o3 tie on priority: FIFO gives o1 its 2; o3 is ship-complete and finds 1 tee, no mug.
    expect(got(later)).toEqual({ 'o1/l1': 2 });
    expect(later.allocations[0]!.complete).toBe(true);
    expect(short(later)).toEqual({ 'o3/l1': 2, 'o3/l2': 1 });
    expect(later.supplyLeft).toEqual({ tee: 1, mug: 0 });
    expect(later.trace.notes[0]).toBe('backorders: 3 lines of 2 orders');
    const rest = fillBackorders({ orders, lines: later.unallocated }, { tee: 2, mug: 1 }, policy);
    expect(got(rest)).toEqual({ 'o3/l1': 2, 'o3/l2': 1 });
    expect(rest.value).toBe(3);
  });

  it('refuses backorders that name no line, the wrong SKU or too many units', () => {
    const lines = [
      { order: 'o1', line: 'l9', sku: 'tee', quantity: 1 },
      { order: 'o1', line: 'l1', sku: 'mug', quantity: 1 },
      { order: 'o2', line: 'l1', sku: 'tee', quantity: 4 },
      { order: 'nope', line: 'l1', sku: 'tee', quantity: 1 },
    ];
    expect(issuePaths(() => fillBackorders({ orders, lines }, { tee: 1 }, policy))).toEqual([
      ['backorders', 'lines', 0, 'line'],
      ['backorders', 'lines', 1, 'sku'],
      ['backorders', 'lines', 2, 'quantity'],
      ['backorders', 'lines', 3, 'order'],
    ]);
    expect(issuePaths(() => fillBackorders({ orders, lines: [] }, { tee: -2 }, policy))).toEqual([['arrivals', 'tee']]);
    expect(issuePaths(() => fillBackorders(null as unknown as Parameters<typeof fillBackorders>[0], {}, policy))).toEqual([['backorders']]);
  });
});

describe('validation', () => {
  const ok = order('o1', 0, 'tee:1');

  it('names the path of every bad field', () => {
    expect(issuePaths(() => allocate([{ ...ok, lines: [{ id: 'l1', sku: 'tee', quantity: -1 }] }], { tee: 1 }, { rule: 'fifo' }))).toEqual([
      ['orders', 0, 'lines', 0, 'quantity'],
    ]);
    expect(issuePaths(() => allocate([ok, ok], { tee: 1 }, { rule: 'fifo' }))).toEqual([['orders', 1, 'id']]);
    expect(issuePaths(() => allocate([ok], { tee: -1 }, { rule: 'fifo' }))).toEqual([['supply', 'tee']]);
    expect(issuePaths(() => allocate([ok], { tee: 1 }, { rule: 'lifo' } as unknown as AllocationPolicyInput))).toEqual([['policy', 'rule']]);
    expect(issuePaths(() => allocate([{ ...ok, placedAt: '2026-02-30T09:00:00Z' }], {}, { rule: 'fifo' }))).toEqual([['orders', 0, 'placedAt']]);
  });

  it('refuses holds beyond what the lines want, or of SKUs they do not order', () => {
    const holds = [
      { sku: 'tee', quantity: 2 },
      { sku: 'mug', quantity: 1 },
    ];
    expect(issuePaths(() => allocate([{ ...ok, holds }], {}, { rule: 'fifo' }))).toEqual([
      ['orders', 0, 'holds', 0, 'quantity'],
      ['orders', 0, 'holds', 1, 'sku'],
    ]);
  });

  it('refuses unknown keys, ids with separators and prototype keys', () => {
    expect(() => allocate([{ ...ok, extra: 1 } as AllocatableOrderInput], {}, { rule: 'fifo' })).toThrow(ValidationError);
    expect(() => allocate([{ ...ok, id: 'a:b' }], {}, { rule: 'fifo' })).toThrow(ValidationError);
    expect(() => allocate([ok], JSON.parse('{"__proto__": 5}'), { rule: 'fifo' })).toThrow(ValidationError);
    expect(() => allocate([{ ...ok, priority: Number.NaN }], {}, { rule: 'fifo' })).toThrow(ValidationError);
  });

  it('accepts SKUs named like Object.prototype members', () => {
    const result = allocate([order('o1', 0, 'constructor:2')], { constructor: 1 }, { rule: 'fifo' });
    expect(got(result)).toEqual({ 'o1/l1': 1 });
    expect(result.supplyLeft).toEqual({ constructor: 0 });
  });
});
