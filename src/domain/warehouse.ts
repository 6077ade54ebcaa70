import { z } from 'zod';
import { CarrierId, LineId, LocationId, NodeId, OrderId, ShipmentId, SkuId, TaskId } from './ids';
import { LIMITS } from './limits';
import { Instant, Quantity, Text } from './primitives';

/** One kind of warehouse work. */
export const TaskKind = z.enum(['putaway', 'replenish', 'pick', 'pack', 'stage', 'load', 'count']);
export type TaskKind = z.infer<typeof TaskKind>;

/** One unit of warehouse work, assigned to a person or left open. */
export const Task = z.strictObject({
  id: TaskId,
  node: NodeId,
  kind: TaskKind,
  status: z.enum(['open', 'assigned', 'in-progress', 'done', 'cancelled']),
  sku: SkuId.optional(),
  quantity: Quantity.optional(),
  from: LocationId.optional(),
  to: LocationId.optional(),
  order: OrderId.optional(),
  assignee: z.string().max(LIMITS.idLength).optional(),
  dueAt: Instant.optional(),
  version: z.number().int().min(1),
});
export type Task = z.infer<typeof Task>;

/** A package or set of packages leaving one node for one order. */
export const Shipment = z.strictObject({
  id: ShipmentId,
  order: OrderId,
  node: NodeId,
  carrier: CarrierId.optional(),
  trackingNumber: z.string().max(64).optional(),
  lines: z.array(z.strictObject({ line: LineId, sku: SkuId, quantity: Quantity })).min(1).max(LIMITS.orderLines),
  packages: z
    .array(z.strictObject({ weightG: z.number().positive(), reference: Text.optional() }))
    .max(LIMITS.collection)
    .default([]),
  status: z.enum(['planned', 'packed', 'shipped', 'delivered', 'returned']),
  shippedAt: Instant.optional(),
});
export type Shipment = z.infer<typeof Shipment>;
