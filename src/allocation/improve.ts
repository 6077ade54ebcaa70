import { LIMITS } from '../domain/limits';
import { type ByScarceSku, linesBySku, ordersBySku, sortByScore } from './holders';
import type { Pool } from './pool';
import { ItemMoves } from './moves';
import { type Fill, serveLine } from './sequence';
import type { ValueModel } from './value-model';

/** Most items one move drops, how many it looks at per short SKU, and in all. */
const MAX_DROPS = 8;
const CANDIDATES_PER_SKU = 12;
const MAX_CANDIDATES = 64;
/** How many waiting items per freed SKU a move tries to serve after its swap. */
const REFILL_PER_SKU = 32;
/** A move may drop value up to this many times the order it adds (refills must pay the rest). */
const DROP_LIMIT = 1.5;
/** Work a move costs besides the entries it touches. */
const MOVE_COST = 8;

/**
 * What the improvement step did.
 */
export interface Improvement {
  readonly moves: number;
  readonly gain: number;
  readonly passes: number;
  readonly work: number;
}

/**
 * Drop-add local search. Items are the competing ship-complete orders (all or nothing) and the
 * competing lines of other orders (any units). Two moves, each kept only when the value served
 * grows, and undone otherwise:
 * - add: a waiting ship-complete order (in `rank` order) that does not fit drops what holds the
 *   SKUs it is short of (served orders or units of lines, the cheapest per unit freed first, at
 *   most `MAX_DROPS`), is served, and waiting items that now fit on the freed SKUs are served;
 * - release: a served ship-complete order (worst rank first) is dropped when lines waiting for
 *   its SKUs are worth more.
 * Passes repeat while they gain, within `budget` units of work (entries touched), so the result
 * never depends on the clock.
 */
export function improve(model: ValueModel, pool: Pool, fill: Fill, rank: Int32Array, accepted: Uint8Array, budget: number): Improvement {
  return new DropAdd(model, pool, fill, rank, accepted).run(budget);
}

class DropAdd extends ItemMoves {
  private readonly orders: ByScarceSku;
  private readonly lines: ByScarceSku;
  private readonly shortBy: Float64Array;
  private readonly stamp: Int32Array;
  private readonly short = new Int32Array(LIMITS.orderLines);
  private readonly codes = new Int32Array(MAX_CANDIDATES);
  private readonly score = new Float64Array(MAX_CANDIDATES);
  private readonly units = new Float64Array(MAX_CANDIDATES);
  private readonly droppedCodes = new Int32Array(MAX_DROPS);
  private readonly droppedUnits = new Float64Array(MAX_DROPS);
  private readonly freed: number[] = [];
  private readonly refilled: number[] = [];
  private readonly refilledUnits: number[] = [];
  private move = 0;

  constructor(
    model: ValueModel,
    pool: Pool,
    fill: Fill,
    private readonly rank: Int32Array,
    accepted: Uint8Array,
  ) {
    super(model, pool, fill, accepted);
    this.orders = ordersBySku(model, rank);
    this.lines = linesBySku(model);
    this.shortBy = new Float64Array(model.p.skus.length);
    this.stamp = new Int32Array(model.orders.length);
  }

  run(budget: number): Improvement {
    let moves = 0;
    let gain = 0;
    let passes = 0;
    const nc = this.model.orders.length;
    const count = (won: number) => {
      if (won <= 0) return false;
      moves++;
      gain += won;
      return true;
    };
    for (let improved = true; improved && this.work < budget && passes < 4; ) {
      improved = false;
      passes++;
      for (let j = 0; j < this.rank.length && this.work < budget; j++) {
        const q = this.rank[j]!;
        if (q < nc && this.accepted[q] === 0 && count(this.tryAdd(q))) improved = true;
      }
      if (this.model.lines.length === 0) continue;
      for (let j = this.rank.length - 1; j >= 0 && this.work < budget; j--) {
        const q = this.rank[j]!;
        if (q < nc && this.accepted[q] === 1 && count(this.tryRelease(q))) improved = true;
      }
    }
    return { moves, gain, passes, work: this.work };
  }

  /** Tries to serve `add`, dropping and refilling; returns the value gained (0 when undone). */
  private tryAdd(add: number): number {
    const { model, codes, droppedCodes, droppedUnits } = this;
    this.move++;
    this.work += MOVE_COST + model.entryStart[add + 1]! - model.entryStart[add]!;
    const shorts = this.shortfall(add);
    if (shorts === 0) {
      if (!this.fits(add)) return 0;
      this.serve(add);
      return this.value(add);
    }
    const count = this.gather(shorts);
    let drops = 0;
    let lost = 0;
    let fitted = false;
    for (let x = 0; x < count && drops < MAX_DROPS; x++) {
      const code = codes[x]!;
      const loss = code >= 0 ? this.value(code) : this.units[x]! * model.lineUnitValue[-code - 1]!;
      if (lost + loss > DROP_LIMIT * this.value(add)) continue;
      this.dropItem(code, this.units[x]!);
      droppedCodes[drops] = code;
      droppedUnits[drops++] = this.units[x]!;
      lost += loss;
      if (this.fits(add)) {
        fitted = true;
        break;
      }
    }
    if (!fitted) {
      this.restore(drops);
      return 0;
    }
    this.serve(add);
    this.freed.length = 0;
    for (let d = 0; d < drops; d++) this.freeSkus(droppedCodes[d]!);
    const won = this.value(add) + this.refill();
    if (won - lost > 1e-9 * Math.max(1, won)) return won - lost;
    this.undoRefill();
    this.drop(add);
    this.restore(drops);
    return 0;
  }

  /** Tries dropping served order `q` for waiting lines on its SKUs; returns the value gained (0 when undone). */
  private tryRelease(q: number): number {
    const { model, lines, fill } = this;
    const { entryStart, entrySku, entryUnits, lineUnitValue, lineNeed } = model;
    this.work += MOVE_COST + entryStart[q + 1]! - entryStart[q]!;
    // Quick bound: what waiting lines could be worth with q's units.
    let potential = 0;
    for (let e = entryStart[q]!; e < entryStart[q + 1]!; e++) {
      let room = entryUnits[e]!;
      const s = entrySku[e]!;
      for (let h = lines.start[s + 1]! - 1; h >= lines.start[s]! && room > 0; h--) {
        const r = lines.items[h]!;
        this.work++;
        const units = Math.min(room, lineNeed[r]! - fill[model.lines[r]!]!);
        if (units <= 0) continue;
        potential += units * lineUnitValue[r]!;
        room -= units;
      }
    }
    if (potential <= this.value(q)) return 0;
    this.drop(q);
    this.freed.length = 0;
    this.freeSkus(q);
    const won = this.refill();
    if (won - this.value(q) > 1e-9 * Math.max(1, won)) return won - this.value(q);
    this.undoRefill();
    this.serve(q);
    return 0;
  }

  /** The scarce SKUs `add` is short of, into `short` (with `shortBy`); returns how many. */
  private shortfall(add: number): number {
    const { p, orders, entryStart, entrySku, entryUnits } = this.model;
    const c = p.channel[orders[add]!]!;
    let shorts = 0;
    for (let e = entryStart[add]!; e < entryStart[add + 1]!; e++) {
      const s = entrySku[e]!;
      const missing = entryUnits[e]! - this.pool.available(c, s);
      if (missing > 0) {
        this.short[shorts++] = s;
        this.shortBy[s] = missing;
      }
    }
    return shorts;
  }

  /** What holds the short SKUs, the cheapest per unit freed first, into `codes`; returns how many. */
  private gather(shorts: number): number {
    const { model, orders, lines, accepted, codes, score, units, shortBy } = this;
    const { entryStart, entrySku, entryUnits } = model;
    let count = 0;
    for (let x = 0; x < shorts; x++) {
      const s = this.short[x]!;
      let taken = 0;
      for (let h = orders.start[s + 1]! - 1; h >= orders.start[s]! && taken < CANDIDATES_PER_SKU && count < MAX_CANDIDATES; h--) {
        const q = orders.items[h]!;
        this.work++;
        if (accepted[q] === 0 || this.stamp[q] === this.move) continue;
        this.stamp[q] = this.move;
        taken++;
        let freed = 0;
        for (let e = entryStart[q]!; e < entryStart[q + 1]!; e++) freed += Math.min(entryUnits[e]!, shortBy[entrySku[e]!]!);
        this.work += entryStart[q + 1]! - entryStart[q]!;
        codes[count] = q;
        score[count] = this.value(q) / freed;
        units[count++] = 0;
      }
      taken = 0;
      for (let h = lines.start[s]!; h < lines.start[s + 1]! && taken < CANDIDATES_PER_SKU && count < MAX_CANDIDATES; h++) {
        const r = lines.items[h]!;
        this.work++;
        const held = this.fill[model.lines[r]!]!;
        if (held <= 0) continue;
        taken++;
        codes[count] = -r - 1;
        score[count] = model.lineUnitValue[r]!;
        units[count++] = Math.min(held, shortBy[s]!);
      }
    }
    for (let x = 0; x < shorts; x++) shortBy[this.short[x]!] = 0;
    sortByScore(codes, score, units, count);
    return count;
  }

  /** Serves waiting orders, then waiting lines, that now fit on the `freed` SKUs; returns their value. */
  private refill(): number {
    const { model, orders, lines, accepted, freed } = this;
    this.refilled.length = 0;
    this.refilledUnits.length = 0;
    let won = 0;
    for (const s of freed) {
      const end = Math.min(orders.start[s + 1]!, orders.start[s]! + REFILL_PER_SKU);
      for (let h = orders.start[s]!; h < end; h++) {
        const q = orders.items[h]!;
        this.work++;
        if (accepted[q] === 1 || !this.fits(q)) continue;
        this.serve(q);
        this.refilled.push(q);
        this.refilledUnits.push(0);
        won += this.value(q);
      }
    }
    for (const s of freed) {
      const end = Math.max(lines.start[s]!, lines.start[s + 1]! - REFILL_PER_SKU);
      for (let h = lines.start[s + 1]! - 1; h >= end; h--) {
        const r = lines.items[h]!;
        this.work++;
        const units = serveLine(model.p, this.pool, this.fill, model.lineOrder[r]!, model.lines[r]!);
        if (units <= 0) continue;
        this.refilled.push(-r - 1);
        this.refilledUnits.push(units);
        won += units * model.lineUnitValue[r]!;
      }
    }
    return won;
  }

  private undoRefill(): void {
    for (let x = this.refilled.length - 1; x >= 0; x--) this.dropItem(this.refilled[x]!, this.refilledUnits[x]!);
  }

  /** Serves again, in reverse, the first `drops` items dropped. */
  private restore(drops: number): void {
    for (let d = drops - 1; d >= 0; d--) {
      const code = this.droppedCodes[d]!;
      if (code >= 0) this.serve(code);
      else this.lineUnits(-code - 1, this.droppedUnits[d]!);
    }
  }

  private freeSkus(code: number): void {
    const { entryStart, entrySku, lineSku } = this.model;
    if (code < 0) this.freed.push(lineSku[-code - 1]!);
    else for (let e = entryStart[code]!; e < entryStart[code + 1]!; e++) this.freed.push(entrySku[e]!);
  }
}
