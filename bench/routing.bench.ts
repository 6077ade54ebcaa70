import {
  preparePolicy,
  prepareNodes,
  type RoutableOrderInput,
  type RoutingNodeInput,
  type RoutingPlan,
  type RoutingPolicyInput,
  routeBatch,
  routeOrder,
  seededRandom,
} from 'fulfillkit';
import { type MilpRoutingCost, milpRoutingOptimum } from '../test/support/milp-routing';
import { type BaselineRouter, lineGreedy } from './baselines/routing';
import { type Figure, figure, rate } from './figures';

const CONTEXT = { today: '2026-03-27' };

/** Per-shipment cost dominates: a shipment costs ~10–14 fixed, a unit ~0.2–1. */
const COST: MilpRoutingCost = { perShipment: 6, carrier: { base: 3, perKm: 0.004, perKg: 0.3 }, splitPenalty: 2 };

/** Hard release windows: shape fixed before measuring, seeds fixed, not tuned to the result. */
const WINDOWS = { count: 3, firstSeed: 4_100, orders: 120, nodes: 10, skus: 4, timeLimit: 40 } as const;

type Stock = Record<string, Record<string, number>>;

interface Window {
  readonly nodes: readonly RoutingNodeInput[];
  readonly orders: RoutableOrderInput[];
  readonly stock: Stock;
}

/** A point in a Germany-sized box. */
function geo(random: () => number) {
  return { lat: 47.5 + random() * 7, lon: 6 + random() * 9 };
}

function networkOf(random: () => number, count: number): RoutingNodeInput[] {
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
function ordersOf(random: () => number, count: number, skus: number, lines: number, prefix: string): RoutableOrderInput[] {
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

/**
 * A window of `orders` over `nodes`: per SKU, stock 1.2–1.5× the window's demand, spread unevenly
 * over 3–6 random nodes (weights random², so one or two nodes hold most).
 */
function windowOf(seed: number): Window {
  const random = seededRandom(seed);
  const nodes = networkOf(random, WINDOWS.nodes);
  const orders = ordersOf(random, WINDOWS.orders, WINDOWS.skus, -3, `w${seed}-`);
  const stock: Stock = {};
  for (const n of nodes) stock[n.id] = {};
  for (let s = 0; s < WINDOWS.skus; s++) {
    const sku = `sku-${s}`;
    const demand = orders.reduce((sum, o) => sum + o.lines.reduce((t, l) => t + (l.sku === sku ? l.quantity : 0), 0), 0);
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

/** Cost to serve (opportunity prices excluded) and units left unserved, over plans. */
function tally(plans: readonly RoutingPlan[]): { cost: number; unserved: number } {
  let cost = 0;
  let unserved = 0;
  for (const p of plans) {
    cost += p.cost.total - p.cost.opportunity;
    unserved += p.backorders.reduce((sum, b) => sum + b.quantity, 0);
  }
  return { cost, unserved };
}

/** Each order routed alone, in window order, on the stock the earlier ones left. */
function inTurn(w: Window, router: BaselineRouter, policy: RoutingPolicyInput): RoutingPlan[] {
  const stock: Stock = Object.fromEntries(Object.entries(w.stock).map(([n, bySku]) => [n, { ...bySku }]));
  return w.orders.map((o) => {
    const plan = router(o, w.nodes, stock, policy, CONTEXT);
    for (const s of plan.shipments) for (const l of s.lines) stock[s.node]![l.sku]! -= l.quantity;
    return plan;
  });
}

/**
 * `routing.cost_vs_offline_optimum`: cost to serve of `routeBatch` with look-ahead (20 rounds) on
 * hard windows, summed, against the offline MILP optimum (HiGHS) of the same windows. Target:
 * ratio ≤ 1.02. Beside it: plain `routeBatch`, each order's own optimum in turn, line greedy.
 */
async function costFigure(): Promise<Figure> {
  const policy = preparePolicy({ cost: COST });
  const ahead = preparePolicy({ cost: COST, lookAhead: { rounds: 20 } });
  const sums = { ahead: 0, batch: 0, myopic: 0, greedy: 0, optimum: 0, solver: 0 };
  let unserved = 0;
  let proved = 0;
  const perWindow: string[] = [];
  for (let k = 0; k < WINDOWS.count; k++) {
    const w = windowOf(WINDOWS.firstSeed + k);
    const nodes = prepareNodes(w.nodes);
    const runs = {
      ahead: tally(routeBatch(w.orders, nodes, w.stock, ahead, CONTEXT)),
      batch: tally(routeBatch(w.orders, nodes, w.stock, policy, CONTEXT)),
      myopic: tally(inTurn({ ...w, nodes }, routeOrder, policy)),
      greedy: tally(inTurn({ ...w, nodes }, lineGreedy, policy)),
    };
    const milp = await milpRoutingOptimum(w.orders, w.nodes, w.stock, COST, { timeLimit: WINDOWS.timeLimit });
    for (const key of ['ahead', 'batch', 'myopic', 'greedy'] as const) {
      sums[key] += runs[key].cost;
      unserved += runs[key].unserved;
    }
    sums.optimum += milp.cost;
    sums.solver += milp.seconds;
    if (milp.optimal) proved++;
    perWindow.push(`${(runs.ahead.cost / milp.cost).toFixed(3)}${milp.optimal ? '' : '*'}`);
  }
  const ratio = (x: number) => (x / sums.optimum).toFixed(3);
  const bound = proved < WINDOWS.count ? '; * HiGHS hit its time limit: its best solution is used, so those ratios are upper bounds of the true ones' : '';
  const note =
    `${WINDOWS.count} windows of ${WINDOWS.orders} orders (1-3 lines) x ${WINDOWS.nodes} nodes x ${WINDOWS.skus} SKUs, stock 1.2-1.5x demand on 3-6 nodes per SKU, ` +
    `per-shipment cost dominating; cost to serve (opportunity prices excluded). Ratios: routeBatch plain ${ratio(sums.batch)}, ` +
    `each order's own optimum in turn ${ratio(sums.myopic)}, line greedy ${ratio(sums.greedy)}; look-ahead per window ${perWindow.join(' / ')}; ` +
    `units left unserved by the routers ${unserved}; HiGHS proved ${proved}/${WINDOWS.count} optimal in ${sums.solver.toFixed(1)} s (limit ${WINDOWS.timeLimit} s each)${bound}`;
  return figure('routing.cost_vs_offline_optimum', sums.ahead, 'cost', sums.optimum, { op: '<=', limit: 1.02 }, note);
}

/**
 * `routing.orders_per_s`: pure decisions of `routeOrder` (3 lines × 10 nodes, prepared network and
 * policy, stock unchanged), against `lineGreedy` on the same orders in the same run. Target:
 * ratio ≥ 0.25; the guide is ≥ 300,000 orders/s absolute.
 */
async function speedFigure(): Promise<Figure> {
  const random = seededRandom(17);
  const skus = 12;
  const nodes = prepareNodes(networkOf(random, 10));
  const policy = preparePolicy({ cost: COST });
  const orders = ordersOf(random, 4_096, skus, 3, 's');
  const stock: Stock = {};
  for (const n of nodes) stock[n.id] = Object.fromEntries(Array.from({ length: skus }, (_, s) => [`sku-${s}`, Math.floor(random() * 8)]));
  const count = 100_000;
  const mask = orders.length - 1;
  const engine = await rate(count, (i) => routeOrder(orders[i & mask]!, nodes, stock, policy, CONTEXT), 5);
  const greedy = await rate(count, (i) => lineGreedy(orders[i & mask]!, nodes, stock, policy, CONTEXT), 5);
  const note = `guide >= 300,000 orders/s (routeOrder ${Math.round(engine).toLocaleString('en-US')}, lineGreedy ${Math.round(greedy).toLocaleString('en-US')}); 3 lines x 10 nodes, 12 SKUs, 0-7 units per node and SKU, best of 5 x ${count.toLocaleString('en-US')}`;
  return figure('routing.orders_per_s', engine, 'orders/s', greedy, { op: '>=', limit: 0.25 }, note);
}

/** The routing figures of `npm run bench`. */
export async function routingFigures(): Promise<Figure[]> {
  return [await speedFigure(), await costFigure()];
}
