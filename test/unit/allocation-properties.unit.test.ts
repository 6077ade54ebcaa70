import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type AllocatableOrderInput,
  AllocatableOrder,
  type Allocation,
  type AllocationPolicyInput,
  allocate,
  fillBackorders,
} from '../../src/allocation';
import { fastOrders } from '../../src/allocation/input';
import { ValidationError } from '../../src/domain/errors';
import { Instant } from '../../src/domain/primitives';

const SKUS = ['a', 'b', 'c', 'd'] as const;
const INSTANTS = ['2026-03-27T09:00:00Z', '2026-03-27T09:00:00.500Z', '2026-03-27T11:00:00+02:00', '2026-03-27T10:00:00Z'];
const DUE = ['2026-03-28T17:00:00Z', '2026-03-29T17:00:00Z', '2026-03-27T23:00:00-05:00'];

interface Case {
  readonly orders: AllocatableOrderInput[];
  readonly supply: Record<string, number>;
  readonly quota: Record<string, Record<string, number>> | undefined;
  readonly policy: AllocationPolicyInput;
}

const lineArb = fc.record({ sku: fc.constantFrom(...SKUS), quantity: fc.integer({ min: 1, max: 6 }), unitValue: fc.option(fc.integer({ min: 0, max: 50 }), { nil: undefined }) });
const orderArb = (withHolds: boolean) =>
  fc
    .record({
      channel: fc.constantFrom('web', 'shop'),
      priority: fc.integer({ min: 0, max: 3 }),
      placedAt: fc.constantFrom(...INSTANTS),
      promisedBy: fc.option(fc.constantFrom(...DUE), { nil: undefined }),
      value: fc.option(fc.integer({ min: 0, max: 300 }), { nil: undefined }),
      shipComplete: fc.boolean(),
      lines: fc.array(lineArb, { minLength: 1, maxLength: 4 }),
      hold: withHolds ? fc.option(fc.integer({ min: 1, max: 6 }), { nil: undefined, freq: 3 }) : fc.constant(undefined),
    })
    .map(({ lines, hold, promisedBy, value, ...rest }) => {
      const first = lines[0]!;
      const wanted = lines.filter((l) => l.sku === first.sku).reduce((sum, l) => sum + l.quantity, 0);
      return {
        ...rest,
        ...(promisedBy === undefined ? {} : { promisedBy }),
        ...(value === undefined ? {} : { value }),
        lines: lines.map((l, j) => ({ id: `l${j}`, sku: l.sku, quantity: l.quantity, ...(l.unitValue === undefined ? {} : { unitValue: l.unitValue }) })),
        ...(hold === undefined ? {} : { holds: [{ sku: first.sku, quantity: Math.min(hold, wanted) }] }),
      };
    });
const ordersArb = (withHolds: boolean) =>
  fc.array(orderArb(withHolds), { maxLength: 24 }).map((os) => os.map((o, i): AllocatableOrderInput => ({ id: `o${i}`, ...o })));
const supplyArb = fc.record(Object.fromEntries(SKUS.map((s) => [s, fc.integer({ min: 0, max: 15 })])) as Record<(typeof SKUS)[number], fc.Arbitrary<number>>);
const policyArb: fc.Arbitrary<AllocationPolicyInput> = fc
  .tuple(fc.constantFrom('fifo', 'priority', 'edd', 'fair-share', 'max-value'), fc.option(fc.integer({ min: 0, max: 4 }), { nil: undefined }), fc.boolean())
  .map(([rule, below, preempt]) => ({ rule, ...(preempt ? { preemption: below === undefined ? {} : { belowPriority: below } } : {}) }) as AllocationPolicyInput);
const caseArb = (options: { holds?: boolean; quota?: boolean; policy?: fc.Arbitrary<AllocationPolicyInput> } = {}): fc.Arbitrary<Case> =>
  fc
    .record({ orders: ordersArb(options.holds ?? true), supply: supplyArb, fence: fc.integer({ min: 0, max: 15 }), policy: options.policy ?? policyArb, quota: fc.boolean() })
    .map(({ orders, supply, fence, policy, quota }) => ({
      orders,
      supply,
      quota: quota && (options.quota ?? true) ? { shop: { a: Math.min(fence, supply.a) } } : undefined,
      policy,
    }));
const run = (c: Case): Allocation => allocate(c.orders, c.supply, c.policy, c.quota === undefined ? undefined : { channelQuota: c.quota });
const key = (...parts: string[]) => parts.join('/');
const add = (map: Map<string, number>, k: string, n: number) => map.set(k, (map.get(k) ?? 0) + n);

describe('allocation properties', () => {
  it('never allocates beyond the supply: what is left is the supply less what was given from it', () => {
    fc.assert(
      fc.property(caseArb(), (c) => {
        const result = run(c);
        const given = new Map<string, number>();
        for (const o of result.allocations) for (const l of o.lines) add(given, l.sku, l.quantity);
        for (const p of result.preempted) add(given, p.sku, -p.quantity);
        for (const sku of SKUS) {
          expect(given.get(sku) ?? 0).toBeLessThanOrEqual(c.supply[sku]!);
          expect(result.supplyLeft[sku as keyof Allocation['supplyLeft']]).toBe(c.supply[sku]! - (given.get(sku) ?? 0));
        }
      }),
      { numRuns: 400 },
    );
  });

  it('never lets a channel past its fence and the shared units', () => {
    fc.assert(
      fc.property(caseArb({ policy: policyArb.map((p) => ({ rule: p.rule }) as AllocationPolicyInput) }), (c) => {
        const result = run(c);
        const channelOf = new Map(c.orders.map((o) => [o.id, o.channel]));
        const used = new Map<string, number>();
        for (const o of result.allocations) for (const l of o.lines) add(used, key(channelOf.get(o.order)!, l.sku), l.quantity);
        for (const sku of SKUS) {
          const fence = c.quota?.shop?.[sku] ?? 0;
          const shared = c.supply[sku]! - fence;
          const beyond = Math.max(0, (used.get(key('shop', sku)) ?? 0) - fence) + (used.get(key('web', sku)) ?? 0);
          expect(beyond).toBeLessThanOrEqual(shared);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('fills ship-complete orders all or nothing, and accounts for every unit of every line', () => {
    fc.assert(
      fc.property(caseArb(), (c) => {
        const result = run(c);
        const byId = new Map(c.orders.map((o) => [o.id, o]));
        for (const a of result.allocations) {
          if (byId.get(a.order)!.shipComplete === true) expect(a.complete).toBe(true);
        }
        // quantity = held − pre-empted + allocated + backordered, per order and SKU.
        const balance = new Map<string, number>();
        for (const o of c.orders) {
          for (const l of o.lines) add(balance, key(o.id, l.sku), l.quantity);
          for (const h of o.holds ?? []) add(balance, key(o.id, h.sku), -h.quantity);
        }
        for (const p of result.preempted) add(balance, key(p.order, p.sku), p.quantity);
        for (const a of result.allocations) for (const l of a.lines) add(balance, key(a.order, l.sku), -l.quantity);
        for (const b of result.unallocated) add(balance, key(b.order, b.sku), -b.quantity);
        for (const [k, v] of balance) expect([k, v]).toEqual([k, 0]);
      }),
      { numRuns: 400 },
    );
  });

  it('is deterministic and does not depend on the order orders or SKUs are listed in', () => {
    fc.assert(
      fc.property(caseArb(), fc.infiniteStream(fc.double({ min: 0, max: 1, noNaN: true })), (c, noise) => {
        const first = run(c);
        expect(run(c)).toEqual(first);
        const shuffled = c.orders
          .map((o) => ({ o, r: noise.next().value }))
          .sort((x, y) => x.r - y.r)
          .map((x) => x.o);
        const supply = Object.fromEntries(Object.entries(c.supply).reverse());
        const again = run({ ...c, orders: shuffled, supply });
        expect(again).toEqual(first);
        expect(JSON.stringify(again)).toBe(JSON.stringify(first));
      }),
      { numRuns: 300 },
    );
  });

  it('fair share gives each line within one unit of its proportional share', () => {
    const plain = ordersArb(false).map((os) => os.map((o) => ({ ...o, shipComplete: false })));
    fc.assert(
      fc.property(plain, supplyArb, (orders, supply) => {
        const result = allocate(orders, supply, { rule: 'fair-share' });
        const got = new Map<string, number>();
        for (const a of result.allocations) for (const l of a.lines) got.set(key(a.order, l.line), l.quantity);
        const demand = new Map<string, number>();
        for (const o of orders) for (const l of o.lines) add(demand, l.sku, l.quantity);
        for (const o of orders) {
          for (const l of o.lines) {
            const d = demand.get(l.sku)!;
            const share = d <= supply[l.sku as keyof typeof supply]! ? l.quantity : (supply[l.sku as keyof typeof supply]! * l.quantity) / d;
            expect(Math.abs((got.get(key(o.id, l.id)) ?? 0) - share)).toBeLessThan(1);
          }
        }
      }),
      { numRuns: 400 },
    );
  });

  it('max-value never reports a value above its bound, and fills backorders without exceeding arrivals', () => {
    fc.assert(
      fc.property(caseArb({ holds: false, policy: fc.constant({ rule: 'max-value' }) }), supplyArb, (c, arrivals) => {
        const result = run(c);
        if (result.trace.bound !== undefined) expect(result.value).toBeLessThanOrEqual(result.trace.bound + 1e-6);
        const later = fillBackorders({ orders: c.orders, lines: result.unallocated }, arrivals, c.policy);
        const given = new Map<string, number>();
        for (const a of later.allocations) for (const l of a.lines) add(given, l.sku, l.quantity);
        for (const sku of SKUS) expect(given.get(sku) ?? 0).toBeLessThanOrEqual(arrivals[sku]);
        const wanted = new Map(result.unallocated.map((b) => [key(b.order, b.line), b.quantity]));
        for (const a of later.allocations) for (const l of a.lines) expect(l.quantity).toBeLessThanOrEqual(wanted.get(key(a.order, l.line))!);
      }),
      { numRuns: 200 },
    );
  });

  it('throws only ValidationError on fuzzed input', () => {
    fc.assert(
      fc.property(fc.anything(), fc.anything(), fc.anything(), (orders, supply, policy) => {
        try {
          allocate(orders as AllocatableOrderInput[], supply as Record<string, number>, policy as AllocationPolicyInput);
        } catch (e) {
          expect(e).toBeInstanceOf(ValidationError);
        }
      }),
      { numRuns: 300 },
    );
    fc.assert(
      fc.property(fc.anything(), fc.anything(), (backorders, arrivals) => {
        try {
          fillBackorders(backorders as Parameters<typeof fillBackorders>[0], arrivals as Record<string, number>, { rule: 'fifo' });
        } catch (e) {
          expect(e).toBeInstanceOf(ValidationError);
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe('the fast validator', () => {
  const mutate = fc.oneof(
    fc.constant<Record<string, unknown>>({ id: 'bad id' }),
    fc.constant<Record<string, unknown>>({ priority: Number.POSITIVE_INFINITY }),
    fc.constant<Record<string, unknown>>({ placedAt: '2026-03-27T09:00Z' }),
    fc.constant<Record<string, unknown>>({ placedAt: '2026-13-27T09:00:00Z' }),
    fc.constant<Record<string, unknown>>({ value: -1 }),
    fc.constant<Record<string, unknown>>({ shipComplete: 'yes' }),
    fc.constant<Record<string, unknown>>({ lines: [] }),
    fc.constant<Record<string, unknown>>({ lines: [{ id: 'l1', sku: 'a', quantity: 1.5 }] }),
    fc.constant<Record<string, unknown>>({ lines: [{ id: 'l1', sku: 'a', quantity: 1 }, { id: 'l1', sku: 'b', quantity: 1 }] }),
    fc.constant<Record<string, unknown>>({ holds: [{ sku: 'z', quantity: 1 }] }),
    fc.constant<Record<string, unknown>>({ extra: true }),
    fc.record({ placedAt: fc.string({ maxLength: 30 }) }),
    fc.record({ channel: fc.string({ maxLength: 5 }) }),
    fc.constant<Record<string, unknown>>({}),
  );

  it('passes only what the schema passes', () => {
    fc.assert(
      fc.property(ordersArb(true), fc.array(mutate, { maxLength: 3 }), (orders, changes) => {
        const changed = orders.map((o, i) => (i < changes.length ? { ...o, ...changes[i] } : o));
        if (fastOrders(changed)) expect(changed.every((o) => AllocatableOrder.safeParse(o).success)).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it('reads instants as zod does', () => {
    const instantLike = fc
      .tuple(fc.date({ min: new Date('1900-01-01'), max: new Date('2200-01-01'), noInvalidDate: true }), fc.constantFrom('', 'Z', '+02:00', '-11:30', '+24:00', 'z'), fc.integer({ min: 0, max: 25 }))
      .map(([d, zone, cut]) => {
        const iso = d.toISOString().slice(0, 19 + (cut % 5));
        return `${iso}${zone}`;
      });
    fc.assert(
      fc.property(fc.oneof(instantLike, fc.string({ maxLength: 30 })), (placedAt) => {
        const o = { id: 'o1', channel: 'web', placedAt, lines: [{ id: 'l1', sku: 'a', quantity: 1 }] };
        expect(fastOrders([o])).toBe(Instant.safeParse(placedAt).success);
      }),
      { numRuns: 1000 },
    );
  });
});
