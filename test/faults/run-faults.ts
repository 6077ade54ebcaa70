import type { ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { seededRandom, type TenantId } from 'fulfillkit';
import type { StoreKind } from '../contention/open-store';
import { startScript, startWorker } from '../contention/spawn';
import type { RestockerConfig } from './restock';

const RESTOCKER = fileURLToPath(new URL('./restocker.ts', import.meta.url));

/** The server-side fault a run injects between kills. */
export interface Faults {
  /** Cuts the server's side of the processes' work: terminated backends, killed connections, a restart. */
  cut(random: () => number): Promise<void>;
}

/** What the fault suite's run did. */
export interface FaultRun {
  readonly kills: number;
  /** Deliveries of each `OrderPlaced` event to a restocker, by event id, across every restocker process. */
  readonly deliveries: Map<string, number>;
  /** Starts a fresh restocker (not killed) to drain what is left; stop it with the function it returns. */
  drain(): Promise<() => Promise<void>>;
}

/** Who runs and how often they die. */
export interface FaultShape {
  readonly kind: StoreKind;
  readonly tenant: TenantId;
  readonly skus: readonly string[];
  readonly url?: string | undefined;
  readonly appName: string;
  readonly kills: number;
  /** Worker processes beside the one restocker. */
  readonly workers: number;
}

/** A process kept running: the one up now (resolved once it is ready) and how to start another. */
interface Slot {
  current: Promise<ChildProcess>;
  readonly start: () => Promise<ChildProcess>;
}

/**
 * Runs worker processes (placing and cancelling orders for ever) and one restocker process (the
 * transport's consumer), and SIGKILLs one of them at a random moment `kills` times, starting its
 * replacement at once, with `faults.cut` before some kills. A kill waits only for its own target
 * to be up, so processes die while others are still starting.
 */
export async function runFaults(shape: FaultShape, faults: Faults): Promise<FaultRun> {
  const random = seededRandom(7);
  const deliveries = new Map<string, number>();
  let seed = 5_000;
  const restocker: RestockerConfig = { kind: shape.kind, tenant: shape.tenant, node: 'dc', url: shape.url, appName: shape.appName };
  // Resolves once the process says it is up, or died first (e.g. while Redis restarts: it counts as started).
  const started = (start: (onLine: (line: string) => void) => Promise<ChildProcess>) =>
    new Promise<ChildProcess>((resolve, reject) => {
      let ready = false;
      const onLine = (line: string) => {
        const parsed = JSON.parse(line) as { ready?: boolean; delivered?: string };
        if (parsed.delivered) deliveries.set(parsed.delivered, (deliveries.get(parsed.delivered) ?? 0) + 1);
        if (parsed.ready) ready = true;
        if (ready) void launched.then(resolve);
      };
      const launched = start(onLine);
      launched.then((child) => child.once('exit', () => resolve(child)), reject);
    });
  const startRestocker = () => started((onLine) => startScript(RESTOCKER, 'restocker', restocker, onLine));
  const startWorkerProcess = () =>
    started((onLine) =>
      startWorker({ kind: shape.kind, tenant: shape.tenant, node: 'dc', skus: shape.skus, workers: 3, attempts: 0, seed: seed++, forever: true, url: shape.url, appName: shape.appName }, onLine),
    );
  // The restocker first: its consumer group must exist before the first order is placed.
  const slots: Slot[] = [{ current: startRestocker(), start: startRestocker }];
  await slots[0]!.current;
  for (let i = 0; i < shape.workers; i++) slots.push({ current: startWorkerProcess(), start: startWorkerProcess });
  let kills = 0;
  while (kills < shape.kills) {
    await new Promise((r) => setTimeout(r, 20 + random() * 200));
    if (random() < 0.3) await faults.cut(random);
    const slot = slots[Math.floor(random() * slots.length)]!;
    await kill(await slot.current);
    kills += 1;
    slot.current = slot.start();
  }
  for (const slot of slots) await kill(await slot.current);
  return {
    kills,
    deliveries,
    drain: async () => {
      const child = await startRestocker();
      return () => kill(child);
    },
  };
}

function kill(child: ChildProcess): Promise<void> {
  return new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGKILL');
  });
}
