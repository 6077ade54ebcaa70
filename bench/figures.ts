import { writeFileSync } from 'node:fs';

/** One benchmark figure, as DESIGN.md §6 specifies it; `target` and `pass` apply to `ratio`. */
export interface Figure {
  readonly name: string;
  readonly value: number;
  readonly unit: string;
  readonly baseline: number | null;
  readonly ratio: number | null;
  /** e.g. '>= 0.2' */
  readonly target: string | null;
  readonly pass: boolean | null;
  readonly note?: string;
}

/** Builds a figure from a measured value, its baseline in the same run, and a target on the ratio. */
export function figure(
  name: string,
  value: number,
  unit: string,
  baseline: number | null,
  target: { readonly op: '>=' | '<='; readonly limit: number } | null,
  note?: string,
): Figure {
  const ratio = baseline === null || baseline === 0 ? null : value / baseline;
  const pass = target === null || ratio === null ? null : target.op === '>=' ? ratio >= target.limit : ratio <= target.limit;
  return { name, value, unit, baseline, ratio, target: target ? `${target.op} ${target.limit}` : null, pass, ...(note ? { note } : {}) };
}

/** Operations per second of `run(i)` over `count` calls, best of `rounds` (after one warm-up round). */
export async function rate(count: number, run: (i: number) => unknown, rounds = 3): Promise<number> {
  let best = 0;
  for (let r = 0; r <= rounds; r++) {
    const start = performance.now();
    for (let i = 0; i < count; i++) {
      const out = run(i);
      if (out instanceof Promise) await out;
    }
    const perSecond = count / ((performance.now() - start) / 1000);
    if (r > 0) best = Math.max(best, perSecond);
  }
  return best;
}

/** Prints the figures as a table and writes them to `path` as JSON. */
export function report(figures: readonly Figure[], path: string): void {
  const fmt = (n: number | null) => (n === null ? '' : Math.abs(n) >= 1000 ? Math.round(n).toLocaleString('en-US') : n.toFixed(3));
  const rows = figures.map((f) => [f.name, `${fmt(f.value)} ${f.unit}`, fmt(f.baseline), fmt(f.ratio), f.target ?? '', f.pass === null ? '' : f.pass ? 'pass' : 'FAIL']);
  const head = ['figure', 'value', 'baseline', 'ratio', 'target', ''];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i]!)).join('  ');
  console.log(line(head));
  console.log(line(widths.map((w) => '-'.repeat(w))));
  for (const r of rows) console.log(line(r));
  writeFileSync(path, `${JSON.stringify(figures, null, 2)}\n`);
}
