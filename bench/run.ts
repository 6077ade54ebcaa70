/**
 * `npm run bench`: every figure with the baseline it is measured against in the same run
 * (DESIGN.md §6). Prints a table and writes bench/results.json. Exits 1 if a target fails.
 */
import { fileURLToPath } from 'node:url';
import { type Figure, report } from './figures';
import { allocationFigures } from './allocation.bench';
import { contentionFigures } from './contention.bench';
import { forecastFigures } from './forecast.bench';
import { inventoryFigures } from './inventory.bench';
import { postgresFigures } from './postgres.bench';
import { redisFigures } from './redis.bench';
import { routingFigures } from './routing.bench';
import { runtimeFigures } from './runtime.bench';
import { schedulingFigures } from './scheduling.bench';

const figures: Figure[] = [
  ...(await runtimeFigures()),
  ...(await postgresFigures()),
  ...(await inventoryFigures()),
  ...(await redisFigures()),
  ...(await contentionFigures()),
  ...(await forecastFigures()),
  ...(await allocationFigures()),
  ...(await routingFigures()),
  ...(await schedulingFigures()),
];
report(figures, fileURLToPath(new URL('./results.json', import.meta.url)));
if (figures.some((f) => f.pass === false)) process.exitCode = 1;
