/**
 * A stable fingerprint of a command: the same name and input give the same string whatever the
 * key order, so a repeat with the same payload is recognised and one with another is refused.
 */
export function fingerprint(command: string, input: unknown): string {
  return `${command}:${hash(stableStringify(input))}`;
}

/** JSON with object keys sorted; `undefined` members dropped as JSON does. Built in one pass: it runs on every keyed command. */
export function stableStringify(value: unknown): string {
  if (value === null || typeof value !== 'object') return scalar(value);
  if (Array.isArray(value)) {
    let out = '[';
    for (let i = 0; i < value.length; i++) {
      const item: unknown = value[i];
      out += (i > 0 ? ',' : '') + (item === undefined ? 'null' : stableStringify(item));
    }
    return `${out}]`;
  }
  const keys = sortedKeys(value);
  let out = '{';
  for (const key of keys) {
    const member = (value as Record<string, unknown>)[key];
    if (member === undefined) continue;
    out += `${out.length > 1 ? ',' : ''}${quoted(key)}:${stableStringify(member)}`;
  }
  return `${out}}`;
}

/** An object's keys in code-unit order, as `sort()` gives them; by insertion for the few keys a command's objects have. */
function sortedKeys(value: object): string[] {
  const keys = Object.keys(value);
  if (keys.length > 16) return keys.sort();
  for (let i = 1; i < keys.length; i++) {
    const key = keys[i]!;
    let j = i - 1;
    for (; j >= 0 && keys[j]! > key; j--) keys[j + 1] = keys[j]!;
    keys[j + 1] = key;
  }
  return keys;
}

/** A scalar as JSON.stringify writes it (finite numbers print the same through String). */
function scalar(value: unknown): string {
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  return JSON.stringify(value) ?? 'null';
}

// Commands repeat the same few dozen keys: quote each once (bounded, so odd keys cannot grow it).
const QUOTED = new Map<string, string>();

function quoted(key: string): string {
  let text = QUOTED.get(key);
  if (text === undefined) {
    text = JSON.stringify(key);
    if (QUOTED.size < 4096) QUOTED.set(key, text);
  }
  return text;
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
