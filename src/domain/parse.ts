import type { z } from 'zod';
import { ValidationError } from './errors';

/**
 * Parses `input` with `schema`, or throws a `ValidationError` naming `where` and every issue path.
 *
 * @example
 * ```ts
 * const sku = parse(Sku, body, 'defineSku')
 * ```
 */
export function parse<S extends z.ZodType>(schema: S, input: unknown, where: string): z.infer<S> {
  const result = schema.safeParse(input);
  if (!result.success) throw ValidationError.fromZod(where, result.error);
  return result.data;
}
