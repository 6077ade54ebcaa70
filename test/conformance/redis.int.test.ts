import { Redis } from 'ioredis';
import { redisStore } from 'fulfillkit/adapters/redis';
import { conformanceSuite } from 'fulfillkit/testing';
import { afterAll, describe } from 'vitest';
import { REDIS_URL, serverAvailable } from '../support/servers';
import { deleteKeys } from '../support/redis';

const available = await serverAvailable('Redis', REDIS_URL);
// One prefix per run: the shared server keeps other runs' keys apart, and this run's are deleted after.
const prefix = `fk-conformance-${process.pid}-${Date.now().toString(36)}`;

describe.skipIf(!available)('redis', () => {
  const client = new Redis(REDIS_URL, { lazyConnect: true, autoResendUnfulfilledCommands: false });
  afterAll(async () => {
    await deleteKeys(client, prefix);
    await client.quit();
  });
  conformanceSuite('redis adapter', () => redisStore({ client, prefix }));
});
