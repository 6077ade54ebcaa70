import { z } from 'zod';
import { ValidationError, type ValidationIssue } from '../domain/errors';
import { LineId, OrderId, SkuId } from '../domain/ids';
import { parse } from '../domain/parse';
import { Quantity } from '../domain/primitives';
import { decide } from './allocate';
import { fastOrders, fastSupply, readInput } from './input';
import { type AllocatableOrderInput, AllocatableOrders, MAX_ORDERS } from './order';
import type { AllocationPolicyInput } from './policy';
import { compile } from './problem';
import type { Allocation } from './result';
import { type AllocateOptionsInput, Supply, type SupplyInput } from './supply';

/**
 * A backordered line: units of an order's line still without stock (as `allocate` reports them
 * in `unallocated`).
 *
 * @example
 * ```ts
 * BackorderLine.parse({ order: 'o2', line: 'l1', sku: 'tee', quantity: 3 })
 * ```
 */
export const BackorderLine = z.strictObject({ order: OrderId, line: LineId, sku: SkuId, quantity: Quantity });

/**
 * What `fillBackorders` fills: the orders, and their backordered lines (e.g. an earlier
 * allocation's `unallocated`). Orders without a backordered line are left alone.
 *
 * @example
 * ```ts
 * const backorders: BackordersInput = { orders, lines: earlier.unallocated }
 * ```
 */
export interface BackordersInput {
  readonly orders: readonly AllocatableOrderInput[];
  readonly lines: readonly z.input<typeof BackorderLine>[];
}

const MAX_LINES = 10_000_000;
const Lines = z.array(BackorderLine).max(MAX_LINES);
const Checked = z.strictObject({ backorders: z.strictObject({ orders: AllocatableOrders, lines: Lines }) });
const Arrivals = z.strictObject({ arrivals: Supply });
const LinesOnly = z.strictObject({ backorders: z.strictObject({ orders: z.array(z.unknown()).max(MAX_ORDERS), lines: Lines }) });

/**
 * Fills backordered lines from stock that arrived, by the same policy `allocate` uses: each order
 * competes for its backordered units only (with its priority, dates and ship-complete flag; a
 * ship-complete order's value stays its whole value, other lines keep their unit values). Holds
 * do not carry over: what an order holds already is not backordered. Throws `ValidationError` on
 * bad input, e.g. a backordered line that names no line of its order or more units than it has.
 *
 * @example
 * ```ts
 * const first = allocate(orders, { tee: 4 }, { rule: 'priority' })
 * const later = fillBackorders({ orders, lines: first.unallocated }, { tee: 10 }, { rule: 'priority' })
 * ```
 */
export function fillBackorders(
  backorders: BackordersInput,
  arrivals: SupplyInput,
  policy: AllocationPolicyInput,
  options?: AllocateOptionsInput,
): Allocation {
  const where = 'fillBackorders';
  const fast = typeof backorders === 'object' && backorders !== null && fastOrders(backorders.orders);
  const checked = parse(fast ? LinesOnly : Checked, { backorders }, where);
  if (!fastSupply(arrivals)) parse(Arrivals, { arrivals }, where);
  const lines = checked.backorders.lines;
  const p = compile({ orders: backorders.orders, supply: {}, policy: { rule: 'fifo' }, channelQuota: undefined });
  const indexOf = new Map<string, number>(p.orders.map((o, i) => [o.id, i]));
  const wanted = new Map<number, number>();
  const issues: ValidationIssue[] = [];
  lines.forEach((b, j) => {
    const issue = (field: string, message: string) => issues.push({ path: ['backorders', 'lines', j, field], message, code: 'custom' });
    const i = indexOf.get(b.order);
    const at = i === undefined ? -1 : p.orders[i]!.lines.findIndex((l) => l.id === b.line);
    if (i === undefined) issue('order', `no order ${b.order}`);
    else if (at < 0) issue('line', `order ${b.order} has no line ${b.line}`);
    else {
      const k = p.lineStart[i]! + at;
      if (p.skus[p.lineSku[k]!] !== b.sku) issue('sku', `line ${b.line} of ${b.order} is for another SKU`);
      else if (wanted.has(k)) issue('line', `line ${b.line} of ${b.order} is backordered twice`);
      else if (b.quantity > p.lineQuantity[k]!) issue('quantity', `more than the line's ${p.lineQuantity[k]} units`);
      else wanted.set(k, b.quantity);
    }
  });
  if (issues.length > 0) throw new ValidationError(where, issues);

  const reduced: AllocatableOrderInput[] = [];
  p.orders.forEach((o, i) => {
    const own: AllocatableOrderInput['lines'] = [];
    for (let k = p.lineStart[i]!; k < p.lineStart[i + 1]!; k++) {
      const quantity = wanted.get(k);
      if (quantity === undefined) continue;
      const line = o.lines[k - p.lineStart[i]!]!;
      own.push({ id: line.id, sku: line.sku, quantity, unitValue: p.lineUnitValue[k]! });
    }
    if (own.length === 0) return;
    reduced.push({
      id: o.id,
      channel: o.channel,
      priority: p.priority[i]!,
      placedAt: o.placedAt,
      ...(o.promisedBy === undefined ? {} : { promisedBy: o.promisedBy }),
      ...(p.shipComplete[i] === 1 ? { value: p.value[i]! } : {}),
      shipComplete: p.shipComplete[i] === 1,
      lines: own,
    });
  });
  const result = decide(readInput(reduced, arrivals, policy, options, where));
  const note = `backorders: ${wanted.size} lines of ${reduced.length} orders`;
  return { ...result, trace: { ...result.trace, notes: [note, ...result.trace.notes] } };
}
