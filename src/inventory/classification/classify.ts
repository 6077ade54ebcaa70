import { parse } from '../../domain/parse';
import { rankAbc } from './abc';
import { ClassifyInventoryInput, type ClassifiableItemInput } from './input';
import { assessItem, type ItemClassification } from './item';
import { keyOf } from './key';
import type { ClassificationPolicy, ClassificationPolicyInput } from './policy';
import { type ClassificationSummary, summarize } from './summary';

/**
 * The result of `classifyInventory`: the date and the policy it was run with (defaults filled
 * in), every item in ABC rank order (highest consumption value first, ties by SKU then node, so
 * the order of the input does not matter), and the summary.
 *
 * @example
 * ```ts
 * const { items, summary } = classifyInventory(catalogue, undefined, '2026-03-27')
 * ```
 */
export interface InventoryClassification {
  readonly today: string;
  readonly policy: ClassificationPolicy;
  readonly items: readonly ItemClassification[];
  readonly summary: ClassificationSummary;
}

/**
 * Classifies stock: ABC by annual consumption value, XYZ by demand variability, days of cover,
 * excess, slow-moving and obsolete stock, each verdict with its figures; plus the ABC × XYZ counts
 * and the flagged lists. Pure: `today` is an ISO date passed in, and the same input gives the same
 * output whatever the order of `items`. Pass `undefined` (or `{}`) as `policy` for the defaults.
 * Throws `ValidationError` with the path of every bad field (`items[2].demand[5]`, `policy.abc.b`,
 * `today`).
 *
 * @example
 * ```ts
 * classifyInventory([{ sku: 'a', unitValue: 2, onHand: 400, demand: [1, 1] }], undefined, '2026-03-27').items[0]
 * // { sku: 'a', cell: 'AX', abc: { class: 'A', rank: 1, ... }, cover: { daysOfCover: 400, ... }, excess: { excessUnits: 220, ... }, ... }
 * ```
 */
export function classifyInventory(
  items: readonly ClassifiableItemInput[],
  policy: ClassificationPolicyInput | undefined,
  today: string,
): InventoryClassification {
  const input = parse(ClassifyInventoryInput, { items, policy, today }, 'classifyInventory');
  const assessed = input.items.map((item) => assessItem(item, input.policy, input.today));
  const ranking = rankAbc(
    input.items.map((item, i) => ({ ...keyOf(item), annualValue: item.unitValue * assessed[i]!.annualUnits })),
    input.policy.abc,
  );
  const classified = ranking.ranked.map(({ index, verdict }): ItemClassification => {
    const verdicts = assessed[index]!;
    return { ...keyOf(input.items[index]!), cell: `${verdict.class}${verdicts.xyz.class}`, abc: verdict, ...verdicts };
  });
  return { today: input.today, policy: input.policy, items: classified, summary: summarize(classified, ranking.totalValue) };
}
