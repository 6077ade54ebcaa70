import { isLiveDeparture, releaseDueAt } from '../../src/index';

/**
 * Live departures by node (`SliceKeys.departuresOfNodes`), maintained on every departure write.
 * It remembers the node each indexed departure sits at, so a departure redefined onto another
 * node, cancelled or departed leaves its old node's set without a scan.
 *
 * @example
 * ```ts
 * const live = new LiveDepartures()
 * live.track({ id: 'ups-1', node: 'berlin', kind: 'recurring', status: 'active' })
 * [...live.of('berlin')] // ['ups-1']
 * ```
 */
export class LiveDepartures {
  private readonly byNode = new Map<string, Set<string>>();
  private readonly nodeOf = new Map<string, string>();

  /** Files the departure as it is now written. */
  track(departure: { readonly id: string; readonly node: string; readonly kind: 'one-off' | 'recurring'; readonly status: string }): void {
    const was = this.nodeOf.get(departure.id);
    if (was !== undefined) {
      const set = this.byNode.get(was);
      set?.delete(departure.id);
      // An empty set would keep a node's entry for ever once its last departure left.
      if (set?.size === 0) this.byNode.delete(was);
      this.nodeOf.delete(departure.id);
    }
    if (!isLiveDeparture(departure)) return;
    const set = this.byNode.get(departure.node) ?? new Set<string>();
    this.byNode.set(departure.node, set.add(departure.id));
    this.nodeOf.set(departure.id, departure.node);
  }

  /** The ids of the node's live departures. */
  of(node: string): Iterable<string> {
    return this.byNode.get(node) ?? [];
  }
}

/**
 * Orders waiting for release (`releaseDueAt` defined), kept sorted by release instant (ms), then
 * id, so `findDueReleases` reads only the due prefix: a binary search finds where an order goes
 * or sits, and a query walks from the start until the first order not yet due. Orders released,
 * cancelled or unscheduled are not in it at all.
 *
 * @example
 * ```ts
 * const queue = new ReleaseQueue()
 * queue.track({ id: 'o-1', status: 'reserved', schedule: { releaseAt: '2026-03-27T13:30:00.000Z' } })
 * queue.due(Date.parse('2026-03-28T00:00:00.000Z'), 10) // ['o-1']
 * ```
 */
export class ReleaseQueue {
  /** Each waiting order's release instant, to find its slot when it changes or leaves. */
  private readonly atOf = new Map<string, number>();
  private readonly sorted: { readonly at: number; readonly id: string }[] = [];

  /** Files the order as it is now written: in the queue at its release instant, or out of it. */
  track(order: { readonly id: string; readonly status: string; readonly schedule?: { readonly releaseAt: string } | undefined }): void {
    const was = this.atOf.get(order.id);
    const due = releaseDueAt(order);
    const at = due === undefined ? undefined : Date.parse(due);
    if (was === at) return;
    if (was !== undefined) {
      this.sorted.splice(this.slot(was, order.id), 1);
      this.atOf.delete(order.id);
    }
    if (at === undefined || Number.isNaN(at)) return;
    this.sorted.splice(this.slot(at, order.id), 0, { at, id: order.id });
    this.atOf.set(order.id, at);
  }

  /** Waiting orders due at or before `by` (ms), earliest first, then by id, at most `limit`. */
  due(by: number, limit: number): string[] {
    const out: string[] = [];
    for (const entry of this.sorted) {
      if (out.length >= limit || entry.at > by) break;
      out.push(entry.id);
    }
    return out;
  }

  /** The index of the first entry not before (at, id). */
  private slot(at: number, id: string): number {
    let lo = 0;
    let hi = this.sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const e = this.sorted[mid]!;
      if (e.at < at || (e.at === at && e.id < id)) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}
