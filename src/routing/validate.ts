import type { z } from 'zod';
import { ValidationError } from '../domain/errors';
import { CalendarDate } from '../domain/primitives';

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

/** A valid ISO date (`yyyy-mm-dd`) as whole days since 1970-01-01 (proleptic Gregorian). */
export function dayNumber(date: string): number {
  let y = Number(date.slice(0, 4));
  const m = Number(date.slice(5, 7));
  const d = Number(date.slice(8, 10));
  y -= m <= 2 ? 1 : 0;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146_097 + doe - 719_468;
}
