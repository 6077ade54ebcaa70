import { z } from 'zod';
import { NodeId, SkuId } from '../../domain/ids';
import { Amount, CalendarDate } from '../../domain/primitives';
import { DemandHistory } from './history';
import { keyLabel } from './key';
import { ClassificationPolicy } from './policy';

/**
 * Most items one classification takes.
 *
 * @example
 * ```ts
 * items.length <= MAX_CLASSIFIED_ITEMS // or classifyInventory throws a ValidationError at ['items']
 * ```
 */
export const MAX_CLASSIFIED_ITEMS = 100_000;
/** Longest period a demand history may use, in days. */
const MAX_PERIOD_DAYS = 366;

/** Cross-item checks run only once every field passed its own rules: an impossible date is not compared. */
const onceValid = (payload: { readonly issues: readonly unknown[] }) => payload.issues.length === 0;

/** Units on hand: finite, non-negative, fractions allowed (kilograms, metres). */
const OnHandUnits = z.number().min(0).max(Number.MAX_SAFE_INTEGER);

/**
 * One item to classify: a SKU (optionally at one node), its unit value, units on hand and demand
 * history. `demand` holds units per period of `periodDays` days (whole days, default 1), oldest
 * first; the last period is the one ending today. `lastMovementOn` is the date of the last receipt
 * or shipment, `firstStockedOn` the date stock first arrived; neither may lie after today.
 *
 * @example
 * ```ts
 * ClassifiableItem.parse({ sku: 'a', unitValue: 2.5, onHand: 40, demand: [3, 0, 5], periodDays: 7 })
 * ```
 */
export const ClassifiableItem = z.strictObject({
  sku: SkuId,
  node: NodeId.optional(),
  unitValue: Amount,
  onHand: OnHandUnits,
  demand: DemandHistory,
  periodDays: z.number().int().min(1).max(MAX_PERIOD_DAYS).default(1),
  lastMovementOn: CalendarDate.optional(),
  firstStockedOn: CalendarDate.optional(),
});
export type ClassifiableItem = z.infer<typeof ClassifiableItem>;

/**
 * An item as a host writes it (`periodDays` optional, ids as plain strings).
 *
 * @example
 * ```ts
 * const item: ClassifiableItemInput = { sku: 'a', unitValue: 1, onHand: 0, demand: [0] }
 * ```
 */
export type ClassifiableItemInput = z.input<typeof ClassifiableItem>;

/**
 * Everything `classifyInventory` takes, checked together so every issue has a path from here:
 * `['items', 3, 'demand', 7]`, `['policy', 'abc', 'b']`, `['today']`. Beyond each field's own
 * rules: at most `MAX_CLASSIFIED_ITEMS` items (counted before any item is read), and, once every
 * field is valid, no SKU and node twice and no date after `today`.
 *
 * @example
 * ```ts
 * ClassifyInventoryInput.parse({ items: [], today: '2026-03-27' }).policy.abc.a // 0.8
 * ```
 */
export const ClassifyInventoryInput = z
  .strictObject({
    items: z.array(ClassifiableItem).max(MAX_CLASSIFIED_ITEMS),
    policy: ClassificationPolicy,
    today: CalendarDate,
  })
  .superRefine((input, ctx) => {
    const seen = new Map<string, number>();
    input.items.forEach((item, i) => {
      // `@` may occur in ids, so the label alone could confuse sku `a@b` with sku `a` at node `b`.
      const id = JSON.stringify([item.sku, item.node ?? null]);
      const first = seen.get(id);
      if (first === undefined) seen.set(id, i);
      else ctx.addIssue({ code: 'custom', message: `duplicate item ${keyLabel(item)}: also at items[${first}]`, path: ['items', i, 'sku'] });
      for (const field of ['lastMovementOn', 'firstStockedOn'] as const) {
        const date = item[field];
        // ISO dates compare as text.
        if (date !== undefined && date > input.today) {
          ctx.addIssue({ code: 'custom', message: `must not be after today (${input.today})`, path: ['items', i, field] });
        }
      }
    });
  }, { when: onceValid });

/**
 * The input after validation: defaults applied, ids branded.
 *
 * @example
 * ```ts
 * const input: ClassifyInventoryData = ClassifyInventoryInput.parse(raw)
 * ```
 */
export type ClassifyInventoryData = z.infer<typeof ClassifyInventoryInput>;
