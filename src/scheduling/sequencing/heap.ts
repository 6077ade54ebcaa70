/**
 * A binary max-heap of small integers (EDD positions) in one typed array: Moore–Hodgson pops the
 * longest job of the current set at each overflow, and 100k jobs must not allocate 100k objects.
 */
export class PositionHeap {
  private readonly items: Int32Array;
  private count = 0;

  /** `before(a, b)`: a leaves the heap before b. */
  constructor(
    capacity: number,
    private readonly before: (a: number, b: number) => boolean,
  ) {
    this.items = new Int32Array(Math.max(1, capacity));
  }

  get size(): number {
    return this.count;
  }

  clear(): void {
    this.count = 0;
  }

  push(p: number): void {
    const items = this.items;
    let i = this.count++;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const q = items[parent]!;
      if (!this.before(p, q)) break;
      items[i] = q;
      i = parent;
    }
    items[i] = p;
  }

  /** The first position, without removing it; the heap must not be empty. */
  peek(): number {
    return this.items[0]!;
  }

  /** Removes and returns the first position; the heap must not be empty. */
  pop(): number {
    const items = this.items;
    const top = items[0]!;
    const last = items[--this.count]!;
    const n = this.count;
    let i = 0;
    for (;;) {
      let child = 2 * i + 1;
      if (child >= n) break;
      const right = child + 1;
      if (right < n && this.before(items[right]!, items[child]!)) child = right;
      const c = items[child]!;
      if (!this.before(c, last)) break;
      items[i] = c;
      i = child;
    }
    if (n > 0) items[i] = last;
    return top;
  }
}
