import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../src/domain/errors';
import {
  economicOrderQuantity,
  inventoryPosition,
  inverseNormalCdf,
  type ReplenishmentItemInput,
  type ReplenishmentPolicyInput,
  type ReplenishmentSuggestion,
  reorderPoint,
  roundOrderQuantity,
  safetyStock,
  suggestReplenishment,
} from '../../src/inventory/replenishment';
import { issuePaths } from '../support/validation';

const Z95 = 1.6448536269514722;
const TODAY = '2026-03-27';

/** d = 10/day, L = 5 days; with safety stock fixed at 20 the reorder point is 10 × 5 + 20 = 70. */
const item = (node: string, onHand: number, extra: Partial<ReplenishmentItemInput> = {}): ReplenishmentItemInput => ({
  node: node as ReplenishmentItemInput['node'],
  sku: 'tee' as ReplenishmentItemInput['sku'],
  onHand,
  reserved: 0,
  allocated: 0,
  demand: { meanPerDay: 10 },
  leadTime: { meanDays: 5 },
  unitCost: 4,
  ...extra,
});
/** Reorder point 70; EOQ 0 (no ordering cost): order what lifts the position above 70. */
const ROP: ReplenishmentPolicyInput = { method: 'reorder-point', safetyStock: 20 };
/** EOQ √(2 × 3650 × 73 / (4 × 0.25)) = √532900 = 730. */
const WITH_EOQ = { orderingCost: 73, holdingRate: 0.25 } as const;

const brief = (s: readonly ReplenishmentSuggestion[]) =>
  s.map((x) => ({ kind: x.kind, node: x.node, quantity: x.quantity, orderBy: x.orderBy, ...(x.kind === 'transfer' ? { from: x.from } : {}) }));

describe('inverse standard normal CDF', () => {
  it.each([
    [0.5, 0],
    [0.95, Z95],
    [0.99, 2.3263478740408408],
    [0.975, 1.959963984540054],
    [0.001, -3.090232306167813],
    [0.999999, 4.753424308822899],
  ])('z(%f) = %f to 1e-8', (p, z) => {
    expect(Math.abs(inverseNormalCdf(p) - z)).toBeLessThan(1e-8 * Math.max(1, Math.abs(z)));
  });

  it('is symmetric: z(1 − p) = −z(p)', () => {
    for (const p of [0.001, 0.02, 0.1, 0.3]) expect(inverseNormalCdf(1 - p)).toBeCloseTo(-inverseNormalCdf(p), 8);
  });

  it.each([0, 1, -0.1, Number.NaN])('refuses p = %f', (p) => {
    expect(() => inverseNormalCdf(p)).toThrow(ValidationError);
  });
});

describe('safety stock, reorder point, EOQ', () => {
  it('safety stock against demand variation only: z × √(L·σd²)', () => {
    // 1.6449 × √(4 × 5²) = 1.6449 × 10
    expect(safetyStock({ serviceLevel: 0.95, demand: { meanPerDay: 20, sdPerDay: 5 }, leadTime: { meanDays: 4 } })).toBeCloseTo(10 * Z95, 7);
  });

  it('safety stock with lead-time variation and a review period: z × √((L+R)·σd² + d²·σL²)', () => {
    // √((4 + 3) × 25 + 400 × 1) = √575
    const ss = safetyStock({ serviceLevel: 0.95, demand: { meanPerDay: 20, sdPerDay: 5 }, leadTime: { meanDays: 4, sdDays: 1 }, reviewPeriodDays: 3 });
    expect(ss).toBeCloseTo(Math.sqrt(575) * Z95, 7);
    expect(ss).toBeCloseTo(39.4424, 3);
  });

  it('no variation, or a 50% service level, needs no safety stock', () => {
    expect(safetyStock({ serviceLevel: 0.99, demand: { meanPerDay: 20 }, leadTime: { meanDays: 4 } })).toBe(0);
    expect(safetyStock({ serviceLevel: 0.5, demand: { meanPerDay: 20, sdPerDay: 5 }, leadTime: { meanDays: 4, sdDays: 2 } })).toBe(0);
  });

  it('reorder point = d·L + SS', () => {
    expect(reorderPoint({ demand: { meanPerDay: 20 }, leadTime: { meanDays: 4 }, safetyStock: 16.5 })).toBe(96.5);
  });

  it('EOQ = √(2·D·S / (unit cost × holding rate))', () => {
    // √(2 × 7300 × 50 / 2) = √365000
    expect(economicOrderQuantity({ annualDemand: 7300, orderingCost: 50, unitCost: 10, holdingRate: 0.2 })).toBeCloseTo(604.1523, 4);
    expect(economicOrderQuantity({ annualDemand: 0, orderingCost: 50, unitCost: 10, holdingRate: 0.2 })).toBe(0);
  });

  it.each([
    [37, {}, 37],
    [36.2, {}, 37],
    [37, { packSize: 12 }, 48],
    [48, { packSize: 12 }, 48],
    [37, { packSize: 12, minOrderQuantity: 50 }, 60],
    [37, { minOrderQuantity: 50 }, 50],
    [0, { packSize: 12, minOrderQuantity: 50 }, 0],
    [-3, {}, 0],
  ])('rounds %f with %o to %i', (q, rounding, expected) => {
    expect(roundOrderQuantity(q, rounding)).toBe(expected);
  });

  it('refuses bad figures with their paths', () => {
    expect(issuePaths(() => safetyStock({ serviceLevel: 1.2, demand: { meanPerDay: -1 }, leadTime: { meanDays: 4 } }))).toEqual([
      ['serviceLevel'],
      ['demand', 'meanPerDay'],
    ]);
    expect(issuePaths(() => roundOrderQuantity(10, { packSize: 0 }))).toEqual([['packSize']]);
  });
});

describe('inventory position', () => {
  it('is on hand − reserved − allocated − backordered + all open inbound', () => {
    const inbound = [
      { quantity: 50, expectedAt: '2026-03-30' },
      { quantity: 5, expectedAt: '2026-03-01' },
    ];
    expect(inventoryPosition({ onHand: 40, reserved: 5, allocated: 3, backordered: 2, inbound })).toBe(85);
    expect(inventoryPosition({ onHand: 0, reserved: 0, allocated: 0, backordered: 7, inbound: [] })).toBe(-7);
  });
});

describe('reorder-point policy', () => {
  it('orders at the reorder point, not one unit above it', () => {
    expect(brief(suggestReplenishment([item('a', 70)], ROP, TODAY))).toEqual([{ kind: 'purchase', node: 'a', quantity: 1, orderBy: TODAY }]);
    expect(suggestReplenishment([item('a', 71)], ROP, TODAY)).toEqual([]);
  });

  it('orders the EOQ when it lifts the position above the reorder point, with the figures behind it', () => {
    // position 50 − 5 − 3 − 2 = 40 ≤ 70: max(730, 31) = 730, in packs of 12: 732, arriving in 5 days
    const [s] = suggestReplenishment([item('a', 50, { reserved: 5, allocated: 3, backordered: 2 })], { ...ROP, ...WITH_EOQ, packSize: 12 }, TODAY);
    expect(s).toEqual({
      kind: 'purchase',
      node: 'a',
      sku: 'tee',
      quantity: 732,
      orderBy: TODAY,
      expectedArrival: '2026-04-01',
      reason: {
        method: 'reorder-point',
        inventoryPosition: 40,
        projectedPosition: 40,
        safetyStock: 20,
        reorderPoint: 70,
        economicOrderQuantity: 730,
        requirement: 730,
      },
    });
  });

  it('orders the gap when it is more than the EOQ, rounded to packs and the minimum order quantity', () => {
    // gap to above 70 from 40 = 31
    expect(suggestReplenishment([item('a', 40)], ROP, TODAY)[0]?.quantity).toBe(31);
    expect(suggestReplenishment([item('a', 40)], { ...ROP, packSize: 12 }, TODAY)[0]?.quantity).toBe(36);
    expect(suggestReplenishment([item('a', 40)], { ...ROP, packSize: 12, minOrderQuantity: 50 }, TODAY)[0]?.quantity).toBe(60);
  });

  it('computes safety stock from the service level, or takes the position’s own', () => {
    // SS = 1.6449 × √(5 × 3²) = 11.03; ROP = 61.03: position 61 orders, 62 does not
    const variable = { demand: { meanPerDay: 10, sdPerDay: 3 } };
    const policy: ReplenishmentPolicyInput = { method: 'reorder-point' };
    const [s] = suggestReplenishment([item('a', 61, variable)], policy, TODAY);
    expect(s?.reason.safetyStock).toBeCloseTo(Z95 * Math.sqrt(45), 7);
    expect(s?.quantity).toBe(1);
    expect(suggestReplenishment([item('a', 62, variable)], policy, TODAY)).toEqual([]);
    expect(suggestReplenishment([item('a', 62, { ...variable, safety: 30 })], policy, TODAY)[0]?.reason.reorderPoint).toBe(80);
    expect(suggestReplenishment([item('a', 62)], { method: 'reorder-point', reorderPoint: 62 }, TODAY)[0]?.quantity).toBe(1);
  });

  it('counts open inbound in the position', () => {
    const inbound = [
      { quantity: 30, expectedAt: '2026-04-02' },
      { quantity: 25, expectedAt: '2026-03-20' },
    ];
    // 20 + 55 = 75 > 70: nothing; without the inbound, 20 ≤ 70
    expect(suggestReplenishment([item('a', 20, { inbound })], ROP, TODAY)).toEqual([]);
    expect(suggestReplenishment([item('a', 20)], ROP, TODAY)[0]?.quantity).toBe(51);
  });

  it('projects the day to order within the horizon at mean demand', () => {
    // 100 − 10·t ≤ 70 on day 3; projected position 70, so the gap is 1 and the EOQ 730 wins
    const [s] = suggestReplenishment([item('a', 100)], { ...ROP, ...WITH_EOQ, horizonDays: 5 }, TODAY);
    expect(s).toMatchObject({ quantity: 730, orderBy: '2026-03-30', expectedArrival: '2026-04-04', reason: { inventoryPosition: 100, projectedPosition: 70 } });
    // 7 a day, reorder point fixed at 70: 100 − 7·5 = 65 ≤ 70 on day 5 (day 4: 72)
    const [f] = suggestReplenishment([item('a', 100, { demand: { meanPerDay: 7 } })], { method: 'reorder-point', reorderPoint: 70, horizonDays: 5 }, TODAY);
    expect(f).toMatchObject({ orderBy: '2026-04-01', reason: { projectedPosition: 65 } });
    expect(suggestReplenishment([item('a', 100)], { ...ROP, horizonDays: 2 }, TODAY)).toEqual([]);
    expect(suggestReplenishment([item('a', 100, { demand: { meanPerDay: 0 } })], { ...ROP, horizonDays: 3650 }, TODAY)).toEqual([]);
  });
});

describe('min-max policy', () => {
  it('derives min = ROP and max = ROP + EOQ, and orders up to max at min', () => {
    const policy: ReplenishmentPolicyInput = { method: 'min-max', safetyStock: 20, ...WITH_EOQ };
    const [s] = suggestReplenishment([item('a', 70)], policy, TODAY);
    expect(s).toMatchObject({ quantity: 730, reason: { method: 'min-max', min: 70, max: 800 } });
    expect(suggestReplenishment([item('a', 71)], policy, TODAY)).toEqual([]);
  });

  it('takes min and max given, rounding the order up to packs', () => {
    const policy: ReplenishmentPolicyInput = { method: 'min-max', min: 40, max: 120, packSize: 25 };
    expect(brief(suggestReplenishment([item('a', 40)], policy, TODAY))).toEqual([{ kind: 'purchase', node: 'a', quantity: 100, orderBy: TODAY }]);
    expect(suggestReplenishment([item('a', 41)], policy, TODAY)).toEqual([]);
  });

  it('orders nothing when min = max and the position is there', () => {
    expect(suggestReplenishment([item('a', 40)], { method: 'min-max', min: 40, max: 40 }, TODAY)).toEqual([]);
  });
});

describe('periodic policy', () => {
  // target = 10 × (5 + 7) + 20 = 140
  const policy: ReplenishmentPolicyInput = { method: 'periodic', reviewPeriodDays: 7, safetyStock: 20 };

  it('orders up to d·(L + R) + SS on a review day', () => {
    const [s] = suggestReplenishment([item('a', 40)], policy, TODAY);
    expect(s).toMatchObject({ quantity: 100, orderBy: TODAY, reason: { method: 'periodic', target: 140 } });
    expect(suggestReplenishment([item('a', 140)], policy, TODAY)).toEqual([]);
    expect(suggestReplenishment([item('a', 139)], policy, TODAY)[0]?.quantity).toBe(1);
  });

  it('waits for the next review from the anchor', () => {
    // anchor Monday 2026-03-23, today Friday: next review Monday 2026-03-30, position then 40 − 30 = 10
    const anchored = { ...policy, reviewAnchor: '2026-03-23' };
    expect(suggestReplenishment([item('a', 40)], anchored, TODAY)).toEqual([]);
    const [s] = suggestReplenishment([item('a', 40)], { ...anchored, horizonDays: 3 }, TODAY);
    expect(s).toMatchObject({ quantity: 130, orderBy: '2026-03-30', reason: { projectedPosition: 10 } });
    // an anchor in the future counts back whole periods: 2026-04-10 − 14 days = 2026-03-27, today
    expect(suggestReplenishment([item('a', 40)], { ...policy, reviewAnchor: '2026-04-10' }, TODAY)[0]?.orderBy).toBe(TODAY);
  });
});

describe('suggestions', () => {
  it('come sorted by SKU, then node, whatever the input order', () => {
    const sku = (s: string) => s as ReplenishmentItemInput['sku'];
    const items = [item('b', 0, { sku: sku('z') }), item('b', 0), item('a', 0, { sku: sku('z') }), item('a', 0)];
    const order = suggestReplenishment(items, ROP, TODAY).map((s) => `${s.sku}@${s.node}`);
    expect(order).toEqual(['tee@a', 'tee@b', 'z@a', 'z@b']);
    expect(suggestReplenishment([...items].reverse(), ROP, TODAY)).toEqual(suggestReplenishment(items, ROP, TODAY));
  });

  it('take one policy per item', () => {
    const s = suggestReplenishment([item('a', 40), item('b', 40)], [ROP, { method: 'min-max', min: 40, max: 100 }], TODAY);
    expect(s.map((x) => [x.node, x.reason.method, x.quantity])).toEqual([
      ['a', 'reorder-point', 31],
      ['b', 'min-max', 60],
    ]);
  });
});

describe('bad input', () => {
  it('throws ValidationError with the path of every issue', () => {
    const bad = [
      item('a', -1),
      item('b', 10, { demand: { meanPerDay: Number.NaN }, inbound: [{ quantity: 0, expectedAt: '2026-13-01' }] }),
      item('a', 5),
    ];
    expect(issuePaths(() => suggestReplenishment(bad, { method: 'reorder-point', packSize: 1.5 }, '27/03/2026'))).toEqual([
      ['items', 0, 'onHand'],
      ['items', 1, 'inbound', 0, 'quantity'],
      ['items', 1, 'inbound', 0, 'expectedAt'],
      ['items', 1, 'demand', 'meanPerDay'],
      ['policy', 'packSize'],
      ['today'],
    ]);
  });

  it('names duplicate items, unknown methods, stray keys and mismatched per-item policies', () => {
    expect(issuePaths(() => suggestReplenishment([item('a', 1), item('a', 2)], ROP, TODAY))).toEqual([['items', 1, 'sku']]);
    expect(issuePaths(() => suggestReplenishment([item('a', 1)], { method: 'kanban' } as never, TODAY))).toEqual([['policy', 'method']]);
    expect(issuePaths(() => suggestReplenishment([{ ...item('a', 1), colour: 'red' } as never], ROP, TODAY))).toEqual([['items', 0]]);
    expect(issuePaths(() => suggestReplenishment([item('a', 1), item('b', 1)], [ROP], TODAY))).toEqual([['policy']]);
    expect(issuePaths(() => suggestReplenishment([item('a', 1)], [{ method: 'min-max', min: 50, max: 10 }], TODAY))).toEqual([['policy', 0, 'max']]);
    expect(issuePaths(() => suggestReplenishment([item('a:1', 1)], ROP, TODAY))).toEqual([['items', 0, 'node']]);
  });
});
