/**
 * Slack of one resource at every EDD position: capacity by that position's due time minus the work
 * of the jobs kept up to it. A job fits at position p iff its work is at most the least slack from p
 * on; keeping it lowers the slack from p on. A segment tree with range add and range min makes both
 * O(log n), so re-inserting and swapping stay fast on 100k jobs.
 */
export class SlackTree {
  private readonly size: number;
  private readonly min: Float64Array;
  private readonly add: Float64Array;

  /** `slack[p]` for p < n; the tree takes a copy. */
  constructor(
    slack: Float64Array,
    private readonly n: number,
  ) {
    let size = 1;
    while (size < Math.max(1, n)) size *= 2;
    this.size = size;
    this.min = new Float64Array(2 * size).fill(Number.POSITIVE_INFINITY);
    this.add = new Float64Array(2 * size);
    this.min.set(slack.subarray(0, n), size);
    for (let i = size - 1; i >= 1; i--) this.min[i] = Math.min(this.min[2 * i]!, this.min[2 * i + 1]!);
  }

  /** Adds `delta` to the slack of every position from `p` on. */
  addFrom(p: number, delta: number): void {
    if (p < this.n) this.update(p, delta, 1, 0, this.size - 1);
  }

  /** The least slack from position `p` on. */
  minFrom(p: number): number {
    return p < this.n ? this.query(p, 1, 0, this.size - 1) : Number.POSITIVE_INFINITY;
  }

  private update(p: number, delta: number, node: number, lo: number, hi: number): void {
    if (hi < p) return;
    if (lo >= p) {
      this.min[node] = this.min[node]! + delta;
      this.add[node] = this.add[node]! + delta;
      return;
    }
    const mid = (lo + hi) >> 1;
    this.update(p, delta, 2 * node, lo, mid);
    this.update(p, delta, 2 * node + 1, mid + 1, hi);
    this.min[node] = Math.min(this.min[2 * node]!, this.min[2 * node + 1]!) + this.add[node]!;
  }

  private query(p: number, node: number, lo: number, hi: number): number {
    if (hi < p) return Number.POSITIVE_INFINITY;
    if (lo >= p) return this.min[node]!;
    const mid = (lo + hi) >> 1;
    return Math.min(this.query(p, 2 * node, lo, mid), this.query(p, 2 * node + 1, mid + 1, hi)) + this.add[node]!;
  }
}
