import { describe, expect, it } from 'vitest';
import { type ReplenishmentItemInput, type ReplenishmentPolicyInput, type ReplenishmentSuggestion, suggestReplenishment } from '../../src/inventory/replenishment';

const TODAY = '2026-03-27';

/** d = 10/day, purchase lead time 5 days. */
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
/** Reorder point 10 × 5 + 20 = 70; EOQ 0 (no ordering cost): order what lifts the position above 70. */
const ROP: ReplenishmentPolicyInput = { method: 'reorder-point', safetyStock: 20 };

const brief = (s: readonly ReplenishmentSuggestion[]) =>
  s.map((x) => ({ kind: x.kind, node: x.node, quantity: x.quantity, orderBy: x.orderBy, ...(x.kind === 'transfer' ? { from: x.from } : {}) }));

describe('transfers between nodes', () => {
  it('prefers a transfer from a node above its ceiling with a shorter lead time', () => {
    // b: 200 − ceiling 71 (ROP 70 + EOQ 0, kept above the ROP) = 129 free; a needs 31
    const s = suggestReplenishment([item('a', 40), item('b', 200, { transferLeadTimeDays: 1 })], ROP, TODAY);
    expect(s).toHaveLength(1);
    expect(s[0]).toMatchObject({
      kind: 'transfer',
      node: 'a',
      from: 'b',
      quantity: 31,
      orderBy: TODAY,
      expectedArrival: '2026-03-28',
      donor: { inventoryPosition: 200, ceiling: 71, available: 129 },
    });
  });

  it('transfers at most the giver’s excess and purchases the rest', () => {
    // b: 90 − 71 = 19 free; a needs 31: transfer 19, buy 12
    const s = suggestReplenishment([item('a', 40), item('b', 90, { transferLeadTimeDays: 1 })], ROP, TODAY);
    expect(brief(s)).toEqual([
      { kind: 'transfer', node: 'a', from: 'b', quantity: 19, orderBy: TODAY },
      { kind: 'purchase', node: 'a', quantity: 12, orderBy: TODAY },
    ]);
  });

  it('moves whole packs, and the purchased rest keeps the minimum order quantity', () => {
    // packs of 12: a wants 36; b has 19 free, gives 12; buy 24 → minimum 50 → 60
    const s = suggestReplenishment([item('a', 40), item('b', 90, { transferLeadTimeDays: 1 })], { ...ROP, packSize: 12, minOrderQuantity: 50 }, TODAY);
    expect(brief(s)).toEqual([
      { kind: 'transfer', node: 'a', from: 'b', quantity: 12, orderBy: TODAY },
      { kind: 'purchase', node: 'a', quantity: 60, orderBy: TODAY },
    ]);
  });

  it('takes from the fastest giver first, then others', () => {
    const s = suggestReplenishment(
      [item('a', 40), item('b', 80, { transferLeadTimeDays: 2 }), item('c', 80, { transferLeadTimeDays: 1 })],
      ROP,
      TODAY,
    );
    // c (1 day) gives its 9, b (2 days) its 9, buy 13
    expect(brief(s)).toEqual([
      { kind: 'transfer', node: 'a', from: 'b', quantity: 9, orderBy: TODAY },
      { kind: 'transfer', node: 'a', from: 'c', quantity: 9, orderBy: TODAY },
      { kind: 'purchase', node: 'a', quantity: 13, orderBy: TODAY },
    ]);
    expect(s.find((x) => x.kind === 'transfer' && x.from === 'c')?.expectedArrival).toBe('2026-03-28');
  });

  it('purchases when no giver is faster than the supplier, has stock to spare, or can ship', () => {
    const purchaseOnly = [{ kind: 'purchase', node: 'a', quantity: 31, orderBy: TODAY }];
    expect(brief(suggestReplenishment([item('a', 40), item('b', 200, { transferLeadTimeDays: 5 })], ROP, TODAY))).toEqual(purchaseOnly);
    expect(brief(suggestReplenishment([item('a', 40), item('b', 71, { transferLeadTimeDays: 1 })], ROP, TODAY))).toEqual(purchaseOnly);
    expect(brief(suggestReplenishment([item('a', 40), item('b', 200)], ROP, TODAY))).toEqual(purchaseOnly);
    const otherSku = item('b', 200, { sku: 'cap' as ReplenishmentItemInput['sku'], transferLeadTimeDays: 1 });
    expect(brief(suggestReplenishment([item('a', 40), otherSku], ROP, TODAY))).toEqual(purchaseOnly);
  });

  it('uses the giver’s max under min-max, and shares one giver between two needy nodes in order', () => {
    const policy: ReplenishmentPolicyInput = { method: 'min-max', min: 40, max: 100 };
    // c: 150 − 100 = 50 free; a needs 70 (first by node), b needs 65
    const s = suggestReplenishment([item('b', 35), item('a', 30), item('c', 150, { transferLeadTimeDays: 1 })], policy, TODAY);
    expect(brief(s)).toEqual([
      { kind: 'transfer', node: 'a', from: 'c', quantity: 50, orderBy: TODAY },
      { kind: 'purchase', node: 'a', quantity: 20, orderBy: TODAY },
      { kind: 'purchase', node: 'b', quantity: 65, orderBy: TODAY },
    ]);
  });
});

describe('extreme figures', () => {
  it('still give finite whole quantities, and return', () => {
    const huge = item('a', 0, {
      reserved: Number.MAX_SAFE_INTEGER,
      demand: { meanPerDay: 1e9, sdPerDay: 1e9 },
      leadTime: { meanDays: 3650, sdDays: 3650 },
      unitCost: 1e-6,
    });
    const policies: ReplenishmentPolicyInput[] = [
      { method: 'reorder-point', serviceLevel: 0.999999, orderingCost: 1e12, holdingRate: 1e-4, packSize: 1e9, minOrderQuantity: 1e9, horizonDays: 3650 },
      { method: 'min-max', max: 1e15, horizonDays: 3650 },
      { method: 'periodic', reviewPeriodDays: 3650, reviewAnchor: '2026-01-01', horizonDays: 3650 },
    ];
    for (const policy of policies) {
      const [s] = suggestReplenishment([huge, item('b', Number.MAX_SAFE_INTEGER, { transferLeadTimeDays: 0 })], policy, TODAY);
      expect(Number.isFinite(s?.quantity)).toBe(true);
      expect(s?.quantity).toBeGreaterThan(0);
    }
  });
});
