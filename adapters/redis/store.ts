import {
  AdapterError,
  ConcurrencyError,
  type Commit,
  type IdempotencyRecord,
  type JournalEntry,
  type OrderId,
  type ReservationId,
  type Store,
  workloadGuardFailure,
} from '../../src/index';
import { connect, type RedisClientLike } from './client';
import { decodeLoad, list, text } from './decode';
import { encodeCommit, encodeLoad } from './encode';
import { checkPrefix, escapeId, tenantKeys, unescapeId } from './keys';
import { COMMIT } from './scripts/commit';
import { DUE_RELEASES, LOAD, ORDER_JOURNAL } from './scripts/read';
import { streamEntry } from './stream';

/**
 * Options of `redisStore`.
 *
 * @example
 * ```ts
 * const options: RedisStoreOptions = { client: new Redis(), prefix: 'shop', idempotencyTtlMs: 7 * 86_400_000 }
 * ```
 */
export interface RedisStoreOptions {
  /** The host's client (ioredis or node-redis, RESP2 or RESP3). The store never closes it. */
  readonly client: RedisClientLike;
  /** Start of every key; default `fulfillkit`. Keys are `<prefix>:{<tenant>}:…`. No braces. */
  readonly prefix?: string;
  /**
   * How long an idempotency record is kept (ms); default: for ever. A repeat after it expired runs
   * the command again, so keep it well beyond any retry or redelivery window.
   */
  readonly idempotencyTtlMs?: number;
}

/**
 * The Redis store. Each commit is one Lua script that checks every guard and version, then
 * applies every change and appends the events to the tenant's journal stream, all or nothing.
 *
 * A connection lost while a commit is in flight leaves its outcome unknown (applied or not), and
 * the command fails with an `AdapterError`: run commands with an `idempotencyKey` and the retry is
 * safe (a commit that did land makes the retry return its first result). For the same reason give
 * ioredis `autoResendUnfulfilledCommands: false`, or it may send an unanswered commit a second time.
 *
 * @example
 * ```ts
 * const ff = createFulfillment({ store: redisStore({ client: new Redis() }) })
 * ```
 */
export function redisStore(options: RedisStoreOptions): Store {
  const redis = connect(options.client);
  const prefix = checkPrefix(options.prefix ?? 'fulfillkit');
  const ttl = Math.max(0, Math.floor(options.idempotencyTtlMs ?? 0));
  const keysOf = (tenant: string) => tenantKeys(prefix, tenant);

  const entries = (reply: unknown): JournalEntry[] => list(reply).flatMap((raw) => streamEntry(raw)?.entry ?? []);

  return {
    async load(tenant, keys) {
      const k = keysOf(tenant);
      const { request, entities } = encodeLoad(keys);
      return decodeLoad(await redis.run(LOAD, [k.journal], [k.base, request]), keys, entities);
    },

    async commit(tenant, commit) {
      const k = keysOf(tenant);
      const reply = list(await redis.run(COMMIT, [k.journal, k.seq], [k.base, ...encodeCommit(commit, ttl)]));
      const outcome = text(reply[0]);
      if (outcome === 'ok') {
        const first = Number(reply[1]);
        return commit.events.map((event, i) => ({ seq: first + i, event }));
      }
      throw refusal(commit, outcome, reply);
    },

    async readJournal(tenant, options = {}) {
      const limit = options.limit ?? Number.POSITIVE_INFINITY;
      if (limit <= 0) return [];
      const count = Number.isFinite(limit) ? ['COUNT', Math.floor(limit)] : [];
      return entries(await redis.command('XRANGE', keysOf(tenant).journal, `(0-${Math.floor(options.after ?? 0)}`, '+', ...count));
    },

    async readOrderJournal(tenant, order) {
      const k = keysOf(tenant);
      const flat = list(await redis.run(ORDER_JOURNAL, [k.journal, `${k.base}oj:${escapeId(order)}`], []));
      const out: JournalEntry[] = [];
      for (let i = 0; i + 1 < flat.length; i += 2) out.push({ seq: Number(flat[i]), event: JSON.parse(text(flat[i + 1]) ?? 'null') } as JournalEntry);
      return out;
    },

    async findIdempotency(tenant, key) {
      const json = text(await redis.command('GET', keysOf(tenant).idempotency(key)));
      return json === undefined ? undefined : (JSON.parse(json) as IdempotencyRecord);
    },

    async findOrdersByStatus(tenant, status, limit) {
      if (limit <= 0) return [];
      const stop = Number.isFinite(limit) ? Math.floor(limit) - 1 : -1;
      const ids = list(await redis.command('ZRANGE', `${keysOf(tenant).base}status:${escapeId(status)}`, 0, stop));
      return ids.map((id) => unescapeId(text(id) ?? '') as OrderId);
    },

    async findDueReservations(tenant, dueBy, limit) {
      const by = Date.parse(dueBy);
      if (limit <= 0 || Number.isNaN(by)) return [];
      const count = Number.isFinite(limit) ? Math.floor(limit) : -1;
      const ids = list(await redis.command('ZRANGE', `${keysOf(tenant).base}expiring`, '-inf', by, 'BYSCORE', 'LIMIT', 0, count));
      return ids.map((id) => unescapeId(text(id) ?? '') as ReservationId);
    },

    async findDueReleases(tenant, dueBy, limit) {
      const by = Date.parse(dueBy);
      if (limit <= 0 || Number.isNaN(by)) return [];
      const count = Number.isFinite(limit) ? Math.floor(limit) : -1;
      const key = `${keysOf(tenant).base}due-releases`;
      const flat = list(await redis.run(DUE_RELEASES, [key], [by, count]));
      const due: { at: number; id: string }[] = [];
      for (let i = 0; i + 1 < flat.length; i += 2) due.push({ id: unescapeId(text(flat[i]) ?? ''), at: Number(text(flat[i + 1])) });
      // Equal instants by id, as the other stores order them (the script explains why Redis's order is not enough).
      due.sort((a, b) => a.at - b.at || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
      return (count < 0 ? due : due.slice(0, count)).map((d) => d.id as OrderId);
    },

    async close() {
      // The client is the host's: nothing of its own to release.
    },
  };
}

/** The error a refused commit throws, with the same details and messages as the memory store's. */
function refusal(commit: Commit, outcome: string | undefined, reply: readonly unknown[]): ConcurrencyError | AdapterError {
  const index = Number(reply[1]) - 1;
  if (outcome === 'idempotency') {
    return new ConcurrencyError('idempotency key taken by a concurrent command', { reason: 'idempotency', key: commit.idempotency?.key });
  }
  if (outcome === 'version') {
    const w = commit.entities[index]!;
    return new ConcurrencyError(`${w.kind} ${w.id} changed concurrently`, { reason: 'version', kind: w.kind, id: w.id, expected: w.expectedVersion, actual: Number(reply[2]) });
  }
  if (outcome === 'guard') {
    const p = commit.positions[index]!;
    return new ConcurrencyError(`guard failed on ${p.sku} at ${p.node}: ${text(reply[2])}`, { reason: 'guard', node: p.node, sku: p.sku });
  }
  if (outcome === 'workload') {
    const w = (commit.workload ?? [])[index]!;
    const why = workloadGuardFailure({ orders: Number(reply[2]), units: Number(reply[3]) }, w);
    return new ConcurrencyError(`capacity guard failed at ${w.node} on ${w.day}: ${why}`, { reason: 'guard', node: w.node, day: w.day });
  }
  return new AdapterError('redis', `the commit script answered ${JSON.stringify(outcome)}`, { outcome });
}
