import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { privateRedis } from '../support/redis';

/** A private redis-server that keeps its data across a kill: AOF fsynced on every write. */
export interface DurableRedis {
  readonly url: string;
  /** SIGKILL, then start again on the same port and data; resolves when it answers. */
  restart(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Starts `redis-server` on a free port with `--appendonly yes --appendfsync always` in a temporary
 * directory: a restart replays every acknowledged write, as a production Redis with AOF would.
 */
export async function durableRedis(): Promise<DurableRedis> {
  const dir = await mkdtemp(join(tmpdir(), 'fk-redis-'));
  const server = await privateRedis(['--dir', dir, '--appendonly', 'yes', '--appendfsync', 'always']);
  return {
    url: server.url,
    restart: async () => {
      await server.kill();
      await server.start();
    },
    stop: async () => {
      await server.kill();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
