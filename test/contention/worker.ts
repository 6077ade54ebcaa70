/**
 * One contention worker process: `workers` concurrent loops, each placing `attempts` multi-line
 * orders (SKUs repeated, in random order) at one node of a shared store, then printing what it
 * was granted as one JSON line. With `forever`, it loops until killed (the fault suite).
 */
import { createFulfillment, isFulfillkitError, seededIds, seededRandom } from 'fulfillkit';
import { openStore, type StoreKind } from './open-store';

export interface WorkerConfig {
  readonly kind: StoreKind;
  readonly tenant: string;
  readonly node: string;
  readonly skus: readonly string[];
  readonly workers: number;
  readonly attempts: number;
  readonly seed: number;
  readonly forever?: boolean;
  /** The server's URL and connection name (the fault suite's private servers and kill targets). */
  readonly url?: string | undefined;
  readonly appName?: string | undefined;
}

/** What one process did: units granted per SKU, and how its attempts ended. */
export interface WorkerReport {
  readonly granted: Record<string, number>;
  readonly placed: number;
  readonly outcomes: Record<string, number>;
}

async function main(config: WorkerConfig): Promise<void> {
  const { store, close } = await openStore(config.kind, { url: config.url, appName: config.appName });
  // The fault suite waits for this before it may kill the process again.
  if (config.forever) process.stdout.write(`${JSON.stringify({ ready: true })}\n`);
  const random = seededRandom(config.seed);
  const ff = createFulfillment({ store, tenant: config.tenant, ids: seededIds(config.seed), retry: { attempts: 20, baseDelayMs: 2, maxDelayMs: 50 } });
  const granted: Record<string, number> = {};
  const outcomes: Record<string, number> = {};
  let placed = 0;
  const pick = () => config.skus[Math.floor(random() * config.skus.length)]!;
  const loop = async (w: number) => {
    for (let a = 0; config.forever || a < config.attempts; a++) {
      const lines = Array.from({ length: 1 + Math.floor(random() * 4) }, (_, i) => ({ id: `${i + 1}`, sku: pick(), quantity: 1 + Math.floor(random() * 3) }));
      const id = `p${config.seed}-w${w}-a${a}`;
      try {
        await ff.placeOrder({ node: config.node, order: { id, channel: 'web', lines } });
        placed += 1;
        for (const l of lines) granted[l.sku] = (granted[l.sku] ?? 0) + l.quantity;
        if (config.forever) {
          process.stdout.write(`${JSON.stringify({ placed: id })}\n`);
          // Some orders are cancelled, so reservations also end (and can be cut short by a kill).
          if (random() < 0.3) await ff.cancelOrder({ order: id, reason: 'fault suite', idempotencyKey: `cancel-${id}` });
        }
        outcomes.placed = (outcomes.placed ?? 0) + 1;
      } catch (error) {
        const code = isFulfillkitError(error) ? error.code : 'UNEXPECTED';
        outcomes[code] = (outcomes[code] ?? 0) + 1;
        if (code === 'UNEXPECTED') process.stderr.write(`${String(error)}\n`);
      }
    }
  };
  await Promise.all(Array.from({ length: config.workers }, (_, w) => loop(w)));
  await close();
  const report: WorkerReport = { granted, placed, outcomes };
  process.stdout.write(`${JSON.stringify({ report })}\n`);
}

await main(JSON.parse(process.argv[2] ?? '{}') as WorkerConfig);
