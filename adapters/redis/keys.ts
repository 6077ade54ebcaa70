import { AdapterError } from '../../src/index';

/** Characters an escaped id keeps as they are: the id charset of `ID_PATTERN`, nothing a key uses as a separator. */
const UNSAFE = /[^A-Za-z0-9_.~+=@-]/g;
const SAFE = /^[A-Za-z0-9_.~+=@-]*$/;

/**
 * An id as it appears inside a key: every UTF-16 code unit outside the safe id charset written as
 * `%` and four hex digits. The result never holds `:`, `{` or `}`, and the mapping is one to one
 * (lone surrogates included), so no id can reach another key, leave its tenant's hash tag, or
 * collide with another id.
 */
export function escapeId(id: string): string {
  // Real ids are already safe (ID_PATTERN): skip the replace and its allocation.
  if (SAFE.test(id)) return id;
  return id.replace(UNSAFE, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`);
}

/** The id an escaped key part stands for. */
export function unescapeId(part: string): string {
  return part.includes('%') ? part.replace(/%([0-9A-F]{4})/g, (_, hex: string) => String.fromCharCode(Number.parseInt(hex, 16))) : part;
}

/**
 * Every key of one tenant. All share the prefix `<prefix>:{<tenant>}:`, so on Redis Cluster the
 * hash tag puts a tenant's keys in one slot and each script touches one slot only.
 *
 * Scripts receive `base` and build the keys below from it and escaped ids (the commit touches keys
 * it only learns from stored data, e.g. an order's previous status set): the layout is written
 * here and mirrored by the Lua in `scripts/`.
 *
 * | key | type | holds |
 * | --- | --- | --- |
 * | `journal` | stream | the events, entry id `0-<seq>`, field `e` = event JSON |
 * | `seq` | string | the last journal seq |
 * | `<kind>:<id>` | hash | an entity: `v` version, `j` JSON, `s` status (orders), `n` node (departures) |
 * | `pos:<node>:<sku>` | hash | a position: counters, `c:<channel>`, `lh:`/`lr:`/`lt:`/`le:<lot>` |
 * | `sku-nodes:<sku>` | set | nodes with a position of the SKU |
 * | `status:<status>` | zset | orders by status, score placedAt ms |
 * | `expiring` | zset | active reservations with an expiry, score expiresAt ms |
 * | `open-inbound:<sku>` | set | open inbound of the SKU |
 * | `live-departures:<node>` | set | live departures of the node (`isLiveDeparture`) |
 * | `due-releases` | zset | orders waiting for release (`releaseDueAt`), score releaseAt ms |
 * | `oj:<order>` | list | seqs of the journal entries about the order |
 * | `dem:<sku>:<node>` | hash | demand ledger, day → units |
 * | `dem-nodes:<sku>` | set | nodes with demand of the SKU |
 * | `wl:<node>:<day>` | hash | workload, `o` orders, `u` units |
 * | `idem:<key>` | string | an idempotency record's JSON |
 * | `dlq:<group>` | stream | a transport group's dead letters |
 */
export interface TenantKeys {
  /** `<prefix>:{<tenant>}:`, the start of every key of the tenant. */
  readonly base: string;
  readonly journal: string;
  readonly seq: string;
  idempotency(key: string): string;
  deadLetters(group: string): string;
}

/**
 * The keys of `tenant` under `prefix`.
 *
 * @example
 * ```ts
 * tenantKeys('fk', 'acme').journal // 'fk:{acme}:journal'
 * ```
 */
export function tenantKeys(prefix: string, tenant: string): TenantKeys {
  const base = `${prefix}:{${escapeId(tenant)}}:`;
  return {
    base,
    journal: `${base}journal`,
    seq: `${base}seq`,
    idempotency: (key) => `${base}idem:${escapeId(key)}`,
    deadLetters: (group) => `${base}dlq:${escapeId(group)}`,
  };
}

/** Checks a key prefix: braces would move the hash tag off the tenant. */
export function checkPrefix(prefix: string): string {
  if (prefix.length === 0 || /[{}\s]/.test(prefix)) {
    throw new AdapterError('redis', `key prefix ${JSON.stringify(prefix)} must be non-empty, without braces or whitespace`, { prefix });
  }
  return prefix;
}

/**
 * The Redis Cluster hash slot of a key (CRC16/XMODEM of its hash tag, mod 16384), for tests and
 * for hosts that route by slot themselves.
 *
 * @example
 * ```ts
 * keySlot('fk:{acme}:journal') === keySlot('fk:{acme}:seq') // true
 * ```
 */
export function keySlot(key: string): number {
  let bytes = Buffer.from(key, 'utf8');
  const open = bytes.indexOf(0x7b);
  if (open >= 0) {
    const close = bytes.indexOf(0x7d, open + 1);
    if (close > open + 1) bytes = bytes.subarray(open + 1, close);
  }
  let crc = 0;
  for (const byte of bytes) {
    crc ^= byte << 8;
    for (let i = 0; i < 8; i++) crc = crc & 0x8000 ? ((crc << 1) ^ 0x1021) & 0xffff : (crc << 1) & 0xffff;
  }
  return crc % 16384;
}
