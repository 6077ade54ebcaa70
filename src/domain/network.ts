import { z } from 'zod';
import { CalendarId, CarrierId, ChannelId, DepartureId, LocationId, NodeId, SkuId } from './ids';
import { LIMITS } from './limits';
import { Amount, CalendarDate, Geo, Instant, TimeOfDay, TimeZone, Text } from './primitives';

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

/** Opening hours on one weekday, in the calendar's zone. Several intervals model shifts. */
export const OpeningHours = z.strictObject({ from: TimeOfDay, to: TimeOfDay });

/** Working days, holidays and hours, in an IANA time zone. */
export const Calendar = z.strictObject({
  id: CalendarId,
  timeZone: TimeZone,
  /** Index 0 = Monday … 6 = Sunday (ISO weekday − 1); an empty list is a closed day. */
  week: z.array(z.array(OpeningHours).max(8)).length(7),
  holidays: z.array(CalendarDate).max(LIMITS.collection).default([]),
});
export type Calendar = z.infer<typeof Calendar>;

/** How carriers move cargo. */
export const ServiceLevel = z.enum(['same-day', 'next-day', 'express', 'standard', 'economy', 'air', 'sea']);
export type ServiceLevel = z.infer<typeof ServiceLevel>;

/** A deadline before a departure: carrier pick-up, documents, container yard. */
/** Which deadline a cutoff is. */
export const CutoffKind = z.enum(['pickup', 'document', 'cargo', 'vgm', 'customs']);
/** One deadline of a departure, as a UTC instant. */
export const Cutoff = z.strictObject({ kind: CutoffKind, at: Instant });
export type Cutoff = z.infer<typeof Cutoff>;

/** A scheduled carrier pick-up, truck, flight or sailing, with its cutoffs and transit time. */
export const Departure = z.strictObject({
  id: DepartureId,
  node: NodeId,
  carrier: CarrierId,
  mode: z.enum(['parcel', 'truck', 'air', 'sea', 'rail']),
  serviceLevel: ServiceLevel,
  departsAt: Instant,
  cutoffs: z.array(Cutoff).min(1).max(8),
  transit: z.strictObject({ days: z.number().int().min(0).max(120), basis: z.enum(['business', 'calendar']) }),
  /** For sailings and flights. */
  voyage: z.string().max(64).optional(),
  vessel: Text.optional(),
  arrivesAt: Instant.optional(),
  status: z.enum(['scheduled', 'delayed', 'cancelled', 'departed']).default('scheduled'),
});
export type Departure = z.infer<typeof Departure>;
