import type { ChannelId, LineId, OrderId, SkuId } from '../domain/ids';
import type { AllocateInput } from './input';
import type { AllocatableOrderInput } from './order';

/**
 * The input compiled for the rules: orders in first-in-first-out order (placedAt to the
 * millisecond, then id), SKUs and channels by index (sorted by id), lines in one flat array (the
 * lines of order `i` are `lineStart[i] .. lineStart[i + 1]`). Every rule works on indices, so its
 * result does not depend on the order the caller listed orders or SKUs in.
 */
export interface Problem {
  /** Orders, first in first out. */
  readonly orders: readonly AllocatableOrderInput[];
  readonly placed: Float64Array;
  /** `promisedBy` in ms, +∞ when absent. */
  readonly promised: Float64Array;
  readonly priority: Float64Array;
  readonly channel: Int32Array;
  readonly shipComplete: Uint8Array;
  /** What serving the order in full releases. */
  readonly value: Float64Array;
  readonly lineStart: Int32Array;
  readonly lineSku: Int32Array;
  readonly lineQuantity: Float64Array;
  /** Value of one unit of the line: the order's value spread over its units. */
  readonly lineUnitValue: Float64Array;
  /** Units of the line the order holds already; pre-emption lowers it. */
  readonly lineHeld: Float64Array;
  readonly skus: readonly SkuId[];
  readonly supply: Float64Array;
  readonly channels: readonly ChannelId[];
  /** Ring-fenced units per channel index: SKU index → units. */
  readonly quota: readonly (ReadonlyMap<number, number> | undefined)[];
  readonly hasHolds: boolean;
}

/** Compiles validated input into a `Problem`. */
export function compile(input: AllocateInput): Problem {
  const source = input.orders;
  const n = source.length;
  const placedIn = new Float64Array(n);
  for (let i = 0; i < n; i++) placedIn[i] = Date.parse(source[i]!.placedAt);
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => placedIn[a]! - placedIn[b]! || compareText(source[a]!.id, source[b]!.id));
  const orders = order.map((i) => source[i]!);

  const skuIndex = new Map<string, number>();
  const channelIndex = new Map<string, number>();
  for (const sku in input.supply) if (Object.hasOwn(input.supply, sku)) skuIndex.set(sku, skuIndex.size);
  const quotaIn = input.channelQuota ?? {};
  for (const channel of Object.keys(quotaIn)) {
    channelIndex.set(channel, channelIndex.size);
    for (const sku of Object.keys(quotaIn[channel]!)) if (!skuIndex.has(sku)) skuIndex.set(sku, skuIndex.size);
  }

  let lineCount = 0;
  for (const o of orders) lineCount += o.lines.length;
  const placed = new Float64Array(n);
  const promised = new Float64Array(n);
  const priority = new Float64Array(n);
  const channel = new Int32Array(n);
  const shipComplete = new Uint8Array(n);
  const value = new Float64Array(n);
  const lineStart = new Int32Array(n + 1);
  const lineSku = new Int32Array(lineCount);
  const lineQuantity = new Float64Array(lineCount);
  const lineUnitValue = new Float64Array(lineCount);
  const lineHeld = new Float64Array(lineCount);
  let hasHolds = false;
  let l = 0;
  for (let i = 0; i < n; i++) {
    const o = orders[i]!;
    placed[i] = placedIn[order[i]!]!;
    promised[i] = o.promisedBy === undefined ? Number.POSITIVE_INFINITY : Date.parse(o.promisedBy);
    priority[i] = o.priority ?? 0;
    shipComplete[i] = o.shipComplete === true ? 1 : 0;
    let c = channelIndex.get(o.channel);
    if (c === undefined) {
      c = channelIndex.size;
      channelIndex.set(o.channel, c);
    }
    channel[i] = c;
    lineStart[i] = l;
    let units = 0;
    let base = 0;
    for (const line of o.lines) {
      let s = skuIndex.get(line.sku);
      if (s === undefined) {
        s = skuIndex.size;
        skuIndex.set(line.sku, s);
      }
      lineSku[l] = s;
      lineQuantity[l] = line.quantity;
      lineUnitValue[l] = line.unitValue ?? 1;
      units += line.quantity;
      base += line.quantity * lineUnitValue[l]!;
      l++;
    }
    const v = o.value ?? base;
    value[i] = v;
    // Spread the order's value over its units, in proportion to the unit values.
    for (let k = lineStart[i]!; k < l; k++) lineUnitValue[k] = base > 0 ? (lineUnitValue[k]! * v) / base : v / units;
    if (o.holds !== undefined && o.holds.length > 0) {
      hasHolds = true;
      for (const hold of o.holds) {
        let left = hold.quantity;
        for (let k = lineStart[i]!; k < l && left > 0; k++) {
          if (lineSku[k] !== skuIndex.get(hold.sku)) continue;
          const take = Math.min(left, lineQuantity[k]!);
          lineHeld[k] = take;
          left -= take;
        }
      }
    }
  }
  lineStart[n] = l;

  // Index SKUs and channels by sorted id, so no result depends on the order they were listed in.
  const { ids: skus, remap: skuRemap } = sortedIndex(skuIndex);
  for (let k = 0; k < lineCount; k++) lineSku[k] = skuRemap[lineSku[k]!]!;
  const { ids: channels, remap: channelRemap } = sortedIndex(channelIndex);
  for (let i = 0; i < n; i++) channel[i] = channelRemap[channel[i]!]!;

  const supply = new Float64Array(skus.length);
  skus.forEach((sku, s) => {
    supply[s] = Object.hasOwn(input.supply, sku) ? input.supply[sku]! : 0;
  });
  const quota: (Map<number, number> | undefined)[] = channels.map(() => undefined);
  for (const name of Object.keys(quotaIn)) {
    const fences = new Map<number, number>();
    const given = quotaIn[name]!;
    for (const sku of Object.keys(given)) if (given[sku]! > 0) fences.set(skuRemap[skuIndex.get(sku)!]!, given[sku]!);
    if (fences.size > 0) quota[channelRemap[channelIndex.get(name)!]!] = fences;
  }
  return {
    orders,
    placed,
    promised,
    priority,
    channel,
    shipComplete,
    value,
    lineStart,
    lineSku,
    lineQuantity,
    lineUnitValue,
    lineHeld,
    skus: skus as SkuId[],
    supply,
    channels: channels as ChannelId[],
    quota,
    hasHolds,
  };
}

/** The order's id, as validated. */
export function orderId(p: Problem, i: number): OrderId {
  return p.orders[i]!.id as OrderId;
}

/** The id of line `k` of order `i`. */
export function lineId(p: Problem, i: number, k: number): LineId {
  return p.orders[i]!.lines[k - p.lineStart[i]!]!.id as LineId;
}

/** Orders strings by code unit, the same everywhere (unlike `localeCompare`). */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function sortedIndex(index: ReadonlyMap<string, number>): { ids: string[]; remap: Int32Array } {
  const ids = [...index.keys()].sort(compareText);
  const remap = new Int32Array(index.size);
  ids.forEach((id, sorted) => {
    remap[index.get(id)!] = sorted;
  });
  return { ids, remap };
}
