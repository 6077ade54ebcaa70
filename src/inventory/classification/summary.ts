import type { ItemClassification } from './item';
import { compareItemKeys, type ItemKey, keyOf } from './key';
import { type AbcXyzCell, countCells } from './matrix';

/**
 * Stock flagged slow-moving or obsolete: its key, units on hand and their value.
 *
 * @example
 * ```ts
 * const s: StockAtRisk = { sku: 'a' as SkuId, onHand: 40, stockValue: 100 }
 * ```
 */
export interface StockAtRisk extends ItemKey {
  readonly onHand: number;
  readonly stockValue: number;
}

/**
 * Stock flagged as excess: its key, the units beyond the cover limit and their value.
 *
 * @example
 * ```ts
 * const e: ExcessStock = { sku: 'a' as SkuId, excessUnits: 20, excessValue: 50 }
 * ```
 */
export interface ExcessStock extends ItemKey {
  readonly excessUnits: number;
  readonly excessValue: number;
}

/**
 * The catalogue at a glance: item count, total annual consumption value, item counts per ABC × XYZ
 * cell (all nine present), and the flagged stock. `slowMoving` and `obsolete` are sorted by stock
 * value, `excess` by excess value, highest first, ties by SKU then node. The lists may overlap:
 * obsolete stock is usually slow-moving and excess too.
 *
 * @example
 * ```ts
 * summary.matrix.AX // 3
 * ```
 */
export interface ClassificationSummary {
  readonly itemCount: number;
  readonly totalAnnualValue: number;
  readonly matrix: Readonly<Record<AbcXyzCell, number>>;
  readonly slowMoving: readonly StockAtRisk[];
  readonly excess: readonly ExcessStock[];
  readonly obsolete: readonly StockAtRisk[];
}

/**
 * Builds the summary from classified items.
 *
 * @example
 * ```ts
 * summarize(classified, ranking.totalValue).excess[0] // the largest excess value
 * ```
 */
export function summarize(items: readonly ItemClassification[], totalAnnualValue: number): ClassificationSummary {
  const atRisk = (item: ItemClassification): StockAtRisk => ({ ...keyOf(item), onHand: item.cover.onHand, stockValue: item.cover.onHand * item.unitValue });
  return {
    itemCount: items.length,
    totalAnnualValue,
    matrix: countCells(items.map((i) => i.cell)),
    slowMoving: byValue(items.filter((i) => i.slowMoving.flagged).map(atRisk), (s) => s.stockValue),
    excess: byValue(
      items.filter((i) => i.excess.flagged).map((i) => ({ ...keyOf(i), excessUnits: i.excess.excessUnits, excessValue: i.excess.excessValue })),
      (e) => e.excessValue,
    ),
    obsolete: byValue(items.filter((i) => i.obsolete.flagged).map(atRisk), (s) => s.stockValue),
  };
}

function byValue<T extends ItemKey>(list: T[], value: (entry: T) => number): T[] {
  return list.sort((a, b) => value(b) - value(a) || compareItemKeys(a, b));
}
