import { z } from 'zod';
import { Instant, Text } from './primitives';
import { PaymentStatus } from './order';

/** Why an order is kept from release. */
export const HoldKind = z.enum(['payment', 'fraud', 'address', 'value', 'manual']);
export type HoldKind = z.infer<typeof HoldKind>;

/**
 * A rule that puts an order on hold at placement. Rules are data: a host lists the ones it wants.
 * - `payment`: the payment status is one of `when` (pending or failed by default);
 * - `fraud`: the order's `fraudScore` is over `over`;
 * - `address`: the ship-to address has no geo position (routing cannot cost it);
 * - `value`: Σ quantity × unit price is over `over`;
 * - `manual`: the order carries one of `tags` (`hold` by default).
 */
export const HoldRule = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('payment'), when: z.array(PaymentStatus).min(1).default(['pending', 'failed']) }),
  z.strictObject({ kind: z.literal('fraud'), over: z.number().min(0).max(100) }),
  z.strictObject({ kind: z.literal('address') }),
  z.strictObject({ kind: z.literal('value'), over: z.number().min(0).max(1e12) }),
  z.strictObject({ kind: z.literal('manual'), tags: z.array(z.string().min(1).max(64)).min(1).max(16).default(['hold']) }),
]);
export type HoldRule = z.infer<typeof HoldRule>;

/**
 * The hold rules evaluated at placement, and whether a held order keeps its stock meanwhile (by
 * default it does: a payment still pending should not lose the units to the next order).
 */
export const HoldPolicy = z.strictObject({
  rules: z.array(HoldRule).max(32).default([{ kind: 'payment', when: ['pending', 'failed'] }]),
  reserveWhileHeld: z.boolean().default(true),
});
export type HoldPolicy = z.infer<typeof HoldPolicy>;
/** Hold rules as a host writes them. */
export type HoldPolicyInput = z.input<typeof HoldPolicy>;

/** A hold in force on an order. */
export const ActiveHold = z.strictObject({ kind: HoldKind, reason: Text, since: Instant });
export type ActiveHold = z.infer<typeof ActiveHold>;

/** One line of an order's history: a status it reached, when, and why. */
export const OrderHistoryEntry = z.strictObject({ at: Instant, status: z.string().max(32), reason: Text.optional() });
export type OrderHistoryEntry = z.infer<typeof OrderHistoryEntry>;
