import type { ChannelId } from '../domain/ids';
import type { Inbound, Position } from '../domain/inventory';
import type { Node, RingFence } from '../domain/network';
import { own } from '../domain/state';

/** One term of an ATP figure: what it is and how many units it adds (or, negative, takes). */
export interface AtpTerm {
  readonly term: string;
  readonly units: number;
}

/** Units available to promise, with the terms that make them up (they sum to `available` before the floor at 0). */
export interface AtpFigure {
  readonly available: number;
  readonly terms: readonly AtpTerm[];
}

/** What an ATP figure is asked for. */
export interface AtpQuery {
  /** The channel promising; absent: any channel, ring-fences ignored (the node's whole free stock). */
  readonly channel?: ChannelId | undefined;
  /** The node's calendar date today: lots expiring before it are not available. */
  readonly today: string;
  /** For time-phased ATP: count open inbound expected by this instant (ms). */
  readonly by?: number | undefined;
  /** The node's open inbound of the SKU, for time-phased ATP. */
  readonly inbound?: readonly Inbound[] | undefined;
}

/**
 * Units that can still be promised from a position: on hand − reserved − allocated − safety, less
 * the free units of expired lots and what other channels' ring-fences keep, plus (time-phased) open
 * inbound due by `by`. Never below zero; each term is listed.
 *
 * @example
 * ```ts
 * positionAtp(position, node, { channel: 'web', today: '2026-03-27' })
 * // { available: 5, terms: [{ term: 'on hand', units: 10 }, { term: 'reserved', units: -3 }, …] }
 * ```
 */
export function positionAtp(position: Position, node: Node | undefined, query: AtpQuery): AtpFigure {
  const terms: AtpTerm[] = [
    { term: 'on hand', units: position.onHand },
    { term: 'reserved', units: -position.reserved },
    { term: 'allocated', units: -position.allocated },
    { term: 'safety stock', units: -position.safety },
  ];
  const expired = expiredFreeUnits(position, query.today);
  if (expired > 0) terms.push({ term: 'expired lots', units: -expired });
  for (const inbound of query.by === undefined ? [] : dueInbound(query.inbound ?? [], query.by)) {
    terms.push({ term: `${inbound.kind} ${inbound.id} due ${inbound.expectedAt.slice(0, 10)}`, units: inbound.quantity - inbound.received });
  }
  if (query.channel !== undefined && node) terms.push(...fenceTerms(position, node, query.channel, sum(terms)));
  return { available: Math.max(0, sum(terms)), terms: terms.filter((t) => t.units !== 0 || t.term === 'on hand') };
}

/**
 * Units available to promise from a position, ignoring channels and inbound: the figure every hold
 * is guarded by. Never below zero.
 *
 * @example
 * ```ts
 * availableToPromise({ onHand: 10, reserved: 3, allocated: 0, safety: 2 }) // 5
 * ```
 */
export function availableToPromise(p: Pick<Position, 'onHand' | 'reserved' | 'allocated' | 'safety'>): number {
  return Math.max(0, p.onHand - p.reserved - p.allocated - p.safety);
}

/**
 * Units on hand not yet promised to anyone, ignoring safety stock. A negative adjustment may not
 * take this below zero: that would lose units someone holds.
 *
 * @example
 * ```ts
 * unpromisedOnHand({ onHand: 10, reserved: 3, allocated: 1 }) // 6
 * ```
 */
export function unpromisedOnHand(p: Pick<Position, 'onHand' | 'reserved' | 'allocated'>): number {
  return p.onHand - p.reserved - p.allocated;
}

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

/** The fence's size in units at this position: a fixed quantity, or a share of on hand net of safety. */
function fenceSize(fence: RingFence, position: Position): number {
  if (fence.quantity !== undefined) return fence.quantity;
  const units = (fence.share ?? 0) * Math.max(0, position.onHand - position.safety);
  // A product can land a hair under the whole number it stands for (0.29 × 100 = 28.999…96):
  // floor it with a relative tolerance far above rounding error, far below any real fraction.
  return Math.floor(units * (1 + 1e-14));
}

/** Units of a channel's fence it has not used yet. */
function unusedFence(fence: RingFence, position: Position): number {
  const used = own(position.channels ?? {}, fence.channel) ?? 0;
  return Math.max(0, fenceSize(fence, position) - used);
}

function fenceTerms(position: Position, node: Node, channel: ChannelId, free: number): AtpTerm[] {
  const fencedChannels = [...new Set((node.ringFences ?? []).map((f) => f.channel))].sort();
  const terms: AtpTerm[] = [];
  for (const other of fencedChannels) {
    if (other === channel) continue;
    const fence = fenceFor(node, other, position.sku);
    const keep = fence ? unusedFence(fence, position) : 0;
    if (keep > 0) terms.push({ term: `kept for channel ${other}`, units: -keep });
  }
  const own = fenceFor(node, channel, position.sku);
  if (own?.whenExhausted === 'stop') {
    const left = free + sum(terms);
    const cap = unusedFence(own, position);
    if (left > cap) terms.push({ term: `beyond the fence of channel ${channel}`, units: -(left - cap) });
  }
  return terms;
}

function expiredFreeUnits(position: Position, today: string): number {
  let units = 0;
  for (const lot of Object.values(position.lots ?? {})) {
    if (lot.expiresOn !== undefined && lot.expiresOn < today) units += Math.max(0, lot.onHand - lot.reserved);
  }
  return units;
}

function dueInbound(inbound: readonly Inbound[], by: number): Inbound[] {
  return inbound
    .filter((i) => i.status === 'open' && Date.parse(i.expectedAt) <= by && i.quantity > i.received)
    .sort((a, b) => (a.expectedAt < b.expectedAt ? -1 : a.expectedAt > b.expectedAt ? 1 : a.id < b.id ? -1 : 1));
}

function sum(terms: readonly AtpTerm[]): number {
  return terms.reduce((s, t) => s + t.units, 0);
}
