import { assertTransition, canTransition, type FulfillkitError, OrderStatus } from 'fulfillkit';
import { describe, expect, it } from 'vitest';

/**
 * The order lifecycle, written out from what each status means (DESIGN.md §2), not read from
 * src/orders/lifecycle.ts: the table below is the oracle the code is checked against.
 *
 * - Before the warehouse has it (placed, on-hold, reserved, backordered) an order may be held,
 *   reserved, backordered or cancelled; only a reserved order may be released.
 * - released / picking may go back to reserved: the node short-picked and the order is re-routed.
 * - released / picking / packed may ship (a 3PL may report only the shipment, or only the pack),
 *   and may still be cancelled: nothing has left the node.
 * - partially-shipped may ship again (another parcel) or complete. Units have left the node, so it
 *   can no longer be cancelled, and it cannot be delivered or returned as a whole before it shipped.
 * - shipped and delivered can never be cancelled; they may be delivered / returned.
 * - cancelled and returned are terminal.
 */
const STATUSES = [
  'placed',
  'on-hold',
  'reserved',
  'backordered',
  'released',
  'picking',
  'packed',
  'partially-shipped',
  'shipped',
  'delivered',
  'cancelled',
  'returned',
] as const satisfies readonly OrderStatus[];
type Status = (typeof STATUSES)[number];

const LEGAL: Readonly<Record<Status, readonly Status[]>> = {
  placed: ['on-hold', 'reserved', 'backordered', 'cancelled'],
  'on-hold': ['reserved', 'backordered', 'cancelled'],
  reserved: ['on-hold', 'released', 'backordered', 'cancelled'],
  backordered: ['on-hold', 'reserved', 'cancelled'],
  released: ['picking', 'packed', 'partially-shipped', 'shipped', 'reserved', 'backordered', 'cancelled'],
  picking: ['packed', 'partially-shipped', 'shipped', 'reserved', 'backordered', 'cancelled'],
  packed: ['partially-shipped', 'shipped', 'cancelled'],
  'partially-shipped': ['partially-shipped', 'shipped'],
  shipped: ['delivered', 'returned'],
  delivered: ['returned'],
  cancelled: [],
  returned: [],
};

const ALL_PAIRS = STATUSES.flatMap((from) => STATUSES.map((to) => [from, to] as const));

function refusal(run: () => void): FulfillkitError | undefined {
  try {
    run();
  } catch (e) {
    return e as FulfillkitError;
  }
  return undefined;
}

describe('order lifecycle table', () => {
  it('covers exactly the 12 statuses of OrderStatus', () => {
    expect([...OrderStatus.options].sort()).toEqual([...STATUSES].sort());
    expect(ALL_PAIRS).toHaveLength(144);
  });

  it.each(ALL_PAIRS)('%s → %s matches the written table', (from, to) => {
    const legal = LEGAL[from].includes(to);
    expect(canTransition(from, to)).toBe(legal);
    const error = refusal(() => assertTransition('o-1', from, to));
    if (legal) expect(error).toBeUndefined();
    else {
      expect(error).toMatchObject({
        code: 'ILLEGAL_TRANSITION',
        name: 'IllegalTransitionError',
        details: { entity: 'order', id: 'o-1', from, to },
      });
    }
  });
});

describe('order lifecycle, by meaning', () => {
  it('never cancels an order whose units left the node', () => {
    for (const from of ['shipped', 'delivered', 'returned'] as const) expect(canTransition(from, 'cancelled')).toBe(false);
  });

  it('treats cancelled and returned as terminal', () => {
    for (const to of STATUSES) {
      expect(canTransition('cancelled', to)).toBe(false);
      expect(canTransition('returned', to)).toBe(false);
    }
  });

  it('lets a released or picking order go back to reserved for re-routing', () => {
    expect(canTransition('released', 'reserved')).toBe(true);
    expect(canTransition('picking', 'reserved')).toBe(true);
    expect(canTransition('packed', 'reserved')).toBe(false);
  });

  it('releases only reserved orders', () => {
    expect(STATUSES.filter((from) => canTransition(from, 'released'))).toEqual(['reserved']);
  });

  it('ships only orders the warehouse has', () => {
    expect(STATUSES.filter((from) => canTransition(from, 'shipped'))).toEqual(['released', 'picking', 'packed', 'partially-shipped']);
  });

  it('says which order and move were refused in the error message', () => {
    expect(() => assertTransition('o-9', 'shipped', 'cancelled')).toThrow('order o-9 cannot go from shipped to cancelled');
  });
});
