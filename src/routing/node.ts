import { z } from 'zod';
import { ChannelId, NodeId } from '../domain/ids';
import { LIMITS } from '../domain/limits';
import { NodeCapability } from '../domain/network';
import { parse } from '../domain/parse';
import { Amount, Geo, Units } from '../domain/primitives';
import { deepFreeze } from '../domain/freeze';
import { isPrepared, markPrepared } from './prepared';
import { parseArgument } from './validate';

/**
 * A node as routing sees it for one order (or one release window): what it can do, whether it
 * works today, its rank and costs, what capacity it has left today and, when known, how many days
 * delivery to the order's destination takes. The runtime builds it from the network's `Node`, the
 * node's calendar and today's usage.
 *
 * @example
 * ```ts
 * RoutingNode.parse({ id: 'dc-1', geo: { lat: 52.5, lon: 13.4 }, capabilities: ['ship'], rank: 0,
 *   costs: { perOrder: 2, perUnit: 0.3 }, capacityLeft: { orders: 400, units: 2_000 }, deliveryDays: 2 })
 * ```
 */
export const RoutingNode = z.strictObject({
  id: NodeId,
  geo: Geo.optional(),
  capabilities: z.array(NodeCapability).max(8).default(['ship']),
  /** Channels this node serves; absent means every channel. */
  channels: z.array(ChannelId).max(LIMITS.collection).optional(),
  active: z.boolean().default(true),
  /** The node's calendar is open today. */
  open: z.boolean().default(true),
  /** Lower ranks win ties, or always when the policy's `nodeRank` is `hard`. */
  rank: z.number().int().min(0).max(1_000_000).default(0),
  costs: z.strictObject({ perOrder: Amount.default(0), perUnit: Amount.default(0) }).default({ perOrder: 0, perUnit: 0 }),
  /** Work the node can still take today; absent: unlimited. */
  capacityLeft: z.strictObject({ orders: Units.optional(), units: Units.optional() }).optional(),
  /** Days from shipping today to delivery at this order's destination, when known. */
  deliveryDays: z.number().int().min(0).max(366).optional(),
});
/**
 * A routing node with defaults applied.
 *
 * @example
 * ```ts
 * const node: RoutingNode = RoutingNode.parse({ id: 'store-7', capabilities: ['ship-from-store', 'pickup'] })
 * ```
 */
export type RoutingNode = z.infer<typeof RoutingNode>;
/**
 * A routing node as a caller writes it: defaults may be left out.
 *
 * @example
 * ```ts
 * const node: RoutingNodeInput = { id: 'dc-1', capabilities: ['ship'], active: true, open: true, rank: 0, costs: { perOrder: 2, perUnit: 0 } }
 * ```
 */
export type RoutingNodeInput = z.input<typeof RoutingNode>;

/** Every node once; ids unique. */
export const RoutingNodes = z
  .array(RoutingNode)
  .max(LIMITS.collection)
  .superRefine((nodes, ctx) => {
    const seen = new Map<string, number>();
    nodes.forEach((node, i) => {
      const first = seen.get(node.id);
      if (first === undefined) seen.set(node.id, i);
      else ctx.addIssue({ code: 'custom', path: [i, 'id'], message: `node ${node.id} is given twice (first at [${first}])`, input: node.id });
    });
  });

/**
 * Validates a network once for many routing calls. The result is frozen and recognised by
 * `routeOrder` and `routeBatch`, which then skip validating it again: the way to route many orders
 * over one network fast. Throws `ValidationError` with issue paths (`[3].costs.perUnit`).
 *
 * @example
 * ```ts
 * const network = prepareNodes([{ id: 'dc-1' }, { id: 'store-7', capabilities: ['ship-from-store'] }])
 * for (const order of cart) routeOrder(order, network, stock, policy, { today: '2026-03-27' })
 * ```
 */
export function prepareNodes(nodes: readonly RoutingNodeInput[]): readonly RoutingNode[] {
  if (isPrepared(nodes)) return nodes as readonly RoutingNode[];
  return markPrepared(deepFreeze(parse(RoutingNodes, nodes, 'prepareNodes')));
}

/** The nodes, validated (issue paths under `nodes`) unless `prepareNodes` made them. */
export function nodesOf(nodes: readonly RoutingNodeInput[], where: string): readonly RoutingNode[] {
  return isPrepared(nodes) ? (nodes as readonly RoutingNode[]) : parseArgument(RoutingNodes, nodes, where, 'nodes');
}
