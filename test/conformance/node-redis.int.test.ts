import { createClient } from 'redis';
import { Redis } from 'ioredis';
import { redisStore } from 'fulfillkit/adapters/redis';
import { conformanceSuite } from 'fulfillkit/testing';
import { afterAll, describe } from 'vitest';
import { deleteKeys } from '../support/redis';
import { REDIS_URL, serverAvailable } from '../support/servers';

const available = await serverAvailable('Redis', REDIS_URL);
const prefix = `fk-conformance-node-redis-${process.pid}-${Date.now().toString(36)}`;

// The same kit through node-redis (the `redis` package), the other client the adapter takes.
describe.skipIf(!available)('redis through node-redis', () => {
  const client = createClient({ url: REDIS_URL });
  const connected = available ? client.connect() : Promise.resolve(client);
  afterAll(async () => {
    const cleaner = new Redis(REDIS_URL);
    await deleteKeys(cleaner, prefix);
    await cleaner.quit();
    if (client.isOpen) await client.quit();
  });
  conformanceSuite('redis adapter on node-redis', async () => {
    await connected;
    return redisStore({ client, prefix });
  });
});
