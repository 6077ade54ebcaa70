/**
 * Seeded routing instances for the routing benchmarks: a network in a Germany-sized box, orders
 * of distinct SKUs, and hard release windows whose stock is scarce and unevenly spread.
 */
import { type RoutableOrderInput, type RoutingNodeInput, seededRandom } from 'fulfillkit';

export type Stock = Record<string, Record<string, number>>;

/** A release window: its orders, the network they route over and the stock they share. */
export interface Window {
  readonly nodes: readonly RoutingNodeInput[];
  readonly orders: RoutableOrderInput[];
  readonly stock: Stock;
}

/** The shape of a hard window. */
export interface WindowShape {
  readonly orders: number;
  readonly nodes: number;
  readonly skus: number;
  /** Most lines per order (each order has 1 to this many, of distinct SKUs). */
  readonly maxLines: number;
}

/** A point in a Germany-sized box. */
function geo(random: () => number) {
  return { lat: 47.5 + random() * 7, lon: 6 + random() * 9 };
}

export function networkOf(random: () => number, count: number): RoutingNodeInput[] {
  return Array.from({ length: count }, (_, n) => ({
    id: `n${n}`,
    geo: geo(random),
    costs: { perOrder: Math.round((0.5 + random() * 1.5) * 100) / 100, perUnit: Math.round((0.1 + random() * 0.4) * 100) / 100 },
  }));
}

/** Fisher–Yates shuffle of `0 … n − 1`. */
function shuffled(random: () => number, n: number): number[] {
  const pool = Array.from({ length: n }, (_, i) => i);
  for (let k = pool.length - 1; k > 0; k--) {
    const j = Math.floor(random() * (k + 1));
    [pool[k], pool[j]] = [pool[j]!, pool[k]!];
  }
  return pool;
}

/** Orders of distinct SKUs: `lines` lines each, or 1 to `-lines` at random when negative. */
export function ordersOf(random: () => number, count: number, skus: number, lines: number, prefix: string): RoutableOrderInput[] {
  return Array.from({ length: count }, (_, i) => {
    const pool = shuffled(random, skus);
    if (lines < 0) pool.length = 1 + Math.floor(random() * Math.min(-lines, skus));
    else pool.length = lines;
    return {
      id: `${prefix}${i}`,
      channel: 'web',
      shipTo: { geo: geo(random) },
      lines: pool.map((s, l) => ({ id: `l${l + 1}`, sku: `sku-${s}`, quantity: 1 + Math.floor(random() * 3), weightG: 200 + Math.floor(random() * 1800) })),
    };
  });
}

/** Units of `sku` the orders ask for. */
function demandOf(orders: readonly RoutableOrderInput[], sku: string): number {
  return orders.reduce((sum, o) => sum + o.lines.reduce((t, l) => t + (l.sku === sku ? l.quantity : 0), 0), 0);
}

/**
 * A hard window of `shape.orders` orders over `shape.nodes` nodes: per SKU, stock 1.2–1.5× the
 * window's demand, spread unevenly over 3–6 random nodes (weights random², so one or two nodes
 * hold most).
 */
export function windowOf(seed: number, shape: WindowShape): Window {
  const random = seededRandom(seed);
  const nodes = networkOf(random, shape.nodes);
  const orders = ordersOf(random, shape.orders, shape.skus, -shape.maxLines, `w${seed}-`);
  const stock: Stock = {};
  for (const n of nodes) stock[n.id] = {};
  for (let s = 0; s < shape.skus; s++) {
    const sku = `sku-${s}`;
    const demand = demandOf(orders, sku);
    if (demand === 0) continue;
    const total = Math.ceil(demand * (1.2 + random() * 0.3));
    const holders = shuffled(random, nodes.length);
    holders.length = 3 + Math.floor(random() * 4);
    const weights = holders.map(() => random() ** 2 + 0.02);
    const sum = weights.reduce((a, b) => a + b, 0);
    let left = total;
    holders.forEach((n, k) => {
      const units = k === holders.length - 1 ? left : Math.min(left, Math.floor((total * weights[k]!) / sum));
      left -= units;
      if (units > 0) stock[nodes[n]!.id]![sku] = units;
    });
  }
  return { nodes, orders, stock };
}
