import { compareItemKeys, type ItemKey } from './key';

/**
 * An ABC class: A the few items that make most of the consumption value, C the many that make
 * little.
 *
 * @example
 * ```ts
 * const best: AbcClass = 'A'
 * ```
 */
export type AbcClass = 'A' | 'B' | 'C';

/**
 * Why an item got its ABC class: the cumulative share of the items ranked above it was below `a`
 * (`share-before-below-a`), below `b` (`share-before-below-b`), or neither (`share-before-reached-b`);
 * or the item has no consumption value (`zero-value`, always C).
 *
 * @example
 * ```ts
 * const rule: AbcRule = 'zero-value'
 * ```
 */
export type AbcRule = 'share-before-below-a' | 'share-before-below-b' | 'share-before-reached-b' | 'zero-value';

/**
 * An item to rank: its key and annual consumption value (unit value × annual units).
 *
 * @example
 * ```ts
 * const v: ValuedItem = { sku: 'a' as SkuId, annualValue: 1200 }
 * ```
 */
export interface ValuedItem extends ItemKey {
  readonly annualValue: number;
}

/**
 * An item's ABC class with the figures behind it. `rank` is 1 for the highest value (ties by SKU,
 * then node); the shares are of the catalogue's total value (all 0 when it is 0).
 *
 * @example
 * ```ts
 * // { class: 'A', rank: 1, annualValue: 500, share: 0.5, shareBefore: 0, cumulativeShare: 0.5, rule: 'share-before-below-a' }
 * ```
 */
export interface AbcVerdict {
  readonly class: AbcClass;
  readonly rank: number;
  readonly annualValue: number;
  readonly share: number;
  readonly shareBefore: number;
  readonly cumulativeShare: number;
  readonly rule: AbcRule;
}

/**
 * The ABC ranking of a catalogue: the total value and, in rank order, each item's verdict with its
 * position (`index`) in the input.
 *
 * @example
 * ```ts
 * const { totalValue, ranked } = rankAbc(items, { a: 0.8, b: 0.95 })
 * ```
 */
export interface AbcRanking {
  readonly totalValue: number;
  readonly ranked: readonly { readonly index: number; readonly verdict: AbcVerdict }[];
}

/**
 * Relative slack when comparing a cumulative value with a cut-off, so float noise in the sum
 * (5.6 ÷ 7 = 0.7999999999999999 against 0.8) does not move an item across it: a share within this
 * fraction of the cut-off has reached it.
 */
const SHARE_TOLERANCE = 1e-9;

/**
 * Ranks items by annual consumption value, highest first (ties by SKU, then node), and cuts the
 * ranking by cumulative share. **Boundary rule:** an item's class depends on the share of the
 * items ranked *above* it: A while that share is below `a`, B while below `b`, C after. So the item
 * that crosses a cut-off stays in the class it crosses out of, and A is the shortest head of the
 * ranking whose value reaches `a` (the top item is always A when it has value). An item whose
 * predecessors end exactly on the cut-off starts the next class. Items without value are C.
 *
 * @example
 * ```ts
 * rankAbc([{ sku: 'a', annualValue: 90 }, { sku: 'b', annualValue: 10 }], { a: 0.8, b: 0.95 })
 * // a: A (share before 0), b: B (share before 0.9 ≥ 0.8, < 0.95)
 * ```
 */
export function rankAbc(items: readonly ValuedItem[], cutoffs: { readonly a: number; readonly b: number }): AbcRanking {
  const order = items.map((_, i) => i);
  order.sort((i, j) => items[j]!.annualValue - items[i]!.annualValue || compareItemKeys(items[i]!, items[j]!));
  // Summed in rank order, so the last cumulative value equals the total exactly.
  let totalValue = 0;
  for (const i of order) totalValue += items[i]!.annualValue;
  const reachedA = cutoffs.a * (1 - SHARE_TOLERANCE);
  const reachedB = cutoffs.b * (1 - SHARE_TOLERANCE);
  const shareOf = (value: number) => (totalValue > 0 ? value / totalValue : 0);
  let before = 0;
  const ranked = order.map((index, position) => {
    const { annualValue } = items[index]!;
    const shareBefore = shareOf(before);
    const rule: AbcRule =
      annualValue <= 0
        ? 'zero-value'
        : shareBefore < reachedA
          ? 'share-before-below-a'
          : shareBefore < reachedB
            ? 'share-before-below-b'
            : 'share-before-reached-b';
    const after = before + annualValue;
    const verdict: AbcVerdict = {
      class: rule === 'share-before-below-a' ? 'A' : rule === 'share-before-below-b' ? 'B' : 'C',
      rank: position + 1,
      annualValue,
      share: shareOf(annualValue),
      shareBefore,
      cumulativeShare: shareOf(after),
      rule,
    };
    before = after;
    return { index, verdict };
  });
  return { totalValue, ranked };
}
