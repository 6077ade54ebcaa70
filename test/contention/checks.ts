import type { FulfillmentState, Store, TenantId } from 'fulfillkit';
import { canonical, replayAndLoad } from 'fulfillkit/testing';
import { expect } from 'vitest';

/**
 * DESIGN.md §5 on what a contended or faulted run left in the store: the journal folds to the
 * stored state (every commit whole or absent), the journal is numbered without gaps, no position
 * is oversold, on hand is what was received, reserved is exactly what live reservations hold,
 * every reservation ends at most once, and every reserved order holds all of its units.
 */
export async function checkStore(store: Store, tenant: TenantId, node: string, supply: Readonly<Record<string, number>>): Promise<FulfillmentState> {
  const { journal, replayed, stored } = await replayAndLoad(store, tenant);
  expect(canonical(stored), 'the journal folds to the stored state').toBe(canonical(replayed));
  expect(journal.map((e) => e.seq), 'the journal is numbered 1..n').toEqual(journal.map((_, i) => i + 1));
  const held = new Map<string, number>();
  for (const r of Object.values(stored.reservations)) if (r.status === 'active') held.set(r.sku, (held.get(r.sku) ?? 0) + r.quantity);
  const positions = (stored.positions as Record<string, Record<string, { onHand: number; reserved: number; allocated: number }>>)[node] ?? {};
  for (const [sku, units] of Object.entries(supply)) {
    const p = positions[sku] ?? { onHand: 0, reserved: 0, allocated: 0 };
    expect(p.onHand, `on hand of ${sku} is what was received`).toBe(units);
    expect(p.reserved + p.allocated, `${sku} not oversold`).toBeLessThanOrEqual(p.onHand);
    expect(p.reserved, `reserved ${sku} = live reservations`).toBe(held.get(sku) ?? 0);
  }
  const ends = new Map<string, number>();
  for (const { event } of journal) {
    if (event.type === 'ReservationReleased' || event.type === 'ReservationExpired' || event.type === 'ReservationConsumed') {
      ends.set(event.payload.reservation, (ends.get(event.payload.reservation) ?? 0) + 1);
    }
  }
  expect([...ends].filter(([, n]) => n > 1), 'every reservation ends once').toEqual([]);
  for (const o of Object.values(stored.orders)) {
    if (o.status !== 'reserved') continue;
    const wanted = o.lines.reduce((s, l) => s + l.quantity, 0);
    const holds = o.reservations.reduce((s, id) => s + ((stored.reservations as Record<string, { quantity: number; status: string }>)[id]?.quantity ?? 0), 0);
    expect(holds, `order ${o.id} holds all of its units`).toBe(wanted);
  }
  return stored;
}

/** Units reserved per SKU at the node. */
export function reservedBySku(stored: FulfillmentState, node: string): Record<string, number> {
  const positions = (stored.positions as Record<string, Record<string, { reserved: number }>>)[node] ?? {};
  return Object.fromEntries(Object.entries(positions).map(([sku, p]) => [sku, p.reserved]));
}
