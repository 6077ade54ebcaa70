import type { EventDraft, FulfillmentEvent } from './events';
import { EVENT_VERSION } from './events';
import type { EventId, TenantId } from './ids';

/**
 * Where new ids come from. Passed in, so a decision is reproducible: a seeded source gives the
 * same ids for the same inputs.
 */
export interface IdSource {
  /** A new id, unique within the tenant; `kind` is a short prefix such as `evt` or `res`. */
  next(kind: string): string;
}

/** What every decision may use besides its command and state: the time, the tenant and ids. */
export interface DecideContext {
  /** Milliseconds since the epoch, from the runtime's clock. */
  readonly now: number;
  readonly tenant: TenantId;
  readonly ids: IdSource;
}

/**
 * An aggregate as a decider: `decide` turns a command into events, `evolve` applies one event.
 * Both are pure; `decide` throws a typed error when the command is refused.
 */
export interface Decider<Command, State> {
  decide(command: Command, state: State, ctx: DecideContext): readonly EventDraft[];
  evolve(state: State, event: FulfillmentEvent): State;
  initialState(): State;
}

/**
 * Gives drafts their envelope: an id, the tenant, the time and the schema version.
 *
 * @example
 * ```ts
 * const events = stamp([{ type: 'StockReceived', payload }], ctx)
 * ```
 */
export function stamp(drafts: readonly EventDraft[], ctx: DecideContext): FulfillmentEvent[] {
  const at = new Date(ctx.now).toISOString();
  return drafts.map(
    (d) =>
      ({
        type: d.type,
        id: ctx.ids.next('evt') as EventId,
        tenant: ctx.tenant,
        at,
        version: EVENT_VERSION,
        payload: d.payload,
      }) as FulfillmentEvent,
  );
}
