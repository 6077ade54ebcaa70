/**
 * A stable fingerprint of a command: the same name and input give the same string whatever the
 * key order, so a repeat with the same payload is recognised and one with another is refused.
 */
export function fingerprint(command: string, input: unknown): string {
  return `${command}:${hash(stableStringify(input))}`;
}

/** JSON with object keys sorted; `undefined` members dropped as JSON does. */
export function stableStringify(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map((v) => (v === undefined ? 'null' : stableStringify(v))).join(',')}]`;
  const entries = Object.keys(value)
    .filter((k) => (value as Record<string, unknown>)[k] !== undefined)
    .sort()
    .map((k) => `${JSON.stringify(k)}:${stableStringify((value as Record<string, unknown>)[k])}`);
  return `{${entries.join(',')}}`;
}

/** Two independent 32-bit FNV-1a style lanes: 64 bits, enough to tell payloads apart, no crypto needed. */
function hash(text: string): string {
  let a = 0x811c9dc5;
  let b = 0x01000193 ^ text.length;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x5bd1e995);
    b ^= b >>> 15;
  }
  return (a >>> 0).toString(16).padStart(8, '0') + (b >>> 0).toString(16).padStart(8, '0');
}

/** Whether a stored definition (node, SKU … with its version) says the same as a new one. */
export function sameDefinition<T extends object>(stored: T & { readonly version: number }, next: T): boolean {
  const { version: _version, ...definition } = stored;
  return stableStringify(definition) === stableStringify(next);
}
