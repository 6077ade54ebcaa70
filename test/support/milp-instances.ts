/**
 * Random allocation instances for the MILP comparison (tests) and the benchmark: orders of 1–4
 * lines over a few SKUs with uneven popularity, unit values spread 5–100, and stock at a chosen
 * share of demand per SKU. Seeded, so the same seed gives the same instance.
 */
import type { AllocatableOrderInput, SupplyInput } from '../../src/allocation';
import { seededRandom } from '../../src/simulation/random';

/** Orders and supply for one run. */
export interface AllocationInstance {
  readonly orders: AllocatableOrderInput[];
  readonly supply: Record<string, number>;
}

/** What to generate. */
export interface InstanceShape {
  readonly orders: number;
  readonly skus: number;
  /** Stock per SKU as a share of its demand: drawn from [min, max]. */
  readonly stock: { readonly min: number; readonly max: number };
  /** Share of ship-complete orders (default 1). */
  readonly shipComplete?: number;
  readonly maxLines?: number;
  readonly maxQuantity?: number;
  /** Channels to spread orders over (default 1: `web`). */
  readonly channels?: number;
  /** Priorities 0..priorities−1 (default 1). */
  readonly priorities?: number;
}

const T0 = Date.UTC(2026, 2, 27, 8);

/** A seeded random instance of `shape`. */
export function randomInstance(seed: number, shape: InstanceShape): AllocationInstance {
  const random = seededRandom(seed);
  const int = (lo: number, hi: number) => lo + Math.floor(random() * (hi - lo + 1));
  const skuNames = Array.from({ length: shape.skus }, (_, s) => `s${s}`);
  // Popularity: a few SKUs are wanted much more than others.
  const weights = skuNames.map(() => 0.2 + random() ** 3);
  const total = weights.reduce((a, b) => a + b, 0);
  const cumulative: number[] = [];
  weights.reduce((acc, w) => {
    cumulative.push((acc + w) / total);
    return acc + w;
  }, 0);
  const pick = () => {
    const u = random();
    let lo = 0;
    let hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid]! < u) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  const unitValue = skuNames.map(() => 5 + Math.round(random() * 95));
  const demand = new Float64Array(shape.skus);
  const orders: AllocatableOrderInput[] = [];
  const channels = shape.channels ?? 1;
  const priorities = shape.priorities ?? 1;
  for (let i = 0; i < shape.orders; i++) {
    const count = int(1, shape.maxLines ?? 4);
    const seen = new Set<number>();
    const lines: AllocatableOrderInput['lines'] = [];
    for (let j = 0; j < count; j++) {
      const s = pick();
      if (seen.has(s)) continue;
      seen.add(s);
      const quantity = int(1, shape.maxQuantity ?? 4);
      demand[s] = demand[s]! + quantity;
      // Prices vary a little by order (discounts), so orders differ in value per unit.
      lines.push({ id: `l${j}`, sku: skuNames[s]!, quantity, unitValue: Math.round(unitValue[s]! * (0.8 + 0.4 * random()) * 100) / 100 });
    }
    orders.push({
      id: `o${i}`,
      channel: channels === 1 ? 'web' : `c${int(0, channels - 1)}`,
      priority: int(0, priorities - 1),
      placedAt: new Date(T0 + i * 1000 + int(0, 999)).toISOString(),
      shipComplete: random() < (shape.shipComplete ?? 1),
      lines,
    });
  }
  const supply: Record<string, number> = {};
  skuNames.forEach((sku, s) => {
    const share = shape.stock.min + random() * (shape.stock.max - shape.stock.min);
    supply[sku] = Math.floor(demand[s]! * share);
  });
  return { orders, supply };
}

/** Total units ordered per SKU. */
export function demandOf(orders: readonly AllocatableOrderInput[]): SupplyInput {
  const demand: Record<string, number> = {};
  for (const o of orders) for (const l of o.lines) demand[l.sku] = (demand[l.sku] ?? 0) + l.quantity;
  return demand;
}
