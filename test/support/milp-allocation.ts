/**
 * The exactness oracle for the max-value rule: the same problem as a MILP, solved by HiGHS
 * (`highs`, WASM; tests and benchmarks only). Written from the definitions, not from the engine:
 * a ship-complete order is worth its `value` (default Σ quantity × unitValue, 1 a unit when no
 * unitValue) when served in full; a unit of another order's line is worth its share of the order's
 * value. Ring-fences: each fenced channel uses its fence, then shared units.
 *
 *   max Σ v_o x_o + Σ u_l y_l
 *   s.t. per SKU s without fences: Σ a_os x_o + Σ y_l ≤ supply_s
 *        per fenced channel c, SKU s: Σ_{o ∈ c} a_os x_o + Σ_{l ∈ c} y_l − z_cs ≤ fence_cs
 *        per fenced SKU s: Σ_{o ∉ fenced} … + Σ_c z_cs ≤ supply_s − Σ_c fence_cs
 *   x binary, y integer in [0, quantity], z ≥ 0
 */
import highsLoader from 'highs';
import type { AllocatableOrderInput } from '../../src/allocation';
import { num, wrap } from './lp-text';

/** The optimum HiGHS found, and whether it proved it. */
export interface MilpOptimum {
  readonly value: number;
  readonly optimal: boolean;
  readonly status: string;
  readonly seconds: number;
}

let loaded: ReturnType<typeof highsLoader> | undefined;

/** The maximum released value of `orders` over `supply` (no holds), by MILP. */
export async function milpMaxValue(
  orders: readonly AllocatableOrderInput[],
  supply: Readonly<Record<string, number>>,
  options: { readonly channelQuota?: Readonly<Record<string, Readonly<Record<string, number>>>>; readonly timeLimit?: number } = {},
): Promise<MilpOptimum> {
  loaded ??= highsLoader();
  const highs = await loaded;
  const lp = maxValueLp(orders, supply, options.channelQuota ?? {});
  const start = performance.now();
  const solution = highs.solve(lp, { time_limit: options.timeLimit ?? 60, mip_rel_gap: 0, mip_abs_gap: 1e-9, output_flag: false });
  const seconds = (performance.now() - start) / 1000;
  const status = String(solution.Status);
  return { value: solution.ObjectiveValue, optimal: status === 'Optimal', status, seconds };
}

/** The MILP in CPLEX LP format. */
export function maxValueLp(
  orders: readonly AllocatableOrderInput[],
  supply: Readonly<Record<string, number>>,
  quota: Readonly<Record<string, Readonly<Record<string, number>>>>,
): string {
  const objective: string[] = [];
  const binaries: string[] = [];
  const generals: string[] = [];
  const bounds: string[] = [];
  // Terms per row key: `s` (shared or whole supply of SKU s) or `c\u0000s` (fence of channel c).
  const rows = new Map<string, string[]>();
  const add = (row: string, term: string) => {
    const list = rows.get(row) ?? [];
    list.push(term);
    rows.set(row, list);
  };
  const fenced = (channel: string, sku: string) => (quota[channel]?.[sku] ?? 0) > 0;
  const rowOf = (channel: string, sku: string) => (fenced(channel, sku) ? `${channel}\u0000${sku}` : sku);
  orders.forEach((o, i) => {
    if (o.holds !== undefined && o.holds.length > 0) throw new Error('the MILP oracle takes no holds');
    const base = o.lines.reduce((sum, l) => sum + l.quantity * (l.unitValue ?? 1), 0);
    const units = o.lines.reduce((sum, l) => sum + l.quantity, 0);
    const value = o.value ?? base;
    if (o.shipComplete === true) {
      const x = `x${i}`;
      objective.push(`+ ${num(value)} ${x}`);
      binaries.push(x);
      const need = new Map<string, number>();
      for (const l of o.lines) need.set(l.sku, (need.get(l.sku) ?? 0) + l.quantity);
      for (const [sku, a] of need) add(rowOf(o.channel, sku), `+ ${num(a)} ${x}`);
      return;
    }
    o.lines.forEach((l, j) => {
      const y = `y${i}_${j}`;
      const unit = base > 0 ? ((l.unitValue ?? 1) * value) / base : value / units;
      objective.push(`+ ${num(unit)} ${y}`);
      generals.push(y);
      bounds.push(`0 <= ${y} <= ${l.quantity}`);
      add(rowOf(o.channel, l.sku), `+ ${y}`);
    });
  });
  const constraints: string[] = [];
  let r = 0;
  const skus = new Set<string>([...Object.keys(supply), ...[...rows.keys()].map((k) => k.split('\u0000').pop()!)]);
  for (const sku of skus) {
    const shared = [...(rows.get(sku) ?? [])];
    let fences = 0;
    for (const channel of Object.keys(quota)) {
      if (!fenced(channel, sku)) continue;
      const fence = quota[channel]![sku]!;
      fences += fence;
      const z = `z${r}`;
      bounds.push(`${z} >= 0`);
      shared.push(`+ ${z}`);
      constraints.push(`r${r++}: ${wrap([...(rows.get(`${channel}\u0000${sku}`) ?? []), `- ${z}`])} <= ${num(fence)}`);
    }
    if (shared.length > 0) constraints.push(`r${r++}: ${wrap(shared)} <= ${num((supply[sku] ?? 0) - fences)}`);
  }
  return [
    'Maximize',
    ` obj: ${objective.length > 0 ? wrap(objective) : '0 dummy'}`,
    'Subject To',
    ...constraints.map((c) => ` ${c}`),
    'Bounds',
    ...bounds.map((b) => ` ${b}`),
    ...(objective.length === 0 ? [' 0 <= dummy <= 0'] : []),
    ...(generals.length > 0 ? ['General', ` ${generals.join(' ')}`] : []),
    ...(binaries.length > 0 ? ['Binary', ` ${binaries.join(' ')}`] : []),
    'End',
  ].join('\n');
}
