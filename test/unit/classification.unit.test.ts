import { describe, expect, it } from 'vitest';
import {
  type ClassifiableItemInput,
  type ClassificationPolicyInput,
  classifyInventory,
  type ItemClassification,
} from '../../src/inventory/classification/index';

const TODAY = '2026-03-27';

/** The ISO date `days` before TODAY. */
const daysAgo = (days: number) => new Date(Date.parse(`${TODAY}T00:00:00Z`) - days * 86_400_000).toISOString().slice(0, 10);

/** An item whose annual units are `units` exactly: one period of 365 days. */
const yearly = (sku: string, unitValue: number, units: number): ClassifiableItemInput => ({
  sku,
  unitValue,
  onHand: 0,
  demand: [units],
  periodDays: 365,
});

const run = (items: readonly ClassifiableItemInput[], policy?: ClassificationPolicyInput) => classifyInventory(items, policy, TODAY);
const only = (item: ClassifiableItemInput, policy?: ClassificationPolicyInput): ItemClassification => run([item], policy).items[0]!;
const bySku = (items: readonly ItemClassification[]) => Object.fromEntries(items.map((i) => [i.sku, i]));

/**
 * Ten items, total annual value 1000 (unit value × units):
 *   rank sku  value  share before → after  class
 *   1    p     420   0.00 → 0.42            A
 *   2    q     300   0.42 → 0.72            A
 *   3    r1    100   0.72 → 0.82            A  crosses 0.8: stays A
 *   4    r2    100   0.82 → 0.92            B  tied with r1, ranked after it by SKU
 *   5    s      30   0.92 → 0.95            B  ends exactly on 0.95
 *   6    t      20   0.95 → 0.97            C  starts on the cut-off: C
 *   7    u      15   0.97 → 0.985           C
 *   8    v      10   0.985 → 0.995          C
 *   9    w       5   0.995 → 1.00           C
 *  10    z       0   1.00                   C  zero value
 * Listed out of order (r2 before r1) so the tie is decided by SKU, not by input position.
 */
const CATALOGUE: ClassifiableItemInput[] = [
  yearly('w', 1, 5),
  yearly('r2', 2, 50),
  yearly('p', 4.2, 100),
  yearly('z', 9, 0),
  yearly('u', 0.5, 30),
  yearly('r1', 1, 100),
  yearly('q', 3, 100),
  yearly('v', 10, 1),
  yearly('t', 2, 10),
  yearly('s', 3, 10),
];

describe('ABC by annual consumption value', () => {
  const result = run(CATALOGUE);

  it('ranks by value, highest first, ties by SKU', () => {
    expect(result.items.map((i) => i.sku)).toEqual(['p', 'q', 'r1', 'r2', 's', 't', 'u', 'v', 'w', 'z']);
    expect(result.items.map((i) => i.abc.rank)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(result.items.map((i) => i.abc.annualValue)).toEqual([420, 300, 100, 100, 30, 20, 15, 10, 5, 0]);
    expect(result.summary.totalAnnualValue).toBe(1000);
  });

  it('cuts at 80 % and 95 % by the share of the items ranked above', () => {
    expect(result.items.map((i) => i.abc.class).join('')).toBe('AAABBCCCCC');
    expect(result.items.map((i) => i.abc.shareBefore)).toEqual([0, 0.42, 0.72, 0.82, 0.92, 0.95, 0.97, 0.985, 0.995, 1]);
    expect(result.items.map((i) => i.abc.cumulativeShare)).toEqual([0.42, 0.72, 0.82, 0.92, 0.95, 0.97, 0.985, 0.995, 1, 1]);
  });

  it('keeps the item that crosses a cut-off in the class it crosses out of', () => {
    const { r1 } = bySku(result.items);
    expect(r1!.abc).toEqual({
      class: 'A',
      rank: 3,
      annualValue: 100,
      share: 0.1,
      shareBefore: 0.72,
      cumulativeShare: 0.82,
      rule: 'share-before-below-a',
    });
  });

  it('splits a tie by SKU: the earlier SKU takes the higher class', () => {
    const { r1, r2 } = bySku(result.items);
    expect([r1!.abc.class, r2!.abc.class]).toEqual(['A', 'B']);
    expect(r2!.abc.rule).toBe('share-before-below-b');
  });

  it('starts the next class at an item whose predecessors end exactly on the cut-off', () => {
    const { s, t } = bySku(result.items);
    expect(s!.abc).toMatchObject({ class: 'B', cumulativeShare: 0.95 });
    expect(t!.abc).toMatchObject({ class: 'C', shareBefore: 0.95, rule: 'share-before-reached-b' });
  });

  it('puts zero-value items in C', () => {
    expect(bySku(result.items).z!.abc).toMatchObject({ class: 'C', annualValue: 0, share: 0, rule: 'zero-value' });
  });

  it('is not moved across a cut-off by float noise in the cumulative sum', () => {
    // 5.6 is exactly 80 % of 7.0, though 5.6 ÷ 7 is 0.7999999999999999 in floats.
    const items = run([yearly('a', 5.6, 1), yearly('b', 1.4, 1)]).items;
    expect(items.map((i) => i.abc.class)).toEqual(['A', 'B']);
  });

  it('puts every item in C when the catalogue has no value', () => {
    const items = run([yearly('a', 0, 10), yearly('b', 5, 0)]).items;
    expect(items.map((i) => [i.sku, i.abc.class, i.abc.share])).toEqual([
      ['a', 'C', 0],
      ['b', 'C', 0],
    ]);
  });

  it('always puts a valuable top item in A, even when it alone passes 80 %', () => {
    expect(run([yearly('a', 1, 90), yearly('b', 1, 10)]).items.map((i) => i.abc.class)).toEqual(['A', 'B']);
  });

  it('takes its cut-offs from the policy', () => {
    expect(run(CATALOGUE, { abc: { a: 0.5, b: 0.75 } }).items.map((i) => i.abc.class).join('')).toBe('AABCCCCCCC');
  });

  it('scales demand to a year from the length of the history', () => {
    // 30 units in 3 days: 10 a day. Then 10 units in two 7-day periods: 10 × 365 ÷ 14 a year.
    expect(only({ sku: 'a', unitValue: 2, onHand: 0, demand: [30, 0, 0] }).annualUnits).toBe(3650);
    expect(only({ sku: 'a', unitValue: 2, onHand: 0, demand: [4, 6], periodDays: 7 }).abc.annualValue).toBe((10 * 365 * 2) / 14);
  });

  it('ranks the same SKU at two nodes as two items, the network-wide one first on a tie', () => {
    const items = run([
      { ...yearly('a', 1, 10), node: 'n2' },
      { ...yearly('a', 1, 10), node: 'n1' },
      yearly('a', 1, 10),
    ]).items;
    expect(items.map((i) => i.node ?? '-')).toEqual(['-', 'n1', 'n2']);
  });
});

describe('XYZ by coefficient of variation (population deviation)', () => {
  const xyz = (demand: number[], policy?: ClassificationPolicyInput) => only({ sku: 'a', unitValue: 1, onHand: 0, demand }, policy).xyz;

  it('X for smooth demand', () => {
    expect(xyz([10, 10, 10, 10])).toEqual({ class: 'X', meanPerPeriod: 10, sdPerPeriod: 0, cv: 0, rule: 'cv-within-x' });
    expect(xyz([7])).toMatchObject({ class: 'X', cv: 0 });
  });

  it('X on the cut-off itself: cv exactly 0.5', () => {
    // mean 10, deviations ±5, population sd 5 (the sample sd would be 7.07, cv 0.71: Y).
    expect(xyz([5, 15])).toEqual({ class: 'X', meanPerPeriod: 10, sdPerPeriod: 5, cv: 0.5, rule: 'cv-within-x' });
  });

  it('Y for fluctuating demand, up to cv 1 inclusive', () => {
    // mean 10, sd √(200/3) = 8.165, cv 0.8165
    expect(xyz([0, 10, 20])).toMatchObject({ class: 'Y', meanPerPeriod: 10, rule: 'cv-within-y' });
    expect(xyz([0, 10, 20]).cv).toBeCloseTo(Math.sqrt(200 / 3) / 10, 12);
    expect(xyz([0, 2])).toMatchObject({ class: 'Y', cv: 1 });
  });

  it('Z for erratic demand', () => {
    // mean 3, sd √27 = 5.196, cv 1.732
    expect(xyz([0, 0, 0, 12])).toMatchObject({ class: 'Z', meanPerPeriod: 3, rule: 'cv-above-y' });
    expect(xyz([0, 0, 0, 12]).cv).toBeCloseTo(Math.sqrt(3), 12);
  });

  it('Z with no coefficient when mean demand is 0', () => {
    expect(xyz([0, 0, 0])).toEqual({ class: 'Z', meanPerPeriod: 0, sdPerPeriod: 0, cv: null, rule: 'no-demand' });
  });

  it('takes its cut-offs from the policy', () => {
    expect(xyz([0, 10, 20], { xyz: { x: 0.9 } }).class).toBe('X');
    expect(xyz([0, 2], { xyz: { y: 0.99 } }).class).toBe('Z');
  });
});

describe('days of cover', () => {
  const cover = (onHand: number, demand: number[], periodDays = 1) => only({ sku: 'a', unitValue: 1, onHand, demand, periodDays }).cover;

  it('is on hand ÷ average daily demand over the whole history', () => {
    expect(cover(30, [1, 3])).toEqual({ onHand: 30, dailyDemand: 2, daysOfCover: 15, reason: 'covered' });
    // 42 units over two weeks: 3 a day.
    expect(cover(45, [14, 28], 7)).toEqual({ onHand: 45, dailyDemand: 3, daysOfCover: 15, reason: 'covered' });
    expect(cover(10, [0, 0, 3])).toMatchObject({ dailyDemand: 1, daysOfCover: 10 });
  });

  it('is 0 without stock, whatever the demand', () => {
    expect(cover(0, [5])).toEqual({ onHand: 0, dailyDemand: 5, daysOfCover: 0, reason: 'no-stock' });
    expect(cover(0, [0])).toMatchObject({ daysOfCover: 0, reason: 'no-stock' });
  });

  it('is null (unbounded) with stock but no demand', () => {
    expect(cover(5, [0, 0])).toEqual({ onHand: 5, dailyDemand: 0, daysOfCover: null, reason: 'no-demand' });
  });
});

describe('summary', () => {
  // The catalogue's ABC classes with chosen demand patterns (per-day history, 10 days):
  const steady = [1, 1, 1, 1, 1, 1, 1, 1, 1, 1];
  const lumpy = [0, 0, 0, 0, 0, 0, 0, 0, 0, 10];
  const mixed = [0, 2, 0, 2, 0, 2, 0, 2, 0, 2]; // cv 1: Y
  const item = (sku: string, value: number, demand: number[], onHand = 0, extra: Partial<ClassifiableItemInput> = {}): ClassifiableItemInput => ({
    sku,
    unitValue: value / 365,
    onHand,
    demand,
    ...extra,
  });
  // 10 units in 10 days = 365 a year, so annual value = `value`.
  const items = [
    item('p', 420, steady), // AX
    item('q', 300, lumpy), // AZ
    item('r1', 100, mixed), // AY
    item('r2', 100, steady), // BX
    item('s', 30, lumpy, 300), // BZ, 300 units at 1 a day: 120 excess
    item('t', 20, steady), // CX
    item('u', 15, steady, 400), // CX, 220 excess
    item('v', 10, mixed), // CY
    item('w', 5, lumpy), // CZ
    item('z', 36.5, new Array<number>(365).fill(0), 4), // CZ (no value): obsolete, slow, all excess
    item('y', 36.5, [0], 2, { lastMovementOn: daysAgo(120) }), // CZ: slow by movement, not obsolete, all excess
  ];
  const { summary } = run(items);

  it('counts items per ABC × XYZ cell, every cell present', () => {
    expect(summary.matrix).toEqual({ AX: 1, AY: 1, AZ: 1, BX: 1, BY: 0, BZ: 1, CX: 2, CY: 1, CZ: 3 });
    expect(summary.itemCount).toBe(11);
  });

  it('lists excess stock by excess value, highest first', () => {
    expect(summary.excess.map((e) => [e.sku, e.excessUnits])).toEqual([
      ['s', 120],
      ['u', 220],
      ['z', 4],
      ['y', 2],
    ]);
    expect(summary.excess[0]!.excessValue).toBeCloseTo((120 * 30) / 365, 12);
    expect(summary.excess[1]!.excessValue).toBeCloseTo((220 * 15) / 365, 12);
    expect(summary.excess.slice(2).map((e) => e.excessValue)).toEqual([0.4, 0.2]);
  });

  it('lists slow-moving and obsolete stock by stock value', () => {
    expect(summary.slowMoving).toEqual([
      { sku: 'z', onHand: 4, stockValue: 0.4 },
      { sku: 'y', onHand: 2, stockValue: 0.2 },
    ]);
    expect(summary.obsolete).toEqual([{ sku: 'z', onHand: 4, stockValue: 0.4 }]);
  });

  it('returns the policy it used, defaults filled in', () => {
    expect(run([], { excess: { coverDays: 90 } }).policy).toEqual({
      abc: { a: 0.8, b: 0.95 },
      xyz: { x: 0.5, y: 1 },
      slowMoving: { days: 90, maxUnitsPerDay: 0 },
      excess: { coverDays: 90 },
      obsolete: { days: 365 },
    });
  });

  it('classifies an empty catalogue', () => {
    const empty = run([]);
    expect(empty.items).toEqual([]);
    expect(empty.summary).toMatchObject({ itemCount: 0, totalAnnualValue: 0, slowMoving: [], excess: [], obsolete: [] });
  });
});
