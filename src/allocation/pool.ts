import type { Problem } from './problem';

/** What a pool had left at one moment. */
export interface PoolSnapshot {
  readonly shared: Float64Array;
  readonly used: readonly (ReadonlyMap<number, number> | undefined)[];
}

/**
 * The units left to divide: a shared pool per SKU plus each channel's ring-fences. A channel takes
 * from its fence first; only what it takes beyond its fence comes from the shared pool. The pool
 * keeps each fenced channel's total use, so the shared pool left is
 * supply − fences − Σ channels' use beyond their fence: it depends only on what each channel holds,
 * never on the order units were taken and given back in.
 */
export class Pool {
  /** Units anyone may take, per SKU. */
  readonly shared: Float64Array;
  private readonly fence: readonly (ReadonlyMap<number, number> | undefined)[];
  private readonly used: (Map<number, number> | undefined)[];
  private readonly fenced: boolean;

  constructor(p: Problem) {
    this.shared = Float64Array.from(p.supply);
    this.fence = p.quota;
    this.used = p.quota.map((q) => (q === undefined ? undefined : new Map<number, number>()));
    this.fenced = p.quota.some((q) => q !== undefined);
    p.quota.forEach((q) => {
      q?.forEach((units, s) => {
        this.shared[s] = this.shared[s]! - units;
      });
    });
  }

  /** Units channel `c` may take of SKU `s`. */
  available(c: number, s: number): number {
    if (!this.fenced) return this.shared[s]!;
    const cap = this.fence[c]?.get(s);
    if (cap === undefined) return this.shared[s]!;
    return Math.max(0, cap - (this.used[c]!.get(s) ?? 0)) + this.shared[s]!;
  }

  /** Channel `c` takes `units` of SKU `s` (at most `available(c, s)`). */
  take(c: number, s: number, units: number): void {
    this.move(c, s, units);
  }

  /** Channel `c` gives back `units` of SKU `s` it took. */
  give(c: number, s: number, units: number): void {
    this.move(c, s, -units);
  }

  /** A copy of what is left, for `restore`. */
  snapshot(): PoolSnapshot {
    return { shared: Float64Array.from(this.shared), used: this.used.map((u) => (u === undefined ? undefined : new Map(u))) };
  }

  /** Goes back to what was left at `snapshot`. */
  restore(snapshot: PoolSnapshot): void {
    this.shared.set(snapshot.shared);
    snapshot.used.forEach((u, c) => {
      const used = this.used[c];
      if (u === undefined || used === undefined) return;
      used.clear();
      u.forEach((units, s) => {
        used.set(s, units);
      });
    });
  }

  /** Units of SKU `s` left: shared, plus every fence's unused units. */
  left(s: number): number {
    let units = this.shared[s]!;
    if (this.fenced) {
      this.fence.forEach((q, c) => {
        const cap = q?.get(s);
        if (cap !== undefined) units += Math.max(0, cap - (this.used[c]!.get(s) ?? 0));
      });
    }
    return units;
  }

  private move(c: number, s: number, units: number): void {
    const cap = this.fenced ? this.fence[c]?.get(s) : undefined;
    if (cap === undefined) {
      this.shared[s] = this.shared[s]! - units;
      return;
    }
    const used = this.used[c]!;
    const before = used.get(s) ?? 0;
    const after = before + units;
    used.set(s, after);
    this.shared[s] = this.shared[s]! - (Math.max(0, after - cap) - Math.max(0, before - cap));
  }
}
