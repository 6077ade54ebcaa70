import type { Position } from '../domain/inventory';
import type { Node, RingFence } from '../domain/network';
import { own } from '../domain/state';

/**
 * The ring-fence that applies to a channel for a SKU at a node: the SKU's own, else the node-wide one.
 *
 * @example
 * ```ts
 * fenceFor(node, 'store', 'tee-m') // { channel: 'store', share: 0.2, whenExhausted: 'pool' }
 * ```
 */
export function fenceFor(node: Node, channel: string, sku: string): RingFence | undefined {
  const fences = node.ringFences ?? [];
  return fences.find((f) => f.channel === channel && f.sku === sku) ?? fences.find((f) => f.channel === channel && f.sku === undefined);
}

/**
 * The fences that apply to one SKU at a node, one per fenced channel, sorted by channel.
 *
 * @example
 * ```ts
 * fencesOf(node, 'tee-m') // [{ channel: 'store', share: 0.2, … }]
 * ```
 */
export function fencesOf(node: Node | undefined, sku: string): RingFence[] {
  if (!node?.ringFences?.length) return [];
  const channels = [...new Set(node.ringFences.map((f) => f.channel))].sort();
  return channels.flatMap((c) => {
    const fence = fenceFor(node, c, sku);
    return fence ? [fence] : [];
  });
}

/**
 * A fence's size in units at a position: a fixed quantity, or a share of on hand net of safety.
 *
 * @example
 * ```ts
 * fenceSize({ channel: 'store', share: 0.29, whenExhausted: 'pool' }, { onHand: 100, safety: 0 }) // 29
 * ```
 */
export function fenceSize(fence: RingFence, position: Pick<Position, 'onHand' | 'safety'>): number {
  if (fence.quantity !== undefined) return fence.quantity;
  const units = (fence.share ?? 0) * Math.max(0, position.onHand - position.safety);
  // A product can land a hair under the whole number it stands for (0.29 × 100 = 28.999…96):
  // floor it with a relative tolerance far above rounding error, far below any real fraction.
  return Math.floor(units * (1 + 1e-14));
}

/**
 * Units of a channel's fence it has not used yet: its size less what the channel holds.
 *
 * @example
 * ```ts
 * unusedFence(fence, position) // 6
 * ```
 */
export function unusedFence(fence: RingFence, position: Pick<Position, 'onHand' | 'safety' | 'channels'>): number {
  const used = own(position.channels ?? {}, fence.channel) ?? 0;
  return Math.max(0, fenceSize(fence, position) - used);
}

/**
 * What fences forbid after units were taken at a position, or undefined when they allow it. Units
 * free to promise must cover every other channel's unused fence; a channel with a `stop` fence may
 * not hold more than its fence. `takers` are the channels that took units (none: an unfenced hold).
 * Stores apply this with their stored counters, so concurrent holds cannot overdraw a fence.
 *
 * @example
 * ```ts
 * fenceFailure(position, fences, ['web']) // 'would take units kept for channel store'
 * ```
 */
export function fenceFailure(position: Position, fences: readonly RingFence[], takers: readonly string[]): string | undefined {
  let keep = 0;
  const kept: string[] = [];
  for (const fence of fences) {
    if (takers.includes(fence.channel)) {
      const held = own(position.channels ?? {}, fence.channel) ?? 0;
      if (fence.whenExhausted === 'stop' && held > fenceSize(fence, position)) return `channel ${fence.channel} would go beyond its fence`;
      continue;
    }
    const unused = unusedFence(fence, position);
    if (unused > 0) {
      keep += unused;
      kept.push(fence.channel);
    }
  }
  const free = position.onHand - position.reserved - position.allocated - position.safety;
  return free < keep ? `would take units kept for channel ${kept.join(', ')}` : undefined;
}
