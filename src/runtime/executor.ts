import type EventEmitter from 'eventemitter3';
import { type DecideContext, type IdSource, stamp } from '../domain/decider';
import { ConcurrencyError, IdempotencyConflictError, isFulfillkitError } from '../domain/errors';
import type { EventDraft, EventOf, EventType, FulfillmentEvent, JournalEntry } from '../domain/events';
import { fingerprint } from '../domain/fingerprint';
import type { TenantId } from '../domain/ids';
import type { FulfillmentState } from '../domain/state';
import { fold } from '../decider/evolve';
import { planCommit } from './commit-plan';
import type { Clock, Store, Transport } from './ports';

/** Listener signatures by event type; `'*'` hears every event. */
export type FulfillmentListeners = { [T in EventType]: [event: EventOf<T>] } & { '*': [event: FulfillmentEvent] };

/** How the runtime retries a command that lost a race. */
export interface RetryPolicy {
  /** Tries in all, the first included. */
  readonly attempts: number;
  /** Upper bound of the random pause before the second retry, doubled each time (ms). */
  readonly baseDelayMs: number;
  /** Largest pause (ms). */
  readonly maxDelayMs: number;
}

/** What every command runs with. */
export interface RuntimeEnv {
  readonly store: Store;
  readonly transport: Transport | undefined;
  readonly clock: Clock;
  readonly ids: IdSource;
  readonly tenant: TenantId;
  readonly emitter: EventEmitter<FulfillmentListeners>;
  readonly retry: RetryPolicy;
  /** A random number in [0, 1), for retry jitter. */
  readonly random: () => number;
  readonly onError: (error: unknown, where: string) => void;
}

/** One command: how to find its slice, decide on it and say what it returns. */
export interface CommandSpec<I, R> {
  readonly name: string;
  idempotencyKey(input: I): string | undefined;
  /** Loads the slice the decision needs; `now` is the instant the decision will be made at. */
  load(input: I, store: Store, tenant: TenantId, now: number): Promise<FulfillmentState>;
  decide(input: I, slice: FulfillmentState, ctx: DecideContext): readonly EventDraft[];
  result(input: I, after: FulfillmentState, events: readonly FulfillmentEvent[]): R;
}

/**
 * Runs one validated command: load → decide → commit → publish, retrying from the load when the
 * store reports a conflict, a bounded number of times. A refused command writes nothing.
 *
 * `payload` is what the caller sent (validated), the part a repeat under the same idempotency key
 * must match; it defaults to `input`. What the runtime adds to the input (an id it generated, the
 * instance's policies) stays out of it: a retry after a restart, or after the host changed a
 * policy, returns the first result instead of a conflict.
 */
export async function execute<I, R>(env: RuntimeEnv, spec: CommandSpec<I, R>, input: I, payload: unknown = input): Promise<R> {
  const key = spec.idempotencyKey(input);
  const print = key === undefined ? undefined : fingerprint(spec.name, payload);
  for (let attempt = 1; ; attempt++) {
    if (key !== undefined) {
      const record = await env.store.findIdempotency(env.tenant, key);
      if (record) {
        if (record.fingerprint !== print) throw new IdempotencyConflictError(key, { command: spec.name });
        return record.result as R;
      }
    }
    const ctx: DecideContext = { now: env.clock.now(), tenant: env.tenant, ids: env.ids };
    const slice = await spec.load(input, env.store, env.tenant, ctx.now);
    const events = stamp(spec.decide(input, slice, ctx), ctx);
    const after = fold(slice, events);
    const result = spec.result(input, after, events);
    if (events.length === 0 && key === undefined) return result;
    const commit = planCommit(slice, after, events, key === undefined ? undefined : { key, fingerprint: print!, result });
    let entries: readonly JournalEntry[];
    try {
      entries = await env.store.commit(env.tenant, commit);
    } catch (error) {
      if (!(isFulfillkitError(error) && error.code === 'CONCURRENCY')) throw error;
      if (attempt >= env.retry.attempts) {
        throw new ConcurrencyError(`${spec.name}: still conflicting after ${attempt} attempts`, { command: spec.name, attempts: attempt }, { cause: error });
      }
      await pause(env, attempt);
      continue;
    }
    // Committed: from here on nothing may fail the command, nor run it again.
    await publish(env, entries);
    return result;
  }
}

/** Local listeners first, then the transport. Both run after the commit, so neither may fail the command. */
async function publish(env: RuntimeEnv, entries: readonly JournalEntry[]): Promise<void> {
  for (const { event } of entries) {
    // Each listener alone: one that throws must not keep the event from the others.
    const listeners = [...env.emitter.listeners(event.type), ...env.emitter.listeners('*')] as ((e: FulfillmentEvent) => void)[];
    for (const listener of listeners) {
      try {
        listener(event);
      } catch (error) {
        report(env, error, `listener of ${event.type}`);
      }
    }
  }
  if (env.transport && entries.length > 0) {
    try {
      await env.transport.publish(env.tenant, entries);
    } catch (error) {
      report(env, error, 'transport.publish');
    }
  }
}

/** Hands a failure after the commit to `onError`; if that throws too, the commit still stands. */
function report(env: RuntimeEnv, error: unknown, where: string): void {
  try {
    env.onError(error, where);
  } catch {
    // The host's own handler failed: there is no one left to tell.
  }
}

/** Retry at once the first time (the usual race is lost by a hair), then with jittered back-off. */
function pause(env: RuntimeEnv, attempt: number): Promise<void> {
  if (attempt < 2) return Promise.resolve();
  const cap = Math.min(env.retry.maxDelayMs, env.retry.baseDelayMs * 2 ** (attempt - 2));
  const ms = env.random() * cap;
  return ms < 1 ? Promise.resolve() : new Promise((resolve) => setTimeout(resolve, ms));
}
