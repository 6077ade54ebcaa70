/**
 * The offline optimum of routing a release window: every order of the window routed at once, with
 * full knowledge of the others, as a MILP solved by HiGHS (`highs`, WASM; tests and benchmarks
 * only). Written from the cost model's definition (DESIGN.md, `RoutingCost`), not from the engine,
 * and limited to what the default policy uses: no lateness, no capacity, no preferred node, no
 * ranks, no channels. Every unit must be served (build instances where that is feasible).
 *
 *   min Σ_{o,n} F_on y_on + Σ_{o,l,n} (perUnit_n + perKg · kg_l) x_oln − splitPenalty · |O|
 *   F_on = perShipment + perOrder_n + carrier base + perKm · km(n, o) + splitPenalty
 *   s.t. Σ_n x_oln = quantity_l                       every unit of every line served
 *        x_oln − min(quantity_l, stock_n,sku(l)) y_on ≤ 0   a node ships only when it has a shipment
 *        Σ_{o,l: sku(l) = s} x_oln ≤ stock_ns          stock per node × SKU, shared by the window
 *   y binary, x integer ≥ 0
 *
 * The split penalty `splitPenalty × (shipments − 1)` of an order that ships is folded into `F` and
 * the constant `− splitPenalty` per order added back after the solve (every order ships, since
 * every unit is served).
 */
import highsLoader from 'highs';
import type { RoutableOrderInput, RoutingNodeInput } from '../../src/routing';
import { num, wrap } from './lp-text';

/** The cost model terms the oracle knows (the default policy's, without lateness). */
export interface MilpRoutingCost {
  readonly perShipment: number;
  readonly carrier: { readonly base: number; readonly perKm: number; readonly perKg: number };
  readonly splitPenalty: number;
}

/** The least cost HiGHS found for the window, and whether it proved it optimal. */
export interface MilpRoutingOptimum {
  /** Cost of the best solution found (the optimum when `optimal`). */
  readonly cost: number;
  readonly optimal: boolean;
  readonly status: string;
  readonly seconds: number;
}

let loaded: ReturnType<typeof highsLoader> | undefined;

/** The least total cost of serving every unit of `orders` from `stock` over `nodes`, by MILP. */
export async function milpRoutingOptimum(
  orders: readonly RoutableOrderInput[],
  nodes: readonly RoutingNodeInput[],
  stock: Readonly<Record<string, Readonly<Record<string, number>>>>,
  cost: MilpRoutingCost,
  options: { readonly timeLimit?: number } = {},
): Promise<MilpRoutingOptimum> {
  loaded ??= highsLoader();
  const highs = await loaded;
  const lp = routingLp(orders, nodes, stock, cost);
  const start = performance.now();
  const solution = highs.solve(lp, { time_limit: options.timeLimit ?? 60, mip_rel_gap: 0, mip_abs_gap: 1e-9, output_flag: false });
  const seconds = (performance.now() - start) / 1000;
  const status = String(solution.Status);
  const found = Number.isFinite(solution.ObjectiveValue) && (status === 'Optimal' || status === 'Time limit reached');
  if (!found) throw new Error(`HiGHS found no routing of the window: ${status}`);
  return { cost: solution.ObjectiveValue - cost.splitPenalty * orders.length, optimal: status === 'Optimal', status, seconds };
}

/** The MILP in CPLEX LP format (see the module comment). */
export function routingLp(
  orders: readonly RoutableOrderInput[],
  nodes: readonly RoutingNodeInput[],
  stock: Readonly<Record<string, Readonly<Record<string, number>>>>,
  cost: MilpRoutingCost,
): string {
  for (const n of nodes) {
    if (n.capacityLeft !== undefined || n.channels !== undefined || n.active === false || n.open === false || (n.capabilities !== undefined && !n.capabilities.includes('ship'))) {
      throw new Error(`the MILP oracle takes plain shipping nodes only (${n.id})`);
    }
  }
  const held = (n: number, sku: string) => stock[nodes[n]!.id]?.[sku] ?? 0;
  const objective: string[] = [];
  const constraints: string[] = [];
  const binaries: string[] = [];
  const generals: string[] = [];
  const bounds: string[] = [];
  // Terms per node × SKU stock row.
  const stockRows = new Map<string, string[]>();
  let r = 0;
  orders.forEach((o, i) => {
    const dest = o.shipTo?.geo;
    const ships: [string, number][][] = nodes.map(() => []);
    o.lines.forEach((line, l) => {
      const serve: string[] = [];
      nodes.forEach((node, n) => {
        const have = held(n, line.sku);
        if (have <= 0) return;
        const x = `x${i}_${l}_${n}`;
        const unit = (node.costs?.perUnit ?? 0) + (cost.carrier.perKg * (line.weightG ?? 0)) / 1000;
        objective.push(`+ ${num(unit)} ${x}`);
        generals.push(x);
        bounds.push(`0 <= ${x} <= ${Math.min(line.quantity, have)}`);
        serve.push(`+ ${x}`);
        ships[n]!.push([x, Math.min(line.quantity, have)]);
        const key = `${n}\u0000${line.sku}`;
        const row = stockRows.get(key) ?? [];
        row.push(`+ ${x}`);
        stockRows.set(key, row);
      });
      if (serve.length === 0) throw new Error(`no node holds ${line.sku} of order ${o.id}`);
      constraints.push(`r${r++}: ${wrap(serve)} = ${line.quantity}`);
    });
    nodes.forEach((node, n) => {
      const links = ships[n]!;
      if (links.length === 0) return;
      const y = `y${i}_${n}`;
      const km = dest !== undefined && node.geo !== undefined ? greatCircleKm(node.geo, dest) : 0;
      const fixed = cost.perShipment + (node.costs?.perOrder ?? 0) + cost.carrier.base + cost.carrier.perKm * km + cost.splitPenalty;
      objective.push(`+ ${num(fixed)} ${y}`);
      binaries.push(y);
      for (const [x, q] of links) constraints.push(`r${r++}: ${x} - ${q} ${y} <= 0`);
    });
  });
  for (const [key, terms] of stockRows) {
    const [n, sku] = key.split('\u0000') as [string, string];
    constraints.push(`r${r++}: ${wrap(terms)} <= ${held(Number(n), sku)}`);
  }
  return [
    'Minimize',
    ` obj: ${objective.length > 0 ? wrap(objective) : '0 dummy'}`,
    'Subject To',
    ...(constraints.length > 0 ? constraints.map((c) => ` ${c}`) : [' r0: dummy >= 0']),
    'Bounds',
    ...bounds.map((b) => ` ${b}`),
    ...(objective.length === 0 ? [' 0 <= dummy <= 0'] : []),
    ...(generals.length > 0 ? ['General', ` ${wrap(generals)}`] : []),
    ...(binaries.length > 0 ? ['Binary', ` ${wrap(binaries)}`] : []),
    'End',
  ].join('\n');
}

const EARTH_RADIUS_KM = 6371.0088;
const RAD = Math.PI / 180;

/** Great-circle (haversine) km, mean earth radius: the cost model's distance. */
function greatCircleKm(a: { readonly lat: number; readonly lon: number }, b: { readonly lat: number; readonly lon: number }): number {
  const h = Math.sin(((b.lat - a.lat) * RAD) / 2) ** 2 + Math.cos(a.lat * RAD) * Math.cos(b.lat * RAD) * Math.sin(((b.lon - a.lon) * RAD) / 2) ** 2;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(h)));
}
