import { type AllocationPolicyInput, allocate } from '../src/allocation';
import { milpMaxValue } from '../test/support/milp-allocation';
import { randomInstance } from '../test/support/milp-instances';
import { type Figure, figure, rate } from './figures';

/** Ship-complete instances HiGHS proves optimal in about a second each. */
const VALUE_INSTANCES = { count: 8, firstSeed: 1_000, shape: { orders: 200, skus: 20, stock: { min: 0.6, max: 0.8 } } } as const;

/**
 * `allocation.value_vs_optimum`: value the max-value rule releases on ship-complete orders with
 * stock at 60–80% of demand, summed over several instances, against the MILP optimum (HiGHS) of
 * the same instances. Target: ratio ≥ 0.99. FIFO's ratio is printed beside it.
 */
async function valueFigure(): Promise<Figure> {
  let engine = 0;
  let fifo = 0;
  let optimum = 0;
  let proved = 0;
  let worst = Number.POSITIVE_INFINITY;
  let solver = 0;
  const { count, firstSeed, shape } = VALUE_INSTANCES;
  for (let seed = firstSeed; seed < firstSeed + count; seed++) {
    const { orders, supply } = randomInstance(seed, shape);
    const best = allocate(orders, supply, { rule: 'max-value' }).value;
    const milp = await milpMaxValue(orders, supply, { timeLimit: 120 });
    engine += best;
    fifo += allocate(orders, supply, { rule: 'fifo' }).value;
    optimum += milp.value;
    solver += milp.seconds;
    if (milp.optimal) proved++;
    worst = Math.min(worst, best / milp.value);
  }
  const note =
    `${count} instances of ${shape.orders} ship-complete orders x ${shape.skus} SKUs, stock 60-80% of demand; ` +
    `FIFO ratio ${(fifo / optimum).toFixed(4)}; worst instance ${worst.toFixed(4)}; ` +
    `HiGHS proved ${proved}/${count} optimal in ${solver.toFixed(1)} s`;
  return figure('allocation.value_vs_optimum', engine, 'value', optimum, { op: '>=', limit: 0.99 }, note);
}

/**
 * `allocation.seconds_100k_orders`: seconds the max-value rule takes for 100k orders (1–4 lines,
 * half of them ship-complete) over 10k SKUs with stock at 60–80% of demand, best of 3, against
 * FIFO on the same instance in the same run. Target: ratio ≤ 3; the guide is < 1 s absolute.
 */
async function secondsFigure(): Promise<Figure> {
  const { orders, supply } = randomInstance(7, { orders: 100_000, skus: 10_000, stock: { min: 0.6, max: 0.8 }, shipComplete: 0.5 });
  const seconds = async (policy: AllocationPolicyInput) => 1 / (await rate(1, () => allocate(orders, supply, policy), 3));
  const fifo = await seconds({ rule: 'fifo' });
  const maxValue = await seconds({ rule: 'max-value' });
  const result = allocate(orders, supply, { rule: 'max-value' });
  const base = allocate(orders, supply, { rule: 'fifo' });
  const note =
    `guide < 1 s absolute (max-value ${maxValue.toFixed(3)} s, FIFO ${fifo.toFixed(3)} s); 100k orders x 10k SKUs, half ship-complete; ` +
    `value ${(result.value / base.value).toFixed(4)}x FIFO's, ${((100 * result.value) / (result.trace.bound ?? result.value)).toFixed(2)}% of the Lagrangian bound`;
  return figure('allocation.seconds_100k_orders', maxValue, 's', fifo, { op: '<=', limit: 3 }, note);
}

/** The allocation figures of `npm run bench`. */
export async function allocationFigures(): Promise<Figure[]> {
  return [await valueFigure(), await secondsFigure()];
}
