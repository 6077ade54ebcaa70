import { z } from 'zod';
import { CalendarId, ChannelId, LocationId, NodeId, SkuId } from './ids';
import { LIMITS } from './limits';
import { Amount, Geo, TimeZone, Text } from './primitives';
import { ProcessingProfile } from './schedule';

/** What kind of place a node is. */
export const NodeKind = z.enum(['warehouse', 'dc', 'store', '3pl', 'dropship']);
export type NodeKind = z.infer<typeof NodeKind>;

/** What a node can do for an order. */
export const NodeCapability = z.enum(['ship', 'pickup', 'ship-from-store']);
export type NodeCapability = z.infer<typeof NodeCapability>;

/**
 * A share or a fixed quantity of a node's stock kept for one channel. Other channels cannot
 * promise fenced units; the channel itself uses its fence first, then, when `whenExhausted` is
 * `pool`, the unfenced stock (with `stop` it gets nothing beyond its fence).
 */
export const RingFence = z
  .strictObject({
    channel: ChannelId,
    /** The SKU fenced; absent: every SKU at the node. A SKU's own fence wins over the node-wide one. */
    sku: SkuId.optional(),
    /** A share of the node's on hand net of safety stock, rounded down … */
    share: z.number().min(0).max(1).optional(),
    /** … or a fixed number of units. Exactly one of the two. */
    quantity: z.number().int().min(0).max(LIMITS.quantity).optional(),
    whenExhausted: z.enum(['pool', 'stop']).default('pool'),
  })
  .refine((f) => (f.share === undefined) !== (f.quantity === undefined), { message: 'give exactly one of share or quantity' });
export type RingFence = z.infer<typeof RingFence>;

/**
 * A place that holds stock and can ship: geo, time zone, calendar, capabilities, daily capacity, costs.
 */
export const Node = z.strictObject({
  id: NodeId,
  name: Text.optional(),
  kind: NodeKind.default('warehouse'),
  timeZone: TimeZone.default('UTC'),
  geo: Geo.optional(),
  calendar: CalendarId.optional(),
  capabilities: z.array(NodeCapability).max(8).default(['ship']),
  /** Channels this node serves; absent means every channel. */
  channels: z.array(ChannelId).max(LIMITS.collection).optional(),
  /** Work the node can take per day. */
  dailyCapacity: z
    .strictObject({ orders: z.number().int().min(0).optional(), units: z.number().int().min(0).optional() })
    .optional(),
  costs: z
    .strictObject({ perOrder: Amount.default(0), perUnit: Amount.default(0) })
    .default({ perOrder: 0, perUnit: 0 }),
  /** Lower ranks are preferred when costs tie, or always when a policy says so. */
  rank: z.number().int().min(0).max(1_000_000).default(0),
  active: z.boolean().default(true),
  /** Pick, pack and stage durations and throughput: what release planning and promises count. */
  processing: ProcessingProfile.optional(),
  /** Stock kept for channels; see `RingFence`. At most one fence per channel and SKU. */
  ringFences: z
    .array(RingFence)
    .max(64)
    .superRefine((fences, ctx) => {
      const seen = new Set<string>();
      fences.forEach((f, i) => {
        const key = `${f.channel}\u0000${f.sku ?? '*'}`;
        if (seen.has(key)) ctx.addIssue({ code: 'custom', message: `a second fence for channel ${f.channel}${f.sku ? ` and SKU ${f.sku}` : ''}`, path: [i] });
        seen.add(key);
      });
    })
    .optional(),
});
/** A node as the host supplies it (defaults not yet applied). */
export type NodeInput = z.input<typeof Node>;
export type Node = z.infer<typeof Node>;

/** The role of a slot inside a warehouse. */
export const LocationType = z.enum(['pick-face', 'reserve', 'staging', 'dock', 'receiving', 'packing']);
export type LocationType = z.infer<typeof LocationType>;

/** A slot (bin) inside a warehouse node. */
export const Location = z.strictObject({
  id: LocationId,
  node: NodeId,
  type: LocationType,
  zone: z.string().max(32).optional(),
  aisle: z.string().max(32).optional(),
  bay: z.string().max(32).optional(),
  level: z.string().max(32).optional(),
  /** Position on the floor plan, in metres, for pick paths. */
  coordinates: z.strictObject({ x: z.number().finite(), y: z.number().finite(), z: z.number().finite().default(0) }).optional(),
  /** Most units (or volume, in litres) the slot holds. */
  capacity: z.strictObject({ units: z.number().int().min(0).optional(), litres: z.number().min(0).optional() }).optional(),
});
export type Location = z.infer<typeof Location>;

export * from './schedule';
