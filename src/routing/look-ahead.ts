import type { NodeId, SkuId } from '../domain/ids';
import { own } from '../domain/state';
import type { RoutingNode } from './node';
import type { RoutableOrder } from './order';
import type { RoutingPolicy } from './policy';
import { routeParsed } from './route';
import type { StockReader } from './stock';

type Prices = Record<NodeId, Record<SkuId, number>>;

/**
 * Prices a release window's scarce stock (the look-ahead of `routeBatch`): a few rounds of
 * subgradient ascent on the window's stock constraints, as LP duals would price them. Each round
 * routes every order on the whole window's stock, as if alone, at the current prices; a node's SKU
 * wanted beyond its stock gets dearer, one wanted below loses price (never below 0). The step
 * shrinks as 1/√round and is scaled by what a shipment costs at least (per shipment, carrier
 * base, split penalty and the mean per-order handling) over the stock of the position. Returns
 * the prices averaged over the rounds (steadier than the last round's), added to the policy's own
 * opportunity costs; the policy unchanged when `lookAhead.rounds` is 0.
 */
export function priceWindow(
  orders: readonly RoutableOrder[],
  sequence: readonly number[],
  nodes: readonly RoutingNode[],
  stock: StockReader,
  policy: RoutingPolicy,
  today: number,
): RoutingPolicy {
  const { rounds, step } = policy.lookAhead;
  if (rounds === 0 || orders.length === 0 || nodes.length === 0) return policy;
  const index = new Map(nodes.map((n, i) => [n.id as string, i]));
  const meanPerOrder = nodes.reduce((sum, n) => sum + n.costs.perOrder, 0) / nodes.length;
  const { cost } = policy;
  const scale = step * Math.max(1e-6, cost.perShipment + cost.carrier.base + cost.splitPenalty + meanPerOrder);
  const prices = new Map<string, number>();
  const sums = new Map<string, number>();
  const positions = new Map<string, { node: NodeId; sku: SkuId; stock: number }>();
  for (let round = 0; round < rounds; round++) {
    const priced = withPrices(policy, prices, positions);
    const wanted = new Map<string, number>();
    for (const i of sequence) {
      for (const s of routeParsed(orders[i]!, nodes, stock, priced, today).shipments) {
        for (const l of s.lines) {
          const key = `${s.node}\u0000${l.sku}`;
          wanted.set(key, (wanted.get(key) ?? 0) + l.quantity);
          if (!positions.has(key)) positions.set(key, { node: s.node, sku: l.sku, stock: stock(index.get(s.node)!, l.sku) });
        }
      }
    }
    const size = scale / Math.sqrt(round + 1);
    for (const [key, at] of positions) {
      const over = (wanted.get(key) ?? 0) - at.stock;
      const price = Math.max(0, (prices.get(key) ?? 0) + (size * over) / Math.max(1, at.stock));
      prices.set(key, price);
      sums.set(key, (sums.get(key) ?? 0) + price);
    }
  }
  const mean = new Map([...sums].map(([key, sum]) => [key, sum / rounds]));
  return withPrices(policy, mean, positions);
}

/** The policy with `prices` added to its opportunity costs. */
function withPrices(policy: RoutingPolicy, prices: ReadonlyMap<string, number>, positions: ReadonlyMap<string, { node: NodeId; sku: SkuId }>): RoutingPolicy {
  const merged: Prices = {};
  for (const [node, bySku] of Object.entries(policy.opportunityCost ?? {}) as [NodeId, Record<SkuId, number>][]) merged[node] = { ...bySku };
  for (const [key, price] of prices) {
    if (price <= 0) continue;
    const { node, sku } = positions.get(key)!;
    const bySku = own(merged, node) ?? {};
    bySku[sku] = (own(bySku, sku) ?? 0) + price;
    merged[node] = bySku;
  }
  return { ...policy, opportunityCost: merged };
}
