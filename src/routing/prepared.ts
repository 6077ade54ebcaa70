/**
 * Inputs validated once and frozen (`prepareNodes`, `preparePolicy`). A frozen object cannot change
 * after it was checked, so the engines may skip checking it again: remembering it changes no
 * result, only the time taken. An object from another copy of the package is checked again.
 */
const PREPARED = new WeakSet<object>();

/** Marks a frozen, validated value. */
export function markPrepared<T extends object>(value: T): T {
  PREPARED.add(value);
  return value;
}

/** True for a value `markPrepared` marked. */
export function isPrepared(value: unknown): boolean {
  return typeof value === 'object' && value !== null && PREPARED.has(value);
}
