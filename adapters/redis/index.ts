/**
 * The Redis adapter: a `Store` whose every commit is one Lua script (all guards checked, then every
 * change applied and the events appended to a per-tenant stream), and a `Transport` reading that
 * stream with consumer groups. Plug in your own ioredis or node-redis client; Redis 7 or later.
 *
 * @packageDocumentation
 */
export { redisStore, type RedisStoreOptions } from './store';
export { redisTransport, type RedisTransportOptions } from './transport';
export type { IoRedisLike, NodeRedisLike, RedisClientLike, RedisArg } from './client';
export { keySlot } from './keys';
