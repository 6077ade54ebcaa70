import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { Order, OrderExplanation } from 'fulfillkit';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort } from '../support/redis';
import { POSTGRES_URL, serverAvailable } from '../support/servers';

const root = fileURLToPath(new URL('../..', import.meta.url));
const available = await serverAvailable('PostgreSQL', POSTGRES_URL);

/** Resolves with the first stdout line matching `pattern`; rejects when the process ends first or `ms` pass. */
function waitForLine(child: ChildProcess, pattern: RegExp, ms: number, output: () => string): Promise<string> {
  return new Promise((resolve, reject) => {
    let seen = '';
    const done = (error?: Error, line?: string) => {
      clearTimeout(timer);
      child.stdout?.off('data', onData);
      child.off('exit', onExit);
      if (error) reject(error);
      else resolve(line ?? '');
    };
    const onData = (chunk: Buffer) => {
      seen += chunk.toString('utf8');
      const line = seen.split('\n').find((l) => pattern.test(l));
      if (line !== undefined) done(undefined, line);
    };
    const onExit = (code: number | null, signal: NodeJS.Signals | null) => done(new Error(`the example exited (code ${code}, signal ${signal}) before it listened:\n${output()}`));
    const timer = setTimeout(() => done(new Error(`no ${pattern} within ${ms} ms:\n${output()}`)), ms);
    child.stdout?.on('data', onData);
    child.once('exit', onExit);
  });
}

/** Resolves with the exit code (or signal) when the process ends; rejects after `ms`. */
function waitForExit(child: ChildProcess, ms: number): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve({ code: child.exitCode, signal: child.signalCode });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the example did not exit within ${ms} ms`)), ms);
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal });
    });
  });
}

// examples/backend-postgres/main.ts as its README starts it, on the real PostgreSQL server.
describe.skipIf(!available)('backend-postgres example on PostgreSQL', () => {
  let child: ChildProcess | undefined;
  let output = '';

  afterAll(async () => {
    if (child && child.exitCode === null && child.signalCode === null) {
      child.kill('SIGKILL');
      await waitForExit(child, 5_000).catch(() => undefined);
    }
  });

  it('starts with SEED=1, places and explains an order, and stops on SIGTERM', async () => {
    const port = await freePort();
    const proc = spawn(process.execPath, ['--import', 'tsx', 'examples/backend-postgres/main.ts'], {
      cwd: root,
      env: { ...process.env, DATABASE_URL: POSTGRES_URL, PORT: String(port), SEED: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child = proc;
    proc.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString('utf8');
    });
    proc.stderr.on('data', (chunk: Buffer) => {
      output += chunk.toString('utf8');
    });

    const line = await waitForLine(proc, /fulfillkit example listening on /, 30_000, () => output);
    expect(line).toContain(`http://127.0.0.1:${port}`);
    const base = `http://127.0.0.1:${port}`;

    // A fresh order id each run; the seeded tees may be gone from earlier runs: then it backorders.
    const id = `o-${process.pid}-${Date.now()}`;
    const placed = await fetch(`${base}/orders`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'idempotency-key': `int-${id}` },
      body: JSON.stringify({ id, channel: 'web', lines: [{ id: '1', sku: 'tee', quantity: 1 }] }),
    });
    const order = (await placed.json()) as Order;
    expect(placed.status, JSON.stringify(order)).toBe(201);
    expect(order.id).toBe(id);
    expect(['reserved', 'backordered']).toContain(order.status);
    expect(order.lines).toEqual([{ id: '1', sku: 'tee', quantity: 1 }]);

    const explainedRes = await fetch(`${base}/orders/${encodeURIComponent(id)}/explain`);
    expect(explainedRes.status).toBe(200);
    const explained = (await explainedRes.json()) as OrderExplanation;
    expect(explained.order).toMatchObject({ id, status: order.status });
    expect(explained.routing).toHaveLength(1);
    expect(explained.events.map((e) => e.event.type)).toContain('OrderPlaced');

    const stopping = waitForExit(proc, 10_000);
    proc.kill('SIGTERM');
    const exit = await stopping;
    expect(exit, output).toEqual({ code: 0, signal: null });
  }, 60_000);
});
