/**
 * `npm run bench`: every figure with the baseline it is measured against in the same run
 * (DESIGN.md §6). Prints a table and writes bench/results.json. Exits 1 if a target fails.
 */
import { fileURLToPath } from 'node:url';
import { type Figure, report } from './figures';
import { allocationFigures } from './allocation.bench';
import { forecastFigures } from './forecast.bench';
import { inventoryFigures } from './inventory.bench';
import { routingFigures } from './routing.bench';
import { runtimeFigures } from './runtime.bench';

const figures: Figure[] = [
  ...(await runtimeFigures()),
  ...(await inventoryFigures()),
  ...(await forecastFigures()),
  ...(await allocationFigures()),
  ...(await routingFigures()),
];
report(figures, fileURLToPath(new URL('./results.json', import.meta.url)));
if (figures.some((f) => f.pass === false)) process.exitCode = 1;
