import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type AbcClass,
  type ClassifiableItemInput,
  type ClassificationPolicyInput,
  classifyInventory,
  type InventoryClassification,
} from '../../src/inventory/classification/index';

const TODAY = '2026-03-27';
const daysAgo = (days: number) => new Date(Date.parse(`${TODAY}T00:00:00Z`) - days * 86_400_000).toISOString().slice(0, 10);
const ABC_ORDER: Record<AbcClass, number> = { A: 0, B: 1, C: 2 };

/** Small integers make ties in value common; doubles make float sums awkward. */
const unitValue = fc.oneof(fc.integer({ min: 0, max: 5 }), fc.double({ min: 0, max: 1_000, noNaN: true, noDefaultInfinity: true }));
const history = fc.array(fc.oneof(fc.integer({ min: 0, max: 6 }), fc.constant(0)), { minLength: 1, maxLength: 40 });
const optionalDate = fc.option(fc.integer({ min: 0, max: 800 }).map(daysAgo), { nil: undefined });

/** One item for a key; optional fields left out rather than set to undefined. */
const item = ([sku, node]: readonly [string, string | undefined]) =>
  fc
    .record({
      unitValue,
      onHand: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 500 }), fc.double({ min: 0, max: 500, noNaN: true })),
      demand: history,
      periodDays: fc.constantFrom(1, 7, 30),
      lastMovementOn: optionalDate,
      firstStockedOn: optionalDate,
    })
    .map(({ lastMovementOn, firstStockedOn, ...rest }): ClassifiableItemInput => ({
      sku,
      ...(node === undefined ? {} : { node }),
      ...rest,
      ...(lastMovementOn === undefined ? {} : { lastMovementOn }),
      ...(firstStockedOn === undefined ? {} : { firstStockedOn }),
    }));

/** A catalogue with unique (SKU, node) keys; a SKU may recur at other nodes. */
const catalogue = fc
  .uniqueArray(fc.tuple(fc.stringMatching(/^[A-Za-z0-9][a-z0-9_.-]{0,3}$/), fc.option(fc.constantFrom('n1', 'n2'), { nil: undefined })), {
    selector: ([sku, node]) => `${sku}|${node ?? ''}`,
    maxLength: 30,
  })
  .chain((keys) => fc.tuple(...keys.map(item)));

const share = fc.double({ min: 0, max: 1, noNaN: true });
/** Any valid policy: cut-offs drawn in order. */
const policy: fc.Arbitrary<ClassificationPolicyInput> = fc
  .record({
    abc: fc.tuple(share, share),
    xyz: fc.tuple(fc.double({ min: 0, max: 3, noNaN: true }), fc.double({ min: 0, max: 3, noNaN: true })),
    slowDays: fc.integer({ min: 1, max: 200 }),
    maxUnitsPerDay: fc.double({ min: 0, max: 3, noNaN: true }),
    coverDays: fc.integer({ min: 0, max: 400 }),
    obsoleteDays: fc.integer({ min: 1, max: 500 }),
  })
  .map((p) => ({
    abc: { a: Math.min(...p.abc), b: Math.max(...p.abc) },
    xyz: { x: Math.min(...p.xyz), y: Math.max(...p.xyz) },
    slowMoving: { days: p.slowDays, maxUnitsPerDay: p.maxUnitsPerDay },
    excess: { coverDays: p.coverDays },
    obsolete: { days: p.obsoleteDays },
  }));
/** The default policy or any other. */
const anyPolicy = fc.oneof(fc.constant(undefined), policy);

const classify = (items: readonly ClassifiableItemInput[], p?: ClassificationPolicyInput) => classifyInventory(items, p, TODAY);
const keyOf = (i: { sku: string; node?: string | undefined }) => `${i.sku}|${i.node ?? ''}`;
const totalOf = (result: InventoryClassification, cls: AbcClass) =>
  result.items.filter((i) => i.abc.class === cls).reduce((sum, i) => sum + i.abc.annualValue, 0);

describe('classification properties', () => {
  it('gives every item exactly one ABC and one XYZ class, counted once in the matrix', () => {
    fc.assert(
      fc.property(catalogue, anyPolicy, (items, p) => {
        const result = classify(items, p);
        expect(result.items.map(keyOf).sort()).toEqual(items.map(keyOf).sort());
        for (const i of result.items) {
          expect(['A', 'B', 'C']).toContain(i.abc.class);
          expect(['X', 'Y', 'Z']).toContain(i.xyz.class);
          expect(i.cell).toBe(`${i.abc.class}${i.xyz.class}`);
        }
        const matrix = result.summary.matrix;
        expect(Object.values(matrix).reduce((a, b) => a + b, 0)).toBe(items.length);
        for (const [cell, count] of Object.entries(matrix)) expect(result.items.filter((i) => i.cell === cell)).toHaveLength(count);
      }),
    );
  });

  it('never puts a higher value in a lower class, and ranks by value', () => {
    fc.assert(
      fc.property(catalogue, anyPolicy, (items, p) => {
        const ranked = classify(items, p).items;
        ranked.forEach((item, k) => {
          expect(item.abc.rank).toBe(k + 1);
          const next = ranked[k + 1];
          if (next === undefined) return;
          expect(item.abc.annualValue).toBeGreaterThanOrEqual(next.abc.annualValue);
          expect(ABC_ORDER[item.abc.class]).toBeLessThanOrEqual(ABC_ORDER[next.abc.class]);
        });
        for (const i of ranked) if (i.abc.annualValue === 0) expect(i.abc.class).toBe('C');
      }),
    );
  });

  it('gives A items at least the value of B items when a ≥ 0.5', () => {
    const headHeavy = policy.filter((p) => (p?.abc?.a ?? 0.8) >= 0.5);
    fc.assert(
      fc.property(catalogue, fc.oneof(fc.constant(undefined), headHeavy), (items, p) => {
        const result = classify(items, p);
        expect(totalOf(result, 'A')).toBeGreaterThanOrEqual(totalOf(result, 'B') - 1e-9 * result.summary.totalAnnualValue);
      }),
    );
  });

  it('makes A the shortest head of the ranking whose share reaches a', () => {
    fc.assert(
      fc.property(catalogue, anyPolicy, (items, p) => {
        const result = classify(items, p);
        const { a } = result.policy.abc;
        const head = result.items.filter((i) => i.abc.class === 'A');
        if (result.summary.totalAnnualValue === 0 || a === 0) {
          expect(head).toEqual([]);
          return;
        }
        const last = head.at(-1)!;
        expect(last.abc.cumulativeShare).toBeGreaterThanOrEqual(a - 1e-9);
        expect(last.abc.shareBefore).toBeLessThan(a);
      }),
    );
  });

  it('has shares summing to 1 when the total value is positive, all 0 otherwise', () => {
    fc.assert(
      fc.property(catalogue, (items) => {
        const result = classify(items);
        const shares = result.items.map((i) => i.abc.share);
        if (result.summary.totalAnnualValue > 0) {
          expect(Math.abs(shares.reduce((a, b) => a + b, 0) - 1)).toBeLessThanOrEqual(1e-9);
          expect(result.items.at(-1)!.abc.cumulativeShare).toBe(1);
        } else {
          expect(shares.every((s) => s === 0)).toBe(true);
          expect(result.items.every((i) => i.abc.class === 'C')).toBe(true);
        }
      }),
    );
  });

  it('is deterministic and independent of the order of the items', () => {
    fc.assert(
      fc.property(
        catalogue.chain((items) => fc.tuple(fc.constant(items), fc.shuffledSubarray(items, { minLength: items.length, maxLength: items.length }))),
        anyPolicy,
        ([items, shuffled], p) => {
          const first = JSON.stringify(classify(items, p));
          expect(JSON.stringify(classify(items, p))).toBe(first);
          expect(JSON.stringify(classify(shuffled, p))).toBe(first);
        },
      ),
    );
  });

  it('flags excess exactly where stock exceeds the cover limit, and lists it by value', () => {
    fc.assert(
      fc.property(catalogue, anyPolicy, (items, p) => {
        const result = classify(items, p);
        for (const i of result.items) {
          const { excessUnits, excessValue, flagged } = i.excess;
          expect(excessUnits).toBeGreaterThanOrEqual(0);
          expect(excessUnits).toBeLessThanOrEqual(i.cover.onHand);
          expect(flagged).toBe(excessUnits > 0);
          expect(excessValue).toBe(excessUnits * i.unitValue);
          if (i.cover.daysOfCover === null) expect(excessUnits).toBe(i.cover.onHand);
        }
        const listed = result.summary.excess;
        expect(listed.map(keyOf).sort()).toEqual(result.items.filter((i) => i.excess.flagged).map(keyOf).sort());
        listed.slice(1).forEach((e, k) => {
          expect(listed[k]!.excessValue).toBeGreaterThanOrEqual(e.excessValue);
        });
      }),
    );
  });

  it('flags only stock on hand, and obsolete stock is slow-moving under the default policy', () => {
    fc.assert(
      fc.property(catalogue, (items) => {
        const result = classify(items);
        for (const i of result.items) {
          if (i.slowMoving.flagged || i.obsolete.flagged) expect(i.cover.onHand).toBeGreaterThan(0);
          if (i.obsolete.flagged) expect(i.slowMoving.flagged).toBe(true);
        }
        expect(result.summary.obsolete.map(keyOf).sort()).toEqual(result.items.filter((i) => i.obsolete.flagged).map(keyOf).sort());
        expect(result.summary.slowMoving.map(keyOf).sort()).toEqual(result.items.filter((i) => i.slowMoving.flagged).map(keyOf).sort());
      }),
    );
  });
});
