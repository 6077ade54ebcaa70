import { z } from 'zod';
import { NodeId, SkuId } from '../domain/ids';
import { LIMITS } from '../domain/limits';
import { parse } from '../domain/parse';
import { Amount } from '../domain/primitives';
import { deepFreeze } from '../domain/freeze';
import { isPrepared, markPrepared } from './prepared';
import { parseArgument } from './validate';

const Carrier = z.strictObject({ base: Amount.default(0), perKm: Amount.default(0), perKg: Amount.default(0) });

/**
 * The cost model, as data. Per shipment: `perShipment` + the node's `perOrder` + the carrier's
 * `base` + `perKm` × great-circle km (node to ship-to) + `perKg` × kg, and the node's `perUnit` per
 * unit. Per plan: `splitPenalty` × (shipments − 1) and `latenessPerDay` × days each shipment
 * arrives after the requested date.
 *
 * @example
 * ```ts
 * RoutingCost.parse({ perShipment: 4, carrier: { base: 3, perKm: 0.01, perKg: 0.5 }, splitPenalty: 2 })
 * ```
 */
export const RoutingCost = z.strictObject({
  perShipment: Amount.default(0),
  carrier: Carrier.default({ base: 0, perKm: 0, perKg: 0 }),
  splitPenalty: Amount.default(0),
  latenessPerDay: Amount.default(0),
});

const PerSku = z.record(SkuId, Amount).refine((r) => Object.keys(r).length <= 1_000_000, { message: 'at most 1,000,000 SKUs' });

/**
 * How `routeOrder` and `routeBatch` choose: data with a default for every field.
 *
 * - `fulfilment`: `ship-available` (default) routes what can be served and backorders the rest;
 *   `ship-complete` routes every unit or none (`unroutable`).
 * - `maxShipments`: at most this many shipments (nodes) per order.
 * - `pickupAt`: the customer collects at this node; only it is considered, with capability `pickup`.
 * - `preferredNode` / `preferredDiscount`: a credit taken off the plan's cost when that node ships;
 *   the preferred node also wins ties before rank.
 * - `nodeRank`: `tie-break` (default) ranks decide among equal-cost plans; `hard` uses the lowest
 *   rank's nodes for as much as they can serve, then the next rank for the rest.
 * - `capability`: what a shipping node must be able to do: `ship` (default) or `ship-from-store`.
 * - `opportunityCost[node][sku]`: a cost per unit shipped from that node: what the unit is worth
 *   to orders still to come (e.g. an LP dual). The stock-aware look-ahead hook.
 * - `lookAhead`: for `routeBatch`, `rounds` of pricing the window's scarce stock before routing it
 *   (0, the default: none; 20 brought hard windows within 1.5–2.4% of the offline optimum), with a
 *   relative `step`; see `routeBatch`. `routeOrder` ignores it.
 * - `exact`: orders up to `maxLines` lines and `maxNodes` candidate nodes are solved exactly by
 *   branch and bound, exploring at most `maxExplored` node sets; beyond, a heuristic.
 *
 * @example
 * ```ts
 * const policy = RoutingPolicy.parse({ fulfilment: 'ship-complete', maxShipments: 2,
 *   cost: { perShipment: 5, carrier: { base: 3, perKm: 0.004 }, splitPenalty: 2 } })
 * ```
 */
export const RoutingPolicy = z.strictObject({
  fulfilment: z.enum(['ship-complete', 'ship-available']).default('ship-available'),
  maxShipments: z.number().int().min(1).max(LIMITS.collection).optional(),
  pickupAt: NodeId.optional(),
  preferredNode: NodeId.optional(),
  preferredDiscount: Amount.default(0),
  nodeRank: z.enum(['tie-break', 'hard']).default('tie-break'),
  capability: z.enum(['ship', 'ship-from-store']).default('ship'),
  cost: RoutingCost.default({ perShipment: 0, carrier: { base: 0, perKm: 0, perKg: 0 }, splitPenalty: 0, latenessPerDay: 0 }),
  opportunityCost: z
    .record(NodeId, PerSku)
    .refine((r) => Object.keys(r).length <= LIMITS.collection, { message: `at most ${LIMITS.collection} nodes` })
    .optional(),
  lookAhead: z
    .strictObject({
      rounds: z.number().int().min(0).max(100).default(0),
      step: z.number().finite().min(0).max(100).default(0.15),
    })
    .default({ rounds: 0, step: 0.15 }),
  exact: z
    .strictObject({
      maxLines: z.number().int().min(0).max(64).default(8),
      maxNodes: z.number().int().min(0).max(64).default(30),
      maxExplored: z.number().int().min(1).max(100_000_000).default(250_000),
    })
    .default({ maxLines: 8, maxNodes: 30, maxExplored: 250_000 }),
});
/**
 * A routing policy with its defaults applied.
 *
 * @example
 * ```ts
 * const policy: RoutingPolicy = RoutingPolicy.parse({})
 * ```
 */
export type RoutingPolicy = z.infer<typeof RoutingPolicy>;
/**
 * A routing policy as a caller writes it: every field may be left out.
 *
 * @example
 * ```ts
 * const policy: RoutingPolicyInput = { fulfilment: 'ship-complete', cost: { perShipment: 5 } }
 * ```
 */
export type RoutingPolicyInput = z.input<typeof RoutingPolicy>;

/**
 * Validates a policy once for many routing calls; the frozen result is not validated again by
 * `routeOrder` or `routeBatch`. Throws `ValidationError` with issue paths (`cost.splitPenalty`).
 *
 * @example
 * ```ts
 * const policy = preparePolicy({ cost: { perShipment: 5, splitPenalty: 2 } })
 * ```
 */
export function preparePolicy(policy: RoutingPolicyInput = {}): RoutingPolicy {
  if (isPrepared(policy)) return policy as RoutingPolicy;
  return markPrepared(deepFreeze(parse(RoutingPolicy, policy, 'preparePolicy')));
}

/** The policy, validated (issue paths under `policy`) unless `preparePolicy` made it. */
export function policyOf(policy: RoutingPolicyInput | undefined, where: string): RoutingPolicy {
  if (policy === undefined) {
    defaultPolicy ??= preparePolicy({});
    return defaultPolicy;
  }
  if (isPrepared(policy)) return policy as RoutingPolicy;
  return parseArgument(RoutingPolicy, policy, where, 'policy');
}

/** The policy of every default, prepared on first use. */
let defaultPolicy: RoutingPolicy | undefined;
