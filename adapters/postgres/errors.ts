import { AdapterError, ConcurrencyError, isFulfillkitError } from '../../src/index';

/** SQLSTATEs after which the same transaction, run again, may well succeed. */
const RETRYABLE: Readonly<Record<string, string>> = { '40001': 'serialization', '40P01': 'deadlock' };

/** The SQLSTATE of a driver error (pg and PGlite both put it in `code`), if any. */
export function sqlState(error: unknown): string | undefined {
  const code = typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : undefined;
  return typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code) ? code : undefined;
}

/** Options of `withRetry`. */
export interface RetryOptions {
  /** Runs in all, the first included. */
  readonly attempts?: number;
  /** Upper bound of the first jittered pause (ms), doubled each time. */
  readonly baseDelayMs?: number;
}

/**
 * Runs `op` (a whole transaction) again when the server aborted it for a serialization failure
 * (40001) or a deadlock (40P01), with jittered back-off; when they persist, a `ConcurrencyError`
 * (the runtime then reloads and decides again). Any other driver error becomes an `AdapterError`
 * carrying the SQLSTATE; fulfillkit's own errors pass through.
 */
export async function withRetry<T>(what: string, op: () => Promise<T>, options: RetryOptions = {}): Promise<T> {
  const attempts = options.attempts ?? 4;
  const base = options.baseDelayMs ?? 2;
  for (let attempt = 1; ; attempt++) {
    try {
      return await op();
    } catch (error) {
      const state = sqlState(error);
      const reason = state === undefined ? undefined : RETRYABLE[state];
      if (reason === undefined) throw adapterError(what, error);
      if (attempt >= attempts) throw new ConcurrencyError(`[fulfillkit:postgres] ${what}: ${reason} after ${attempt} attempts`, { reason, sqlState: state, attempts: attempt }, { cause: error });
      await sleep(Math.random() * base * 2 ** (attempt - 1));
    }
  }
}

/** Wraps a driver failure; passes fulfillkit's own errors through unchanged. */
export function adapterError(what: string, error: unknown): unknown {
  if (isFulfillkitError(error)) return error;
  const state = sqlState(error);
  const message = error instanceof Error ? error.message : String(error);
  return new AdapterError('postgres', `${what} failed: ${message}`, { operation: what, ...(state ? { sqlState: state } : {}) }, { cause: error });
}

/** Runs `op`, turning a driver failure into an `AdapterError`. */
export async function wrapped<T>(what: string, op: () => Promise<T>): Promise<T> {
  try {
    return await op();
  } catch (error) {
    throw adapterError(what, error);
  }
}

/** Pauses `ms` milliseconds (not at all below 1). */
export function sleep(ms: number): Promise<void> {
  return ms < 1 ? Promise.resolve() : new Promise((resolve) => setTimeout(resolve, ms));
}
