/**
 * Building slices from stored rows: ids come from hosts and may be any string, `__proto__`
 * included, so every key is set as an own property. Shared by the PostgreSQL and Redis adapters.
 */

/** Sets an own property, even for a key such as `__proto__` that assignment would not make own. */
export function put<V>(record: Record<string, V>, key: string, value: V): void {
  if (key === '__proto__') Object.defineProperty(record, key, { value, enumerable: true, writable: true, configurable: true });
  else record[key] = value;
}

/** The record under `key`, created empty when missing (own properties only). */
export function child<V = unknown>(record: Record<string, unknown>, key: string): Record<string, V> {
  if (!Object.hasOwn(record, key)) put(record, key, {});
  return record[key] as Record<string, V>;
}
