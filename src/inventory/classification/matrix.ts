import type { AbcClass } from './abc';
import type { XyzClass } from './xyz';

/**
 * A cell of the ABC × XYZ matrix: the ABC class, then the XYZ class.
 *
 * @example
 * ```ts
 * const cell: AbcXyzCell = 'AX' // high value, steady demand
 * ```
 */
export type AbcXyzCell = `${AbcClass}${XyzClass}`;

/**
 * The nine cells in reading order: AX, AY, AZ, BX … CZ.
 *
 * @example
 * ```ts
 * ABC_XYZ_CELLS.length // 9
 * ```
 */
export const ABC_XYZ_CELLS: readonly AbcXyzCell[] = ['AX', 'AY', 'AZ', 'BX', 'BY', 'BZ', 'CX', 'CY', 'CZ'];

/**
 * Counts items per cell; every cell is present, empty ones with 0.
 *
 * @example
 * ```ts
 * countCells(['AX', 'AX', 'CZ']) // { AX: 2, AY: 0, …, CZ: 1 }
 * ```
 */
export function countCells(cells: Iterable<AbcXyzCell>): Record<AbcXyzCell, number> {
  const counts = Object.fromEntries(ABC_XYZ_CELLS.map((c) => [c, 0])) as Record<AbcXyzCell, number>;
  for (const cell of cells) counts[cell] += 1;
  return counts;
}
