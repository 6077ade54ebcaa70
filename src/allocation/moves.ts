import type { Pool } from './pool';
import { type Fill, fitsWhole, revoke, serveWhole } from './sequence';
import type { ValueModel } from './value-model';

/**
 * Serving and dropping the items of a value model, counting the work done. Items are competing
 * ship-complete orders (number `q`) and competing lines (code `-r - 1` for line `r`).
 */
export class ItemMoves {
  /** Units of work done: entries and lines touched. */
  protected work = 0;
  protected readonly want: Float64Array;

  constructor(
    protected readonly model: ValueModel,
    protected readonly pool: Pool,
    protected readonly fill: Fill,
    protected readonly accepted: Uint8Array,
  ) {
    this.want = new Float64Array(model.p.skus.length);
  }

  protected value(q: number): number {
    return this.model.orderValue[q]!;
  }

  protected fits(q: number): boolean {
    const { p, orders } = this.model;
    const i = orders[q]!;
    this.work += p.lineStart[i + 1]! - p.lineStart[i]! + 1;
    return fitsWhole(p, this.pool, this.fill, this.want, i);
  }

  protected serve(q: number): void {
    const { p, orders } = this.model;
    const i = orders[q]!;
    this.work += p.lineStart[i + 1]! - p.lineStart[i]!;
    serveWhole(p, this.pool, this.fill, i);
    this.accepted[q] = 1;
  }

  protected drop(q: number): void {
    const { p, orders } = this.model;
    const i = orders[q]!;
    this.work += p.lineStart[i + 1]! - p.lineStart[i]!;
    revoke(p, this.pool, this.fill, i);
    this.accepted[q] = 0;
  }

  /** Drops item `code`: a whole order, or `units` of a line. */
  protected dropItem(code: number, units: number): void {
    if (code >= 0) this.drop(code);
    else this.lineUnits(-code - 1, -units);
  }

  /** Gives line `r` `units` more units (fewer, when negative). */
  protected lineUnits(r: number, units: number): void {
    const { p, lines, lineOrder, lineSku } = this.model;
    const k = lines[r]!;
    const c = p.channel[lineOrder[r]!]!;
    if (units >= 0) this.pool.take(c, lineSku[r]!, units);
    else this.pool.give(c, lineSku[r]!, -units);
    this.fill[k] = this.fill[k]! + units;
    this.work++;
  }
}
