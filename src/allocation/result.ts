import type { LineId, OrderId, SkuId } from '../domain/ids';
import type { AllocationRule } from './policy';

/**
 * Units one line gets in this allocation (beyond what its order held before).
 *
 * @example
 * ```ts
 * const line: AllocatedLine = { line: 'l1', sku: 'tee', quantity: 2 } as AllocatedLine
 * ```
 */
export interface AllocatedLine {
  readonly line: LineId;
  readonly sku: SkuId;
  readonly quantity: number;
}

/**
 * What one order gets: its lines that get units, and whether every line is now covered in full
 * (with what the order held).
 *
 * @example
 * ```ts
 * // { order: 'o1', lines: [{ line: 'l1', sku: 'tee', quantity: 2 }], complete: true }
 * allocation.allocations[0]
 * ```
 */
export interface OrderAllocation {
  readonly order: OrderId;
  readonly lines: readonly AllocatedLine[];
  readonly complete: boolean;
}

/**
 * Units of a line left without stock: a backorder, to be filled when stock arrives
 * (`fillBackorders`).
 *
 * @example
 * ```ts
 * // { order: 'o2', line: 'l1', sku: 'tee', quantity: 3 }
 * allocation.unallocated[0]
 * ```
 */
export interface Backorder {
  readonly order: OrderId;
  readonly line: LineId;
  readonly sku: SkuId;
  readonly quantity: number;
}

/**
 * Held units an order lost to a higher-priority order (`by`).
 *
 * @example
 * ```ts
 * // { order: 'low', sku: 'tee', quantity: 2, by: 'vip' }
 * allocation.preempted[0]
 * ```
 */
export interface PreemptedUnits {
  readonly order: OrderId;
  readonly sku: SkuId;
  readonly quantity: number;
  readonly by: OrderId;
}

/**
 * Why the allocation came out as it did: the rule, the sequence it considered orders in (for
 * fair share, the tie-break order), notes on what fired, and for max-value an upper bound on the
 * value any allocation of the same input could release (before pre-emption).
 *
 * @example
 * ```ts
 * // { rule: 'priority', order: ['vip', 'o1', 'o2'], notes: ['priority: 2 of 3 orders served in full'] }
 * allocation.trace
 * ```
 */
export interface AllocationTrace {
  readonly rule: AllocationRule;
  readonly order: readonly OrderId[];
  readonly notes: readonly string[];
  readonly bound?: number;
}

/**
 * The result of dividing a supply among orders. `allocations` lists the orders that get units and
 * `unallocated` every line left short (backorders), both first in first out (`placedAt`, then id;
 * the sequence the rule used is `trace.order`); `supplyLeft` the units of every SKU left over
 * (SKUs of the supply, the fences and the orders); `value` what the orders now covered release
 * (ship-complete orders only in full, others per unit covered, held units included).
 *
 * @example
 * ```ts
 * const { allocations, unallocated, supplyLeft, value } = allocate(orders, { tee: 10 }, { rule: 'fifo' })
 * ```
 */
export interface Allocation {
  readonly allocations: readonly OrderAllocation[];
  readonly unallocated: readonly Backorder[];
  readonly preempted: readonly PreemptedUnits[];
  readonly supplyLeft: Readonly<Record<SkuId, number>>;
  readonly value: number;
  readonly trace: AllocationTrace;
}
