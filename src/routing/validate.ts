import type { z } from 'zod';
import { ValidationError } from '../domain/errors';
import { dayNumber } from '../domain/dates';
import { CalendarDate, Instant } from '../domain/primitives';

/**
 * Parses one argument of a routing call, or throws a `ValidationError` whose issue paths start
 * with the argument's name (`order.lines[0].quantity`, `nodes[2].id`).
 */
export function parseArgument<S extends z.ZodType>(schema: S, input: unknown, where: string, argument: string | readonly string[]): z.infer<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  throw new ValidationError(
    where,
    result.error.issues.map((i) => ({ path: [...(typeof argument === 'string' ? [argument] : argument), ...i.path.map((p) => (typeof p === 'symbol' ? String(p) : p))], message: i.message, code: i.code })),
    { cause: result.error },
  );
}

/**
 * The `now` argument of a call as epoch milliseconds: a number as given, or an ISO instant
 * parsed (a `ValidationError` at path `now` when it is not one).
 */
export function nowArgument(now: number | string, where: string): number {
  return typeof now === 'number' ? now : Date.parse(parseArgument(Instant, now, where, 'now'));
}

/** Throws a `ValidationError` for one bad value at `path`. */
export function invalid(where: string, path: readonly (string | number)[], message: string): never {
  throw new ValidationError(where, [{ path, message, code: 'custom' }]);
}

/**
 * What a routing call is told about the world: today's calendar date.
 *
 * @example
 * ```ts
 * routeOrder(order, nodes, stock, policy, { today: '2026-03-27' })
 * ```
 */
export interface RoutingContext {
  /** The calendar date routing plans for (ISO `yyyy-mm-dd`): lateness counts from it. */
  readonly today: string;
}

/** Checks the context, returning today's date as days since the epoch. */
export function todayOf(context: RoutingContext, where: string): number {
  const today = parseArgument(CalendarDate, (context as { today?: unknown } | undefined)?.today, where, ['context', 'today']);
  return dayNumber(today);
}
