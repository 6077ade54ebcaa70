import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { WorkerConfig, WorkerReport } from './worker';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const WORKER = fileURLToPath(new URL('./worker.ts', import.meta.url));

/**
 * Starts one worker process (tsx resolves `fulfillkit` to the sources through tsconfig paths).
 * `onLine` hears each line it prints.
 */
export function startWorker(config: WorkerConfig, onLine: (line: string) => void = () => {}): ChildProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', WORKER, JSON.stringify(config)], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'], env: process.env });
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
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => process.stderr.write(`[worker ${config.seed}] ${chunk}`));
  return child;
}

/** Runs worker processes to completion and returns their reports; a process that fails rejects. */
export async function runWorkers(configs: readonly WorkerConfig[]): Promise<WorkerReport[]> {
  return Promise.all(
    configs.map(
      (config) =>
        new Promise<WorkerReport>((resolve, reject) => {
          let report: WorkerReport | undefined;
          const child = startWorker(config, (line) => {
            const parsed = JSON.parse(line) as { report?: WorkerReport };
            if (parsed.report) report = parsed.report;
          });
          child.once('error', reject);
          child.once('exit', (code) => (code === 0 && report ? resolve(report) : reject(new Error(`worker ${config.seed} exited with ${code}`))));
        }),
    ),
  );
}
