import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../src/domain/errors';
import {
  inventoryPosition,
  type ReplenishmentItemInput,
  type ReplenishmentPolicyInput,
  type ReplenishmentSuggestion,
  reorderPoint,
  safetyStock,
  suggestReplenishment,
} from '../../src/inventory/replenishment';

const TODAY = '2026-03-27';
type Item = ReplenishmentItemInput;
type Policy = ReplenishmentPolicyInput;

const figure = (max: number) => fc.double({ min: 0, max, noNaN: true });
const itemArb: fc.Arbitrary<Item> = fc.record(
  {
    node: fc.constantFrom('n1', 'n2', 'n3', 'n4') as fc.Arbitrary<Item['node']>,
    sku: fc.constantFrom('a', 'b') as fc.Arbitrary<Item['sku']>,
    onHand: fc.integer({ min: 0, max: 1000 }),
    reserved: fc.integer({ min: 0, max: 200 }),
    allocated: fc.integer({ min: 0, max: 200 }),
    backordered: fc.integer({ min: 0, max: 100 }),
    safety: fc.integer({ min: 0, max: 100 }),
    inbound: fc.array(fc.record({ quantity: fc.integer({ min: 1, max: 300 }), expectedAt: fc.constantFrom('2026-03-01', '2026-04-15') }), { maxLength: 3 }),
    demand: fc.record({ meanPerDay: figure(50), sdPerDay: figure(20) }),
    leadTime: fc.record({ meanDays: figure(20), sdDays: figure(5) }),
    unitCost: fc.double({ min: 0.01, max: 100, noNaN: true }),
    transferLeadTimeDays: fc.integer({ min: 0, max: 10 }),
  },
  { requiredKeys: ['node', 'sku', 'onHand', 'reserved', 'allocated', 'inbound', 'demand', 'leadTime', 'unitCost'] },
);
const itemsArb = fc.uniqueArray(itemArb, { selector: (i) => `${i.node}/${i.sku}`, maxLength: 8 });

const commonArb = (horizon: fc.Arbitrary<number>) =>
  fc.record(
    {
      serviceLevel: fc.double({ min: 0.5, max: 0.999, noNaN: true }),
      orderingCost: figure(200),
      holdingRate: fc.double({ min: 0.05, max: 1, noNaN: true }),
      packSize: fc.integer({ min: 1, max: 24 }),
      minOrderQuantity: fc.integer({ min: 1, max: 100 }),
      safetyStock: figure(100),
      reorderPoint: figure(400),
      horizonDays: horizon,
    },
    { requiredKeys: ['serviceLevel', 'orderingCost', 'holdingRate', 'packSize', 'minOrderQuantity', 'horizonDays'] },
  );
const reorderPointArb = (horizon: fc.Arbitrary<number>): fc.Arbitrary<Policy> =>
  fc.tuple(commonArb(horizon), fc.integer({ min: 0, max: 7 })).map(([c, reviewPeriodDays]) => ({ method: 'reorder-point', ...c, reviewPeriodDays }));
const minMaxArb = (horizon: fc.Arbitrary<number>): fc.Arbitrary<Policy> =>
  fc
    .tuple(commonArb(horizon), fc.option(fc.tuple(figure(300), figure(300)), { nil: undefined }))
    .map(([c, minMax]) => ({ method: 'min-max', ...c, ...(minMax ? { min: Math.min(...minMax), max: Math.max(...minMax) } : {}) }));
const periodicArb = (horizon: fc.Arbitrary<number>): fc.Arbitrary<Policy> =>
  fc
    .tuple(commonArb(horizon), fc.integer({ min: 1, max: 14 }), fc.option(fc.constantFrom('2026-03-20', '2026-03-25', '2026-04-09'), { nil: undefined }))
    .map(([c, reviewPeriodDays, reviewAnchor]) => ({ method: 'periodic', ...c, reviewPeriodDays, ...(reviewAnchor ? { reviewAnchor } : {}) }));
const anyPolicyArb = (horizon: fc.Arbitrary<number>) => fc.oneof(reorderPointArb(horizon), minMaxArb(horizon), periodicArb(horizon));

/** Items with one policy each, from `policyArb`. */
const plannedArb = (policyArb: fc.Arbitrary<Policy>) =>
  itemsArb.chain((items) => fc.tuple(fc.constant(items), fc.array(policyArb, { minLength: items.length, maxLength: items.length })));

const key = (node: string, sku: string) => `${node}/${sku}`;
/** Net units each item gains from the suggestions: bought and received, less given. */
function netChange(suggestions: readonly ReplenishmentSuggestion[]): Map<string, number> {
  const net = new Map<string, number>();
  const add = (k: string, q: number) => net.set(k, (net.get(k) ?? 0) + q);
  for (const s of suggestions) {
    add(key(s.node, s.sku), s.quantity);
    if (s.kind === 'transfer') add(key(s.from, s.sku), -s.quantity);
  }
  return net;
}
/** The reorder point computed with the public formulas, independently of the engine. */
function ropOf(item: Item, policy: Policy): number {
  const ss =
    policy.safetyStock ??
    item.safety ??
    safetyStock({ serviceLevel: policy.serviceLevel ?? 0.95, demand: item.demand, leadTime: item.leadTime, reviewPeriodDays: policy.reviewPeriodDays ?? 0 });
  return policy.reorderPoint ?? reorderPoint({ demand: item.demand, leadTime: item.leadTime, safetyStock: ss });
}

describe('replenishment properties', () => {
  it('reorder-point: after the suggestions every position is above its reorder point', () => {
    fc.assert(
      fc.property(plannedArb(reorderPointArb(fc.constant(0))), ([items, policies]) => {
        const net = netChange(suggestReplenishment(items, policies, TODAY));
        items.forEach((item, i) => {
          const after = inventoryPosition(item) + (net.get(key(item.node, item.sku)) ?? 0);
          expect(after).toBeGreaterThan(ropOf(item, policies[i]!));
        });
      }),
    );
  });

  it('min-max: after the suggestions every position is at least min', () => {
    fc.assert(
      fc.property(plannedArb(minMaxArb(fc.constant(0))), ([items, policies]) => {
        const net = netChange(suggestReplenishment(items, policies, TODAY));
        items.forEach((item, i) => {
          const policy = policies[i]!;
          const min = policy.method === 'min-max' && policy.min !== undefined ? policy.min : ropOf(item, policy);
          expect(inventoryPosition(item) + (net.get(key(item.node, item.sku)) ?? 0)).toBeGreaterThanOrEqual(min);
        });
      }),
    );
  });

  it('quantities are whole packs; purchases are at least the minimum order quantity; dates are in order', () => {
    fc.assert(
      fc.property(plannedArb(anyPolicyArb(fc.integer({ min: 0, max: 30 }))), ([items, policies]) => {
        const policyOf = new Map(items.map((item, i) => [key(item.node, item.sku), policies[i]!]));
        for (const s of suggestReplenishment(items, policies, TODAY)) {
          const policy = policyOf.get(key(s.node, s.sku))!;
          expect(Number.isInteger(s.quantity)).toBe(true);
          expect(s.quantity).toBeGreaterThan(0);
          expect(s.quantity % (policy.packSize ?? 1)).toBe(0);
          if (s.kind === 'purchase') expect(s.quantity).toBeGreaterThanOrEqual(policy.minOrderQuantity ?? 1);
          expect(s.orderBy >= TODAY && s.orderBy <= addDays(TODAY, policy.horizonDays ?? 0)).toBe(true);
          expect(s.expectedArrival >= s.orderBy).toBe(true);
        }
      }),
    );
  });

  it('transfers never take a giver to or below its own reorder point (min, for min-max)', () => {
    fc.assert(
      fc.property(plannedArb(anyPolicyArb(fc.integer({ min: 0, max: 30 }))), ([items, policies]) => {
        const given = new Map<string, number>();
        for (const s of suggestReplenishment(items, policies, TODAY)) {
          if (s.kind === 'transfer') given.set(key(s.from, s.sku), (given.get(key(s.from, s.sku)) ?? 0) + s.quantity);
        }
        items.forEach((item, i) => {
          const out = given.get(key(item.node, item.sku));
          if (out === undefined) return;
          const policy = policies[i]!;
          const kept = inventoryPosition(item) - out;
          expect(item.transferLeadTimeDays).toBeDefined();
          if (policy.method === 'periodic') expect(kept).toBeGreaterThanOrEqual(ropOf(item, policy));
          else if (policy.method === 'min-max' && policy.min !== undefined) expect(kept).toBeGreaterThan(policy.min);
          else expect(kept).toBeGreaterThan(ropOf(item, policy));
        });
      }),
    );
  });

  it('is deterministic and independent of the order of the items', () => {
    fc.assert(
      fc.property(itemsArb, anyPolicyArb(fc.integer({ min: 0, max: 30 })), fc.integer({ min: 0, max: 7 }), (items, policy, shift) => {
        const once = suggestReplenishment(items, policy, TODAY);
        expect(suggestReplenishment(structuredClone(items), structuredClone(policy), TODAY)).toEqual(once);
        const rotated = items.map((_, i) => items[(i + shift) % items.length]!);
        expect(suggestReplenishment(rotated, policy, TODAY)).toEqual(once);
      }),
    );
  });

  it('throws nothing but ValidationError, whatever it is given', () => {
    fc.assert(
      fc.property(fc.anything(), fc.anything(), fc.anything(), (items, policy, today) => {
        try {
          suggestReplenishment(items as Item[], policy as Policy, today as string);
        } catch (e) {
          expect(e).toBeInstanceOf(ValidationError);
        }
      }),
    );
    fc.assert(
      fc.property(itemsArb, fc.anything(), (items, junk) => {
        const broken = items.map((item, i) => (i === 0 ? { ...item, demand: junk } : item));
        try {
          suggestReplenishment(broken as Item[], { method: 'reorder-point' }, TODAY);
        } catch (e) {
          expect(e).toBeInstanceOf(ValidationError);
          expect((e as ValidationError).issues.every((issue) => issue.path[0] === 'items' && issue.path[1] === 0)).toBe(true);
        }
      }),
    );
  });
});

function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}
