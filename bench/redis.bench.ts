import { Redis } from 'ioredis';
import { memoryStore } from 'fulfillkit/adapters/memory';
import { redisStore } from 'fulfillkit/adapters/redis';
import { type Figure, figure } from './figures';
import { hotSkuWorld, loops, oversoldFigure, commitRate, reserveOne } from './hot-sku';
import { deleteKeys } from '../test/support/redis';
import { REDIS_URL } from '../test/support/servers';

const PREFIX = `fk-bench-${process.pid}`;
const WORKERS = 8;
const ROUND_MS = 2_000;
const ROUNDS = 3;
/** More commits than a round can use, planned ahead of it. */
const COMMITS = 60_000;

/** The least a server can do per reservation: one guarded decrement of one key, in one script. */
const BARE = "local v = tonumber(redis.call('GET', KEYS[1])) if v and v >= tonumber(ARGV[1]) then return redis.call('DECRBY', KEYS[1], ARGV[1]) end return -1";

/**
 * Reservations per second on one hot SKU, 8 in flight on one ioredis connection, each the
 * runtime's `reserve` of one unit (load script + commit script: two round trips, no idempotency
 * key). The limit, measured in the same run at the same concurrency on the same connection: a bare
 * one-key decrement script (EVALSHA). Rounds alternate between the two, best of each kept. Beside
 * it, without a target, the store's commit alone (the runtime's commits, planned ahead).
 * Then 32 workers reserve from a small stock until it runs out: units granted beyond it are oversold.
 */
export async function redisFigures(): Promise<Figure[]> {
  const client = new Redis(REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 1, autoResendUnfulfilledCommands: false });
  client.on('error', () => {});
  try {
    await client.connect();
    await client.ping();
  } catch (error) {
    console.warn(`[bench] Redis is not reachable at ${REDIS_URL} (${String(error)}): skipping the redis figures.`);
    client.disconnect();
    return [];
  }
  try {
    const store = redisStore({ client, prefix: PREFIX });
    const memory = await hotSkuWorld(memoryStore(), 1_000_000_000);
    const sha = (await client.script('LOAD', BARE)) as string;
    const bareKey = `${PREFIX}:{bare}:stock`;
    let bare = 0;
    let ours = 0;
    let commitsOnly = 0;
    for (let round = 0; round < ROUNDS; round++) {
      await client.set(bareKey, 1_000_000_000);
      bare = Math.max(bare, await loops(WORKERS, ROUND_MS, async () => Number(await client.evalsha(sha, 1, bareKey, 1)) >= 0));
      const ff = await hotSkuWorld(store, 1_000_000_000);
      ours = Math.max(ours, await loops(WORKERS, ROUND_MS, () => reserveOne(ff)));
      commitsOnly = Math.max(commitsOnly, await commitRate(store, ff, WORKERS, ROUND_MS, COMMITS));
    }
    // Not a baseline, a bound: the same reservations on the memory store, all of the runtime's own work.
    const inMemory = await loops(WORKERS, ROUND_MS, () => reserveOne(memory));
    const oversold = await oversoldFigure('redis.oversold_units', store, 32);
    return [
      figure(
        'redis.reservations_per_s',
        ours,
        'holds/s',
        bare,
        { op: '>=', limit: 0.5 },
        `guide >= 5,000; baseline: bare one-key decrement script, ${WORKERS} in flight, one connection; the same on the memory store: ${Math.round(inMemory)}/s`,
      ),
      figure(
        'redis.commits_per_s',
        commitsOnly,
        'commits/s',
        bare,
        null,
        `the store's commit alone (one script, as the bare loop): each reservation's commit decided ahead; a reservation adds its load script. No target: it shows where the ratio above goes`,
      ),
      oversold,
    ];
  } finally {
    await deleteKeys(client, PREFIX);
    await client.quit();
  }
}

