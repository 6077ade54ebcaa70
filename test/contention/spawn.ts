import { type ChildProcess, spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import type { WorkerConfig, WorkerReport } from './worker';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const WORKER = fileURLToPath(new URL('./worker.ts', import.meta.url));
const OUT = join(ROOT, 'node_modules/.cache/fulfillkit-suites', String(process.pid));
const bundles = new Map<string, Promise<string>>();

/** Deletes this test process's bundles (call from `afterAll`: vitest ends its workers without an exit event). */
export function removeBundles(): void {
  rmSync(OUT, { recursive: true, force: true });
  bundles.clear();
}

/**
 * Bundles a process script with the sources once per test process (under node_modules, so `pg`
 * and `ioredis` resolve; tsconfig paths map `fulfillkit`). Starting it with tsx instead would
 * transpile the sources at every start: seconds when the fault suite restarts processes under load.
 */
function bundled(script: string): Promise<string> {
  let out = bundles.get(script);
  if (!out) {
    const outfile = join(OUT, basename(script).replace(/\.ts$/, '.mjs'));
    out = build({ entryPoints: [script], outfile, bundle: true, platform: 'node', format: 'esm', target: 'node20', external: ['pg', 'ioredis'], logLevel: 'error' }).then(() => outfile);
    bundles.set(script, out);
  }
  return out;
}

/** Starts one worker process; `onLine` hears each line it prints. */
export function startWorker(config: WorkerConfig, onLine: (line: string) => void = () => {}): Promise<ChildProcess> {
  return startScript(WORKER, `worker ${config.seed}`, config, onLine);
}

/** Starts `script` (a .ts file) in a process of its own with `config` as its JSON argument; its stderr is relayed under `name`. */
export async function startScript(script: string, name: string, config: object, onLine: (line: string) => void = () => {}): Promise<ChildProcess> {
  const child = spawn(process.execPath, [await bundled(script), JSON.stringify(config)], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'], env: process.env });
  let buffer = '';
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
    buffer += chunk;
    let at = buffer.indexOf('\n');
    while (at >= 0) {
      onLine(buffer.slice(0, at));
      buffer = buffer.slice(at + 1);
      at = buffer.indexOf('\n');
    }
  });
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => process.stderr.write(`[${name}] ${chunk}`));
  return child;
}

/** Runs worker processes to completion and returns their reports; a process that fails rejects. */
export async function runWorkers(configs: readonly WorkerConfig[]): Promise<WorkerReport[]> {
  return Promise.all(
    configs.map(async (config) => {
      let report: WorkerReport | undefined;
      const child = await startWorker(config, (line) => {
        const parsed = JSON.parse(line) as { report?: WorkerReport };
        if (parsed.report) report = parsed.report;
      });
      return new Promise<WorkerReport>((resolve, reject) => {
        child.once('error', reject);
        child.once('exit', (code) => (code === 0 && report ? resolve(report) : reject(new Error(`worker ${config.seed} exited with ${code}`))));
      });
    }),
  );
}
