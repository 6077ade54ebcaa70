import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { JournalEntry, TenantId, Transport } from '../../src/index';
import { type Connection, connect, messageOf, type RedisClientLike } from './client';
import { list, text } from './decode';
import { checkPrefix, tenantKeys } from './keys';
import { CLAIM } from './scripts/transport';
import { readReplyEntries, type StreamEntry, streamEntry } from './stream';

/**
 * Options of `redisTransport`.
 *
 * @example
 * ```ts
 * const options: RedisTransportOptions = { client: redis, group: 'billing', maxDeliveries: 3, claimIdleMs: 60_000 }
 * ```
 */
export interface RedisTransportOptions {
  /** The host's client; the store's client will do. The transport never closes it. */
  readonly client: RedisClientLike;
  /** The store's key prefix; default `fulfillkit`. */
  readonly prefix?: string;
  /** The consumer group: every group gets every event once; its consumers share them. Default `default`. */
  readonly group?: string;
  /** This process's name in the group; default host, pid and a random suffix. */
  readonly consumer?: string;
  /** Deliveries of one event before it goes to the dead-letter stream instead; default 5. */
  readonly maxDeliveries?: number;
  /** A message unacknowledged this long (its consumer crashed, or its handler failed) is taken over; default 30 s. */
  readonly claimIdleMs?: number;
  /**
   * Longest wait of one blocking read (ms); default 1 s. Stopping wakes the read at once with CLIENT
   * UNBLOCK; where that cannot reach it (ACLs, a cluster node elsewhere) stop waits this long at worst.
   */
  readonly blockMs?: number;
  /** Entries read at once; default 32. */
  readonly batch?: number;
  /** Where a group that does not exist yet starts: new events only (default), or the whole journal. */
  readonly startAt?: 'new' | 'beginning';
  /**
   * Makes the dedicated connection a subscription blocks on (one each, closed when it stops).
   * Default: the client's `duplicate()`; a client without one is polled every `blockMs` instead.
   */
  readonly blockingClient?: () => RedisClientLike | Promise<RedisClientLike>;
  /** Told of a handler's failure (the event is delivered again later) and of read errors. Default: console.error. */
  readonly onError?: (error: unknown, entry?: JournalEntry) => void;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Carries committed events to other processes through the tenant's journal stream, which the
 * store's commit script appends to: `publish` therefore does nothing (the events are on the
 * stream once committed, even when the process dies before publishing).
 *
 * `subscribe` joins the consumer group (created on first use, `startAt`), reads with XREADGROUP
 * on its own blocking connection, calls the handler once per entry in journal order and XACKs it
 * when the handler resolves. Delivery is at least once: an entry whose handler throws, or whose
 * consumer crashed, is taken over by XAUTOCLAIM after `claimIdleMs` (by any consumer of the
 * group, so possibly out of order), and after `maxDeliveries` deliveries it is moved to the
 * dead-letter stream `<prefix>:{<tenant>}:dlq:<group>` (fields `id`, `group`, `consumer`,
 * `deliveries`, `e`) and acknowledged. Handlers must be idempotent: use `event.id`.
 *
 * @example
 * ```ts
 * const transport = redisTransport({ client: redis, group: 'emails' })
 * const stop = await transport.subscribe('acme', async ({ event }) => { if (event.type === 'OrderShipped') await mail(event) })
 * ```
 */
export function redisTransport(options: RedisTransportOptions): Transport {
  const redis = connect(options.client);
  const prefix = checkPrefix(options.prefix ?? 'fulfillkit');
  const group = options.group ?? 'default';
  const consumer = options.consumer ?? `${hostname()}-${process.pid}-${randomUUID().slice(0, 8)}`;
  const maxDeliveries = Math.max(1, Math.floor(options.maxDeliveries ?? 5));
  const claimIdleMs = Math.max(1, Math.floor(options.claimIdleMs ?? 30_000));
  const blockMs = Math.max(1, Math.floor(options.blockMs ?? 1_000));
  const batch = Math.max(1, Math.floor(options.batch ?? 32));
  const onError = options.onError ?? ((error: unknown) => console.error('[fulfillkit:redis] transport:', error));
  const stops = new Set<() => Promise<void>>();

  async function reader(): Promise<{ connection: Connection; owned: boolean } | undefined> {
    if (options.blockingClient) return { connection: connect(await options.blockingClient()), owned: true };
    const copy = await redis.duplicate();
    return copy ? { connection: copy, owned: true } : undefined;
  }

  return {
    async publish() {
      // The commit script appended the events to the stream already.
    },

    async subscribe(tenant: TenantId, handler) {
      const keys = tenantKeys(prefix, tenant);
      const deadLetters = keys.deadLetters(group);
      try {
        await redis.command('XGROUP', 'CREATE', keys.journal, group, options.startAt === 'beginning' ? '0' : '$', 'MKSTREAM');
      } catch (error) {
        if (!messageOf(error).includes('BUSYGROUP')) throw error;
      }
      const blocking = await reader();
      const blockingId = blocking ? text(await blocking.connection.command('CLIENT', 'ID')) : undefined;
      let stopped = false;
      let cursor = '0-0';
      let nextClaim = 0;

      const deliver = async ({ id, entry }: StreamEntry) => {
        try {
          await handler(entry);
        } catch (error) {
          // Left pending: taken over again after claimIdleMs, dead-lettered after maxDeliveries.
          onError(error, entry);
          return;
        }
        await redis.command('XACK', keys.journal, group, id);
      };

      const claim = async () => {
        const [next, claimed] = list(await redis.run(CLAIM, [keys.journal, deadLetters], [group, consumer, claimIdleMs, cursor, batch, maxDeliveries]));
        cursor = text(next) ?? '0-0';
        // A full page means more may be waiting: look again at once.
        nextClaim = cursor === '0-0' ? Date.now() + Math.max(1, Math.floor(claimIdleMs / 2)) : 0;
        return list(claimed);
      };

      const read = async () => {
        const args = ['XREADGROUP', 'GROUP', group, consumer, 'COUNT', batch, ...(blocking ? ['BLOCK', blockMs] : []), 'STREAMS', keys.journal, '>'];
        const entries = readReplyEntries(await (blocking ?? { connection: redis }).connection.command(...args));
        if (!blocking && entries.length === 0) await sleep(blockMs);
        return entries;
      };

      const loop = (async () => {
        while (!stopped) {
          try {
            const raw = Date.now() >= nextClaim ? [...(await claim()), ...(await read())] : await read();
            for (const item of raw) {
              const entry = streamEntry(item);
              if (entry) await deliver(entry);
            }
          } catch (error) {
            if (stopped) break;
            onError(error);
            await sleep(Math.min(blockMs, 1_000));
          }
        }
      })();

      const stop = async () => {
        if (stopped) return;
        stopped = true;
        stops.delete(stop);
        // Wake the blocked read at once rather than after blockMs; best effort (ACLs may forbid it).
        if (blockingId !== undefined) await redis.command('CLIENT', 'UNBLOCK', blockingId).catch(() => undefined);
        await loop;
        if (blocking?.owned) await blocking.connection.close().catch(() => undefined);
      };
      stops.add(stop);
      return stop;
    },

    async close() {
      await Promise.all([...stops].map((stop) => stop()));
    },
  };
}
