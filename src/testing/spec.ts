import { expect } from 'vitest';
import { fulfillmentDecider, type FulfillmentCommand } from '../decider/decider';
import { type DecideContext, type Decider, stamp } from '../domain/decider';
import { type ErrorCode, type FulfillkitError, isFulfillkitError } from '../domain/errors';
import type { EventDraft, FulfillmentEvent } from '../domain/events';
import type { TenantId } from '../domain/ids';
import { sequentialIds } from '../simulation/random';

/** The context a spec decides with unless told otherwise: 2026-01-01T00:00Z, tenant `spec`, ids `res-1`, `evt-1` … */
function defaultContext(): DecideContext {
  return { now: Date.parse('2026-01-01T00:00:00.000Z'), tenant: 'spec' as TenantId, ids: sequentialIds() };
}

/** The outcome side of a spec. */
export interface Then {
  /** The decision emits exactly these events (type and payload), in order. */
  then(expected: readonly EventDraft[]): void;
  /**
   * The decision is refused, with an error of this code when one is given (and a message matching);
   * returns the error so its details can be checked.
   */
  thenThrows(code?: ErrorCode, message?: RegExp): FulfillkitError;
}

/**
 * Given/when/then for a decider: the state is folded from past events, the command decided on it.
 *
 * @example
 * ```ts
 * given([{ type: 'NodeDefined', payload: { node } }, { type: 'SkuDefined', payload: { sku } }])
 *   .when({ type: 'ReceiveStock', node: node.id, sku: sku.id, quantity: 5 })
 *   .then([{ type: 'StockReceived', payload: { node: node.id, sku: sku.id, quantity: 5 } }])
 * ```
 */
export function deciderSpec<C, S>(decider: Decider<C, S>, context: Partial<DecideContext> = {}) {
  return {
    given(past: readonly EventDraft[]) {
      return {
        when(command: C): Then {
          const ctx = { ...defaultContext(), ...context };
          const state = stamp(past, ctx).reduce<S>((s, e: FulfillmentEvent) => decider.evolve(s, e), decider.initialState());
          const run = () => decider.decide(command, state, ctx);
          return {
            // biome-ignore lint/suspicious/noThenProperty: given/when/then is the helper's contract; `when()` is never awaited.
            then(expected) {
              expect(run().map(({ type, payload }) => ({ type, payload }))).toEqual(expected);
            },
            thenThrows(code, message) {
              let caught: unknown;
              try {
                run();
              } catch (e) {
                caught = e;
              }
              expect(isFulfillkitError(caught), 'the decision should have been refused with a fulfillkit error').toBe(true);
              if (code) expect(caught).toMatchObject({ code });
              if (message) expect((caught as Error).message).toMatch(message);
              return caught as FulfillkitError;
            },
          };
        },
      };
    },
  };
}

/**
 * `deciderSpec(fulfillmentDecider).given(events)`: the whole core's decider.
 *
 * @example
 * ```ts
 * given([]).when({ type: 'CancelOrder', order: 'o-1', reason: 'x' }).thenThrows('NOT_FOUND')
 * ```
 */
export function given(past: readonly EventDraft[], context: Partial<DecideContext> = {}) {
  return deciderSpec<FulfillmentCommand, ReturnType<typeof fulfillmentDecider.initialState>>(fulfillmentDecider, context).given(past);
}
