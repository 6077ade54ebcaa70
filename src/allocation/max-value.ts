import { improve } from './improve';
import type { MaxValuePolicy } from './policy';
import type { Pool, PoolSnapshot } from './pool';
import { clearingPrices } from './clearing';
import { lagrangianPrices, startPrices } from './prices';
import type { Problem } from './problem';
import type { Fill } from './sequence';
import { buildModel, itemKeys, rankItems, serveRanked, type ValueModel } from './value-model';

/** What the max-value rule decided, besides the fill. */
export interface MaxValueOutcome {
  /** The orders in the order they were considered: served at once first, then by rank. */
  readonly sequence: Int32Array;
  /** No way of serving the competing items is worth more than this (Lagrangian bound). */
  readonly competingBound: number;
  /** What the competing items got is worth this. */
  readonly competingValue: number;
  readonly notes: string[];
}

/** Problems with more competing entries than this start from the clearing prices only. */
const MULTI_START = 100_000;
/** Smaller problems also start from the prices after each subgradient step, up to this ÷ size of them. */
const TRAIL_WORK = 100_000;
/** Work units of drop-add improvement per competing entry. */
const IMPROVE_WORK = 3;

interface Candidate {
  readonly label: string;
  readonly rank: Int32Array;
  readonly value: number;
  readonly pool: PoolSnapshot;
  readonly fill: Float64Array;
}

/**
 * Maximise released value (ship-complete orders count only in full):
 * 1. What wants no scarce SKU is served at once (it cannot hurt anyone).
 * 2. Prices for scarce units: each SKU's clearing price given the others, a few sweeps
 *    (`clearingPrices`, coordinate descent on the Lagrangian dual of the LP relaxation), then
 *    subgradient steps (`lagrangianPrices`), which also bound the best value from above.
 * 3. Greedy: competing items by value per priced unit, highest first, each served if it fits.
 * 4. Drop-add improvement (`improve`), then what is left goes to the items by rank.
 * 3–4 run from the clearing prices and, on problems of up to `MULTI_START` competing entries,
 * again from the best-bound prices, the averaged prices and the prices after each of the first
 * subgradient steps (a Lagrangian multi-start); the best result is kept. Effort (sweeps, steps,
 * starts, improvement work) falls with the problem's size, so 100k orders stay well under a
 * second. Everything runs on indices in a fixed order: the same input gives the same result.
 */
export function maxValue(p: Problem, pool: Pool, fill: Fill, policy: MaxValuePolicy): MaxValueOutcome {
  const model = buildModel(p, pool, fill);
  const nc = model.orders.length;
  const items = nc + model.lines.length;
  if (items === 0) {
    return { sequence: sequenceOf(model, new Int32Array(0)), competingBound: 0, competingValue: 0, notes: ['max-value: no order competes for a scarce SKU'] };
  }
  // Effort falls with size, so large problems stay fast (about a million entry visits a phase).
  const size = model.entrySku.length + model.lines.length;
  const effort = (budget: number, min: number, max: number) => Math.min(max, Math.max(min, Math.floor(budget / size)));
  const basePool = pool.snapshot();
  const baseFill = Float64Array.from(fill);
  const keys = new Float64Array(items);
  let moves = 0;
  let best: Candidate | undefined;
  const tried: { label: string; greedy: number; value: number }[] = [];
  const attempt = (label: string, lambda: Float64Array): number => {
    itemKeys(model, lambda, keys);
    const rank = rankItems(keys);
    const accepted = new Uint8Array(nc);
    const greedy = serveRanked(model, pool, fill, rank, accepted);
    let value = greedy;
    if (policy.improve) {
      const step = improve(model, pool, fill, rank, accepted, IMPROVE_WORK * size + 20_000);
      moves += step.moves;
      value += step.gain;
    }
    value += serveRanked(model, pool, fill, rank, accepted);
    tried.push({ label, greedy, value });
    if (best === undefined || value > best.value) best = { label, rank, value, pool: pool.snapshot(), fill: Float64Array.from(fill) };
    pool.restore(basePool);
    fill.set(baseFill);
    return value;
  };
  const start = startPrices(model);
  clearingPrices(model, start, effort(1_000_000, 3, 10));
  const first = attempt('clearing', start);
  const small = size <= MULTI_START;
  const prices = lagrangianPrices(model, start, policy.iterations ?? effort(1_500_000, 5, 60), first, small ? Math.floor(TRAIL_WORK / size) : 0);
  if (small) {
    attempt('best-bound', prices.best);
    attempt('averaged', prices.average);
  }
  for (const [k, lambda] of prices.trail.entries()) attempt(`step ${k + 1}`, lambda);
  const kept = best!;
  pool.restore(kept.pool);
  fill.set(kept.fill);

  const value = kept.value;
  const bound = Number.isFinite(prices.bound) ? Math.max(prices.bound, value) : Number.POSITIVE_INFINITY;
  const named = tried.slice(0, 3).map((c) => `${c.label} prices: greedy ${round(c.greedy)}, improved ${round(c.value)}`);
  const steps = tried.slice(3);
  if (steps.length > 0) named.push(`${steps.length} starts from subgradient steps: best ${round(Math.max(...steps.map((c) => c.value)))}`);
  const notes = [
    `max-value: ${model.scarceSkus.length} scarce SKUs; ${nc} ship-complete orders and ${model.lines.length} lines compete; ${model.free.length} orders served at once`,
    `max-value: ${prices.iterations} price iterations; ${named.join('; ')}; kept ${kept.label} (${moves} drop-add moves in all)`,
    Number.isFinite(bound)
      ? `max-value: competing orders got ${round(value)}; Lagrangian bound ${round(bound)} (${bound > 0 ? ((100 * value) / bound).toFixed(2) : '100.00'}% of it)`
      : `max-value: competing orders got ${round(value)}; no bound (0 price iterations)`,
  ];
  return { sequence: sequenceOf(model, kept.rank), competingBound: bound, competingValue: value, notes };
}

/** Served-at-once orders first, then every other order where its first item ranks. */
function sequenceOf(model: ValueModel, rank: Int32Array): Int32Array {
  const n = model.p.orders.length;
  const seen = new Uint8Array(n);
  const sequence = new Int32Array(n);
  let at = 0;
  const put = (i: number) => {
    if (seen[i] === 1) return;
    seen[i] = 1;
    sequence[at++] = i;
  };
  for (const i of model.free) put(i);
  for (let j = 0; j < rank.length; j++) {
    const item = rank[j]!;
    put(item < model.orders.length ? model.orders[item]! : model.lineOrder[item - model.orders.length]!);
  }
  for (let i = 0; i < n; i++) put(i);
  return sequence;
}

function round(x: number): string {
  return (Math.round(x * 100) / 100).toString();
}
