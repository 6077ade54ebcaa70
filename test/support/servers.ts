import { Socket } from 'node:net';

/** Where the test servers listen; overridable for machines that run them elsewhere. */
export const POSTGRES_URL = process.env.FULFILLKIT_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
export const REDIS_URL = process.env.FULFILLKIT_REDIS_URL ?? 'redis://127.0.0.1:6379';

/** Whether something accepts TCP connections at the URL's host and port (within `ms`). */
export function reachable(url: string, ms = 1_000): Promise<boolean> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = new Socket();
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(ms, () => done(false));
    socket.once('error', () => done(false));
    socket.connect(Number(port), hostname, () => done(true));
  });
}

/**
 * Whether the `*.int` tests of a server run: true when it answers. When it does not, under `CI`
 * this throws (a missing server fails the run, never skips it); elsewhere it warns once and the
 * caller skips (`describe.skipIf(!available)`).
 *
 * @example
 * ```ts
 * const available = await serverAvailable('PostgreSQL', POSTGRES_URL)
 * describe.skipIf(!available)('postgres store', () => { … })
 * ```
 */
export async function serverAvailable(name: string, url: string): Promise<boolean> {
  if (await reachable(url)) return true;
  const where = url.replace(/\/\/[^@]*@/, '//');
  if (process.env.CI) throw new Error(`${name} is not reachable at ${where}, and CI is set: integration tests must run. Start it (see .ci/run).`);
  console.warn(`[fulfillkit] ${name} is not reachable at ${where}: skipping its integration tests (they fail instead under CI=true).`);
  return false;
}
