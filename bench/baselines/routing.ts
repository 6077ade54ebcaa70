/**
 * Routing baselines: the open-source peers' sourcing rules, re-implemented from their described
 * behaviour (no code taken), for tests and benchmarks only. Each validates and examines the order
 * exactly as `routeOrder` does (same candidates: eligibility, stock, unit capacity) and costs its
 * allocation with the same cost model, so plans and speeds compare like for like. None knows
 * `maxShipments` or the preferred node (the peers have neither); `ship-complete` is honoured by
 * routing nothing when a rule leaves units unrouted.
 *
 * - `firstLocation` (Medusa, Vendure): each line from the first node in network order holding all
 *   of it, else filled from the nodes in network order.
 * - `priorityGreedy` (Saleor's warehouse order): nodes by rank (then id), each filling every line
 *   it can before the next node is asked.
 * - `distanceGreedy` (Magento's distance-based sourcing): each line from the nearest node holding
 *   all of it, else filled nearest first.
 * - `lineGreedy`: each line, alone, to the node where shipping it costs least under the cost model
 *   (fixed and per-unit costs of a one-line shipment), among those holding all of it; else filled
 *   from the node holding most.
 */
import { type Allocation, buildPlan } from '../../src/routing/build';
import type { Candidate, Examined } from '../../src/routing/candidates';
import type { RoutingNodeInput } from '../../src/routing/node';
import type { RoutableOrderInput } from '../../src/routing/order';
import type { RoutingPlan } from '../../src/routing/plan';
import type { RoutingPolicy, RoutingPolicyInput } from '../../src/routing/policy';
import { examineOrder } from '../../src/routing/price';
import type { RoutingStock } from '../../src/routing/stock';
import type { RoutingContext } from '../../src/routing/validate';

/**
 * A baseline router: `routeOrder`'s signature and output.
 *
 * @example
 * ```ts
 * const router: BaselineRouter = lineGreedy
 * ```
 */
export type BaselineRouter = (
  order: RoutableOrderInput,
  nodes: readonly RoutingNodeInput[],
  stock: RoutingStock,
  policy: RoutingPolicyInput | undefined,
  context: RoutingContext,
) => RoutingPlan;

/** Stock and unit capacity left while one baseline fills an order. */
class Ledger {
  private readonly left: number[][];
  private readonly cap: number[];
  readonly allocations: Allocation[] = [];

  constructor(readonly ex: Examined) {
    this.left = ex.candidates.map((c) => c.stock.slice());
    this.cap = ex.candidates.map((c) => c.capUnits);
  }

  /** Units of order line `l` candidate `c` (index into `ex.candidates`) can still give. */
  available(c: number, l: number): number {
    return Math.min(this.left[c]![this.ex.lineSku[l]!]!, this.cap[c]!);
  }

  take(c: number, l: number, qty: number): void {
    if (qty <= 0) return;
    this.left[c]![this.ex.lineSku[l]!]! -= qty;
    this.cap[c]! -= qty;
    this.allocations.push({ candidate: this.ex.candidates[c]!, line: l, qty });
  }

  /** Fills `need` units of line l from candidates in `order`; returns what is still missing. */
  fill(l: number, need: number, order: readonly number[]): number {
    for (const c of order) {
      if (need === 0) break;
      const qty = Math.min(need, this.available(c, l));
      this.take(c, l, qty);
      need -= qty;
    }
    return need;
  }
}

function run(name: string, rule: (ledger: Ledger, policy: RoutingPolicy) => void): BaselineRouter {
  return (order, nodes, stock, policy, context) => {
    const { ex, policy: parsed } = examineOrder(order, nodes, stock, policy, context, name);
    const ledger = new Ledger(ex);
    rule(ledger, parsed);
    const routed = ledger.allocations.reduce((sum, a) => sum + a.qty, 0);
    const total = ex.order.lines.reduce((sum, l) => sum + l.quantity, 0);
    const allocations = parsed.fulfilment === 'ship-complete' && routed < total ? [] : ledger.allocations;
    return buildPlan(ex, parsed, allocations, { rules: [`fulfilment ${parsed.fulfilment}`, `baseline: ${name}`], search: { method: 'heuristic', explored: 0 }, rejected: [] });
  };
}

/** Whole line from the first candidate in `order` that holds all of it, else filled in `order`. */
function wholeLineFirst(ledger: Ledger, order: readonly number[]): void {
  ledger.ex.order.lines.forEach((line, l) => {
    const whole = order.find((c) => ledger.available(c, l) >= line.quantity);
    if (whole !== undefined) ledger.take(whole, l, line.quantity);
    else ledger.fill(l, line.quantity, order);
  });
}

const indices = (ex: Examined) => ex.candidates.map((_, i) => i);
const byRankThenId = (a: Candidate, b: Candidate) => a.node.rank - b.node.rank || (a.node.id < b.node.id ? -1 : a.node.id > b.node.id ? 1 : 0);

/**
 * First location (Medusa, Vendure): each line from the first node, in network order, that holds
 * all of it; else filled from the nodes in network order.
 *
 * @example
 * ```ts
 * firstLocation(order, nodes, stock, policy, { today: '2026-03-27' }).trace.chosen // ['dc-1']
 * ```
 */
export const firstLocation: BaselineRouter = run('first location', (ledger) => {
  wholeLineFirst(ledger, indices(ledger.ex).sort((a, b) => ledger.ex.candidates[a]!.at - ledger.ex.candidates[b]!.at));
});

/**
 * Priority greedy (a fixed warehouse order, as Saleor allocates): nodes by rank, then id; each
 * fills every line it can before the next is asked.
 *
 * @example
 * ```ts
 * priorityGreedy(order, nodes, stock, policy, { today: '2026-03-27' })
 * ```
 */
export const priorityGreedy: BaselineRouter = run('priority greedy', (ledger) => {
  const { ex } = ledger;
  const order = indices(ex).sort((a, b) => byRankThenId(ex.candidates[a]!, ex.candidates[b]!));
  for (const c of order) {
    ex.order.lines.forEach((line, l) => {
      ledger.take(c, l, Math.min(line.quantity - routedOf(ledger, l), ledger.available(c, l)));
    });
  }
});

/**
 * Distance greedy (Magento's distance-based sourcing): each line from the nearest node holding all
 * of it; else filled nearest first. Ties by rank, then id.
 *
 * @example
 * ```ts
 * distanceGreedy(order, nodes, stock, policy, { today: '2026-03-27' })
 * ```
 */
export const distanceGreedy: BaselineRouter = run('distance greedy', (ledger) => {
  const { ex } = ledger;
  wholeLineFirst(ledger, indices(ex).sort((a, b) => ex.candidates[a]!.km - ex.candidates[b]!.km || byRankThenId(ex.candidates[a]!, ex.candidates[b]!)));
});

/**
 * Line greedy: each line, on its own, to the node where a shipment of just that line costs least
 * under the same cost model, among nodes holding all of it; else the node holding most, repeated.
 * What most peers' "cheapest source per item" rules amount to: no view of consolidation.
 *
 * @example
 * ```ts
 * lineGreedy(order, nodes, stock, policy, { today: '2026-03-27' }).cost.total
 * ```
 */
export const lineGreedy: BaselineRouter = run('line greedy', (ledger, policy) => {
  const { ex } = ledger;
  const perKg = policy.pickupAt === undefined ? policy.cost.carrier.perKg : 0;
  const all = indices(ex);
  ex.order.lines.forEach((line, l) => {
    const s = ex.lineSku[l]!;
    const costOf = (c: number, qty: number) => ex.candidates[c]!.fixed + qty * (ex.candidates[c]!.unit[s]! + ex.kg[l]! * perKg);
    let need = line.quantity;
    while (need > 0) {
      let pick = -1;
      for (const c of all) {
        if (ledger.available(c, l) < need) continue;
        if (pick < 0 || costOf(c, need) < costOf(pick, need)) pick = c;
      }
      if (pick >= 0) {
        ledger.take(pick, l, need);
        return;
      }
      for (const c of all) {
        const a = ledger.available(c, l);
        if (a > 0 && (pick < 0 || a > ledger.available(pick, l) || (a === ledger.available(pick, l) && costOf(c, a) < costOf(pick, a)))) pick = c;
      }
      if (pick < 0) return;
      const qty = ledger.available(pick, l);
      ledger.take(pick, l, qty);
      need -= qty;
    }
  });
});

function routedOf(ledger: Ledger, l: number): number {
  return ledger.allocations.reduce((sum, a) => sum + (a.line === l ? a.qty : 0), 0);
}
