import { createHash } from 'node:crypto';
import { AdapterError } from '../../src/index';

/**
 * An argument of a Redis command.
 *
 * @example
 * ```ts
 * const args: RedisArg[] = ['GET', 'fulfillkit:{acme}:seq']
 * ```
 */
export type RedisArg = string | number;

/**
 * An ioredis client (`Redis` or `Cluster`), as far as the adapter uses it: raw commands through
 * `call`. Typed structurally, so fulfillkit does not depend on the driver.
 *
 * @example
 * ```ts
 * import { Redis } from 'ioredis'
 * const client: IoRedisLike = new Redis(process.env.REDIS_URL)
 * ```
 */
export interface IoRedisLike {
  call(command: string, ...args: RedisArg[]): Promise<unknown>;
  /** A new connection with the same options (used for the transport's blocking reads). */
  duplicate?(): IoRedisLike;
  quit?(): Promise<unknown>;
}

/**
 * A node-redis client (`createClient()` from `redis` 4 to 6), as far as the adapter uses it: raw
 * commands through `sendCommand([...])`. Connect it before handing it over.
 *
 * @example
 * ```ts
 * import { createClient } from 'redis'
 * const client: NodeRedisLike = await createClient({ url: process.env.REDIS_URL }).connect()
 * ```
 */
export interface NodeRedisLike {
  sendCommand(args: string[]): Promise<unknown>;
  /** A new, not yet connected client with the same options. */
  duplicate?(): NodeRedisLike;
  connect?(): Promise<unknown>;
  quit?(): Promise<unknown>;
  close?(): Promise<unknown>;
}

/**
 * The host's Redis client: ioredis (told apart by `call`) or node-redis (`sendCommand`).
 *
 * @example
 * ```ts
 * const store = redisStore({ client: new Redis() })
 * ```
 */
export type RedisClientLike = IoRedisLike | NodeRedisLike;

/** A Lua script and its SHA1, for EVALSHA. */
export interface Script {
  readonly source: string;
  readonly sha: string;
}

/**
 * A script ready for EVALSHA.
 *
 * @example
 * ```ts
 * const script = luaScript("return redis.call('GET', KEYS[1])")
 * ```
 */
export function luaScript(source: string): Script {
  return { source, sha: createHash('sha1').update(source).digest('hex') };
}

/** What the adapter needs from a client, whichever driver it is. */
export interface Connection {
  /** Runs one raw command; a server error rejects with an `AdapterError` (its `cause` the driver's error). */
  command(...args: RedisArg[]): Promise<unknown>;
  /** EVALSHA, falling back to EVAL when the server does not have the script (after a restart or SCRIPT FLUSH). */
  run(script: Script, keys: readonly string[], args: readonly RedisArg[]): Promise<unknown>;
  /** A second connection for blocking reads, when the driver can make one. */
  duplicate(): Promise<Connection | undefined>;
  /** Closes the connection: only for connections the adapter made itself. */
  close(): Promise<void>;
}

const isIoRedis = (client: RedisClientLike): client is IoRedisLike => typeof (client as IoRedisLike).call === 'function';

/**
 * Wraps the host's client: ioredis is told apart by `call`, node-redis by `sendCommand`.
 *
 * @example
 * ```ts
 * const connection = connect(new Redis())
 * await connection.command('PING')
 * ```
 */
export function connect(client: RedisClientLike): Connection {
  const raw: (args: RedisArg[]) => Promise<unknown> = isIoRedis(client)
    ? (args) => client.call(String(args[0]), ...args.slice(1))
    : (args) => client.sendCommand(args.map(String));
  const command = async (...args: RedisArg[]) => {
    try {
      return await raw(args);
    } catch (error) {
      throw new AdapterError('redis', `${String(args[0])} failed: ${messageOf(error)}`, { command: String(args[0]) }, { cause: error });
    }
  };
  return {
    command,
    async run(script, keys, args) {
      try {
        return await raw(['EVALSHA', script.sha, keys.length, ...keys, ...args]);
      } catch (error) {
        if (!messageOf(error).startsWith('NOSCRIPT')) {
          throw new AdapterError('redis', `script failed: ${messageOf(error)}`, {}, { cause: error });
        }
      }
      // EVAL runs the script and caches it, so the next EVALSHA finds it.
      return command('EVAL', script.source, keys.length, ...keys, ...args);
    },
    async duplicate() {
      if (!client.duplicate) return undefined;
      const copy = client.duplicate();
      // node-redis hands back a client that is not connected yet; ioredis connects by itself.
      if (!isIoRedis(copy) && copy.connect) await copy.connect();
      return connect(copy);
    },
    async close() {
      if ('close' in client && typeof client.close === 'function') await client.close();
      else if (client.quit) await client.quit();
    },
  };
}

/** The message of whatever a driver threw. */
export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
