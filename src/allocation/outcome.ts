import type { OrderId, SkuId } from '../domain/ids';
import type { AllocationRule } from './policy';
import type { Pool } from './pool';
import { lineId, orderId, type Problem } from './problem';
import type { Allocation, AllocatedLine, Backorder, OrderAllocation, PreemptedUnits } from './result';
import type { Fill } from './sequence';
import type { Taking } from './preemption';

/** What a rule decided, to be written out as an `Allocation`. */
export interface Decided {
  readonly rule: AllocationRule;
  readonly sequence: Int32Array;
  readonly takings: readonly Taking[];
  readonly notes: readonly string[];
  /** Max-value: the bound on, and the value of, the competing items (see `maxValue`). */
  readonly competing?: { readonly bound: number; readonly value: number };
}

/**
 * Writes the fill out as an `Allocation`: orders first in first out (placedAt, then id), whatever
 * the rule's sequence, which the trace keeps.
 */
export function outcome(p: Problem, pool: Pool, fill: Fill, decided: Decided): Allocation {
  const allocations: OrderAllocation[] = [];
  const unallocated: Backorder[] = [];
  let value = 0;
  let complete = 0;
  let partial = 0;
  const { sequence } = decided;
  for (let i = 0; i < sequence.length; i++) {
    const lines: AllocatedLine[] = [];
    let whole = true;
    let covered = 0;
    for (let k = p.lineStart[i]!; k < p.lineStart[i + 1]!; k++) {
      const got = fill[k]!;
      const sku = p.skus[p.lineSku[k]!]!;
      if (got > 0) lines.push({ line: lineId(p, i, k), sku, quantity: got });
      const short = p.lineQuantity[k]! - p.lineHeld[k]! - got;
      if (short > 0) {
        whole = false;
        unallocated.push({ order: orderId(p, i), line: lineId(p, i, k), sku, quantity: short });
      }
      covered += (p.lineQuantity[k]! - short) * p.lineUnitValue[k]!;
    }
    value += p.shipComplete[i] === 1 ? (whole ? p.value[i]! : 0) : covered;
    if (whole) complete++;
    if (lines.length > 0) {
      allocations.push({ order: orderId(p, i), lines, complete: whole });
      if (!whole) partial++;
    }
  }
  const supplyLeft: Record<SkuId, number> = {};
  p.skus.forEach((sku, s) => {
    supplyLeft[sku] = pool.left(s);
  });
  const preempted: PreemptedUnits[] = decided.takings.map((t) => ({ order: orderId(p, t.victim), sku: p.skus[t.sku]!, quantity: t.units, by: orderId(p, t.by) }));
  const order: OrderId[] = new Array(sequence.length);
  for (let at = 0; at < sequence.length; at++) order[at] = orderId(p, sequence[at]!);
  const notes = [
    `${decided.rule}: ${complete} of ${sequence.length} orders covered in full, ${partial} in part; ${unallocated.length} lines backordered`,
    ...decided.notes,
  ];
  const { competing } = decided;
  const bound = competing !== undefined && decided.takings.length === 0 && Number.isFinite(competing.bound) ? value - competing.value + competing.bound : undefined;
  return {
    allocations,
    unallocated,
    preempted,
    supplyLeft,
    value,
    trace: { rule: decided.rule, order, notes, ...(bound === undefined ? {} : { bound: Math.max(bound, value) }) },
  };
}
