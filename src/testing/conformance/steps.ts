import fc from 'fast-check';
import { BAD_INPUTS } from './bad-inputs';
import { NODES, SKUS } from './fixtures';
import type { Step } from './model';
import { AdvanceAndExpire, Bad, LinePart, Move, PaymentCleared, Place, PlaceRouted, Repeat } from './steps-orders';
import { PlanRelease, ReleaseDue } from './steps-schedule';
import { Adjust, Expect, Hold, Receive, ReceiveInbound, Reserve, SetSafety, Transfer } from './steps-stock';

const node = fc.constantFrom(...NODES);
const sku = fc.constantFrom(...SKUS);
const lines = fc.array(fc.record({ sku, quantity: fc.integer({ min: 1, max: 4 }) }), { minLength: 1, maxLength: 3, size: 'xsmall' });
const holdFor = fc.option(fc.integer({ min: 1_000, max: 60_000 }), { nil: undefined, freq: 2 });

/**
 * The command arbitraries of the model-based run. Receipts, places and moves are listed more than
 * once: orders then find stock and reach later states in sequences of a few dozen commands.
 */
export function stepArbitraries(): fc.Arbitrary<Step>[] {
  const receive = fc.tuple(node, sku, fc.integer({ min: 1, max: 24 }), fc.boolean()).map(([n, s, q, k]) => new Receive(n, s, q, k));
  const place = fc
    .tuple(node, lines, fc.nat({ max: 3 }).map((n) => n === 0), holdFor, fc.nat({ max: 4 }).map((n) => n === 0))
    .map(([n, l, backorder, hold, pending]) => new Place(n, l, backorder, hold, pending));
  const move = fc
    .tuple(fc.constantFrom('cancelled' as const, 'released' as const, 'released' as const, 'shipped' as const), fc.nat({ max: 3 }))
    .map(([to, i]) => new Move(to, i));
  return [
    receive,
    receive,
    place,
    place,
    move,
    move,
    move,
    fc.tuple(node, sku, fc.integer({ min: -6, max: 6 }).filter((d) => d !== 0)).map(([n, s, d]) => new Adjust(n, s, d)),
    fc.tuple(node, sku, fc.integer({ min: 0, max: 6 })).map(([n, s, q]) => new SetSafety(n, s, q)),
    fc.tuple(node, sku, fc.integer({ min: 1, max: 20 }), fc.integer({ min: 0, max: 10 })).map(([n, s, q, d]) => new Expect(n, s, q, d)),
    fc.tuple(fc.nat({ max: 3 }), fc.constantFrom(0.5, 1, 1.5)).map(([i, share]) => new ReceiveInbound(i, share)),
    fc.tuple(node, node, sku, fc.integer({ min: 1, max: 8 })).map(([from, to, s, q]) => new Transfer(from, to, s, q)),
    fc.tuple(node, lines, holdFor, fc.boolean()).map(([n, l, hold, keyed]) => new Reserve(n, l, hold, keyed)),
    fc
      .tuple(fc.constantFrom('release' as const, 'consume' as const, 'extend' as const), fc.nat({ max: 3 }), holdFor)
      .map(([action, i, hold]) => new Hold(action, i, hold)),
    fc.integer({ min: 1, max: 40_000 }).map((ms) => new AdvanceAndExpire(ms)),
    fc.nat({ max: 3 }).map((i) => new PaymentCleared(i)),
    fc.tuple(lines, fc.boolean()).map(([l, backorder]) => new PlaceRouted(l, backorder)),
    fc.tuple(fc.constantFrom('ship' as const, 'ship' as const, 'cancel' as const), fc.nat({ max: 3 })).map(([a, i]) => new LinePart(a, i)),
    fc.constant(new PlanRelease()),
    fc.constant(new ReleaseDue()),
    fc.nat().map((i) => new Repeat(i)),
    fc.constantFrom(...BAD_INPUTS).map((b) => new Bad(b)),
  ];
}
