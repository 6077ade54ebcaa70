import { Redis } from 'ioredis';
import { Client } from 'pg';
import type { TenantId } from 'fulfillkit';
import { uniqueTenant } from 'fulfillkit/testing';
import { afterAll, describe, expect, it } from 'vitest';
import { openStore, type StoreKind } from '../contention/open-store';
import { removeBundles } from '../contention/spawn';
import { setUpContention } from '../contention/world';
import { POSTGRES_URL, REDIS_URL, serverAvailable } from '../support/servers';
import { durableRedis } from './durable-redis';
import { type Faults, runFaults } from './run-faults';
import { verifyFaultRun } from './verify';

afterAll(removeBundles);

/**
 * The issue's fault suite. Worker processes place and cancel orders and a consumer process
 * restocks what each placed order took, reading `OrderPlaced` through the store's transport and
 * failing each event's first deliveries on purpose (so each is delivered 1–3 times). At random
 * moments one of them is killed with SIGKILL (at least 50 kills per run) and the server's side is
 * cut too: PostgreSQL, our own backends terminated; Redis, a private durable server restarted or
 * its clients' connections killed. Afterwards no event is lost or applied twice and every
 * invariant of DESIGN.md §5 holds on what is stored.
 */
const KILLS = 50;
const SKUS = Array.from({ length: 6 }, (_, i) => `sku-${i}`);
const SUPPLY = 1_000;
const supply = Object.fromEntries(SKUS.map((s) => [s, SUPPLY]));

async function setUp(kind: StoreKind, tenant: TenantId, url?: string) {
  const { store, close } = await openStore(kind, { url });
  await setUpContention(store, tenant, SKUS, SUPPLY);
  await close();
}

async function faultRun(kind: StoreKind, tenant: TenantId, appName: string, faults: Faults, url?: string) {
  await setUp(kind, tenant, url);
  const run = await runFaults({ kind, tenant, skus: SKUS, url, appName, kills: KILLS, workers: 3 }, faults);
  expect(run.kills).toBeGreaterThanOrEqual(KILLS);
  const { store, close } = await openStore(kind, { url });
  try {
    await verifyFaultRun(store, tenant, run, supply);
  } finally {
    await close();
  }
}

const pgUp = await serverAvailable('PostgreSQL', POSTGRES_URL);
describe.skipIf(!pgUp)('PostgreSQL under faults', () => {
  it(`${KILLS} process kills, terminated backends and redelivered events leave every invariant whole`, async () => {
    const appName = `fk-fault-${process.pid}`;
    const admin = new Client({ connectionString: POSTGRES_URL });
    await admin.connect();
    // Only our own processes' backends, never another test's or the server's.
    let terminated = 0;
    const faults: Faults = {
      cut: async () => {
        const { rows } = await admin.query('SELECT pg_terminate_backend(pid) AS done FROM pg_stat_activity WHERE application_name = $1 AND pid <> pg_backend_pid()', [appName]);
        terminated += rows.filter((r: { done: boolean }) => r.done).length;
      },
    };
    try {
      await faultRun('postgres', uniqueTenant('fault-pg') as TenantId, appName, faults);
      expect(terminated, 'backends were terminated during the run').toBeGreaterThan(0);
    } finally {
      await admin.end();
    }
  }, 600_000);
});

const redisUp = await serverAvailable('Redis', REDIS_URL);
describe.skipIf(!redisUp)('Redis under faults', () => {
  it(`${KILLS} process kills, killed connections, server restarts and redelivered events leave every invariant whole`, async () => {
    const server = await durableRedis();
    let restarts = 0;
    const faults: Faults = {
      cut: async (random) => {
        if (random() < 0.15 && restarts < 3) {
          restarts += 1;
          await server.restart();
          return;
        }
        await killConnections(server.url);
      },
    };
    try {
      await faultRun('redis', uniqueTenant('fault-redis') as TenantId, 'fk-fault', faults, server.url);
      expect(restarts, 'the server was restarted during the run').toBeGreaterThan(0);
    } finally {
      await server.stop();
    }
  }, 600_000);
});

/** CLIENT KILL of every normal connection but our own. */
async function killConnections(url: string): Promise<void> {
  const admin = new Redis(url, { maxRetriesPerRequest: 1, lazyConnect: true });
  admin.on('error', () => {});
  try {
    await admin.connect();
    await admin.call('CLIENT', 'KILL', 'TYPE', 'normal', 'SKIPME', 'yes');
  } catch {
    // The server may be loading after a restart: the next cut will find it.
  } finally {
    admin.disconnect();
  }
}
