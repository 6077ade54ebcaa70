/**
 * Freezes a plain value and everything in it. A frozen object is taken to be frozen all through,
 * so a value that shares frozen parts costs only its new ones.
 *
 * @example
 * ```ts
 * const policy = deepFreeze(parse(RoutingPolicy, input, 'preparePolicy'))
 * ```
 */
export function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const key of Object.keys(value)) deepFreeze((value as Record<string, unknown>)[key]);
  }
  return value;
}
