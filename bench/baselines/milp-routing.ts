/**
 * The offline optimum of routing a release window, as the benchmark needs it: the model of
 * `test/support/milp-routing.ts` (written from the cost model's definition, not from the engine;
 * plain shipping nodes, no lateness, capacity, preferred node, ranks or channels; every unit
 * served), reformulated so HiGHS handles a window of 1,000 orders, and solved under a time limit
 * with its proven lower bound reported beside the best routing it found.
 *
 *   min Σ_{o,n} F_on y_on + Σ_{o,l,n} (perUnit_n + perKg · kg_l) x_oln − splitPenalty · |O|
 *   F_on = perShipment + perOrder_n + carrier base + perKm · km(n, o) + splitPenalty
 *   s.t. Σ_n x_oln = quantity_l                              every unit of every line served
 *        x_oln ≤ min(quantity_l, stock_n,sku(l)) · y_on        a node ships only in a shipment
 *        Σ_{o,l: sku(l) = s} x_oln ≤ stock_ns                 stock per node × SKU, shared
 *   y binary, x continuous in [0, min(quantity_l, stock_n,sku(l))]
 *
 * Why x may be continuous: with y fixed, what is left is a transportation problem whose every x
 * sits in exactly one line row and one stock row (a bipartite incidence matrix, so totally
 * unimodular); with integer quantities, stock and bounds its LP optimum is attained at an integer
 * point. So the optimum over continuous x equals the optimum over integer x, and the binaries y
 * alone carry the integrality: branch-and-bound branches on far fewer variables (on a 60-order window
 * HiGHS proved the optimum in 19 s this way; with integer x it had not in 60 s). The linking rows
 * use min(quantity, stock) rather than a big M: the tightest valid coefficient, which keeps the
 * LP relaxation (and so the lower bound) strong.
 *
 * The split penalty `splitPenalty × (shipments − 1)` of an order is folded into `F`; the constant
 * `− splitPenalty` per order is added back after the solve (every order ships).
 */
import highsLoader from 'highs';
import type { RoutableOrderInput, RoutingNodeInput } from 'fulfillkit';
import type { MilpRoutingCost } from '../../test/support/milp-routing';
import { num, wrap } from '../../test/support/lp-text';

export type { MilpRoutingCost };

type Stock = Readonly<Record<string, Readonly<Record<string, number>>>>;

/** What HiGHS established about a window within its time limit. */
export interface MilpRoutingBound {
  /** Cost of the best routing found: an upper bound of the optimum. */
  readonly best: number;
  /** HiGHS's proven lower bound of the optimum (the optimum itself when `gap` is 0). */
  readonly bound: number;
  /** `(best − bound) / best`, on the cost to serve. */
  readonly gap: number;
  /** True when HiGHS stopped on its gap tolerance, false when on its time limit. */
  readonly optimal: boolean;
  readonly seconds: number;
  readonly columns: { readonly binary: number; readonly continuous: number };
}

export interface MilpRoutingOptions {
  /** Seconds HiGHS may spend. */
  readonly timeLimit: number;
  /** Relative gap at which HiGHS stops and calls the routing optimal (on its objective). */
  readonly relGap?: number;
}

let loaded: ReturnType<typeof highsLoader> | undefined;

/** The least total cost of serving every unit of `orders` from `stock` over `nodes`, bounded by MILP. */
export async function milpRoutingBound(
  orders: readonly RoutableOrderInput[],
  nodes: readonly RoutingNodeInput[],
  stock: Stock,
  cost: MilpRoutingCost,
  options: MilpRoutingOptions,
): Promise<MilpRoutingBound> {
  loaded ??= highsLoader();
  const highs = await loaded;
  const model = routingModel(orders, nodes, stock, cost);
  const start = performance.now();
  return highs.withModel({ format: 'lp', data: model.lp }, (m) => {
    m.options.set({ output_flag: false, time_limit: options.timeLimit, mip_rel_gap: options.relGap ?? 1e-4 });
    m.run();
    const seconds = (performance.now() - start) / 1000;
    const status = m.getModelStatus();
    const { optimal, timeLimit } = highs.constants.modelStatus;
    // A time-limited stop is usable only with an incumbent; the bound alone would not say what a routing costs.
    const feasible = Number(m.info.get('primal_solution_status')) === highs.constants.solutionStatus.feasible;
    if ((status !== optimal && status !== timeLimit) || !feasible) throw new Error(`HiGHS found no routing of the window (model status ${status})`);
    const constant = cost.splitPenalty * orders.length;
    const best = m.getObjectiveValue() - constant;
    const bound = Math.min(best, Number(m.info.get('mip_dual_bound')) - constant);
    return { best, bound, gap: (best - bound) / best, optimal: status === optimal, seconds, columns: model.columns };
  });
}

/** The MILP in CPLEX LP format (see the module comment), and how many columns of each kind. */
export function routingModel(
  orders: readonly RoutableOrderInput[],
  nodes: readonly RoutingNodeInput[],
  stock: Stock,
  cost: MilpRoutingCost,
): { lp: string; columns: { binary: number; continuous: number } } {
  for (const n of nodes) {
    if (n.capacityLeft !== undefined || n.channels !== undefined || n.active === false || n.open === false || (n.capabilities !== undefined && !n.capabilities.includes('ship'))) {
      throw new Error(`the MILP oracle takes plain shipping nodes only (${n.id})`);
    }
  }
  const lp = new LpText();
  const stockRows = new Map<string, string[]>();
  orders.forEach((o, i) => {
    addOrder(lp, stockRows, o, i, nodes, stock, cost);
  });
  for (const [key, terms] of stockRows) {
    const [n, sku] = key.split('\u0000') as [string, string];
    lp.row(terms, `<= ${stock[n]![sku]}`);
  }
  return { lp: lp.text(), columns: { binary: lp.binaries.length, continuous: lp.bounds.length } };
}

/** Columns and rows of one order: its x per line and holding node, its y per node. */
function addOrder(lp: LpText, stockRows: Map<string, string[]>, o: RoutableOrderInput, i: number, nodes: readonly RoutingNodeInput[], stock: Stock, cost: MilpRoutingCost): void {
  const links: [string, number][][] = nodes.map(() => []);
  o.lines.forEach((line, l) => {
    const serve: string[] = [];
    nodes.forEach((node, n) => {
      const have = stock[node.id]?.[line.sku] ?? 0;
      if (have <= 0) return;
      const x = `x${i}_${l}_${n}`;
      const cap = Math.min(line.quantity, have);
      lp.cost((node.costs?.perUnit ?? 0) + (cost.carrier.perKg * (line.weightG ?? 0)) / 1000, x);
      lp.bounds.push(`0 <= ${x} <= ${cap}`);
      serve.push(`+ ${x}`);
      links[n]!.push([x, cap]);
      const key = `${node.id}\u0000${line.sku}`;
      const row = stockRows.get(key) ?? [];
      row.push(`+ ${x}`);
      stockRows.set(key, row);
    });
    if (serve.length === 0) throw new Error(`no node holds ${line.sku} of order ${o.id}`);
    lp.row(serve, `= ${line.quantity}`);
  });
  const dest = o.shipTo?.geo;
  nodes.forEach((node, n) => {
    if (links[n]!.length === 0) return;
    const y = `y${i}_${n}`;
    const km = dest !== undefined && node.geo !== undefined ? greatCircleKm(node.geo, dest) : 0;
    lp.cost(cost.perShipment + (node.costs?.perOrder ?? 0) + cost.carrier.base + cost.carrier.perKm * km + cost.splitPenalty, y);
    lp.binaries.push(y);
    for (const [x, cap] of links[n]!) lp.row([`+ ${x}`, `- ${cap} ${y}`], '<= 0');
  });
}

/** An LP file under construction. */
class LpText {
  readonly objective: string[] = [];
  readonly rows: string[] = [];
  readonly bounds: string[] = [];
  readonly binaries: string[] = [];

  cost(coefficient: number, column: string): void {
    this.objective.push(`+ ${num(coefficient)} ${column}`);
  }

  row(terms: readonly string[], rhs: string): void {
    this.rows.push(` r${this.rows.length}: ${wrap(terms)} ${rhs}`);
  }

  text(): string {
    return ['Minimize', ` obj: ${wrap(this.objective)}`, 'Subject To', ...this.rows, 'Bounds', ...this.bounds.map((b) => ` ${b}`), 'Binary', ` ${wrap(this.binaries)}`, 'End'].join('\n');
  }
}

const EARTH_RADIUS_KM = 6371.0088;
const RAD = Math.PI / 180;

/** Great-circle (haversine) km, mean earth radius: the cost model's distance. */
function greatCircleKm(a: { readonly lat: number; readonly lon: number }, b: { readonly lat: number; readonly lon: number }): number {
  const h = Math.sin(((b.lat - a.lat) * RAD) / 2) ** 2 + Math.cos(a.lat * RAD) * Math.cos(b.lat * RAD) * Math.sin(((b.lon - a.lon) * RAD) / 2) ** 2;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(h)));
}
