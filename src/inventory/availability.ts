import type { ChannelId } from '../domain/ids';
import type { Inbound, Position } from '../domain/inventory';
import type { Node } from '../domain/network';
import { fenceFor, fencesOf, unusedFence } from './fences';

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
  /** The channel promising; absent: any channel, ring-fences ignored (the node's whole free stock)… */
  readonly channel?: ChannelId | undefined;
  /** …unless this is set: then a promise for no channel keeps every channel's fence (holds and transfers do). */
  readonly keepFences?: boolean | undefined;
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
  if ((query.channel !== undefined || query.keepFences) && node) terms.push(...fenceTerms(position, node, query.channel, sum(terms)));
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

/** Other channels' unused fences, and the cap of the channel's own `stop` fence. No channel: every fence is another's. */
function fenceTerms(position: Position, node: Node, channel: ChannelId | undefined, free: number): AtpTerm[] {
  const terms: AtpTerm[] = [];
  for (const fence of fencesOf(node, position.sku)) {
    if (fence.channel === channel) continue;
    const keep = unusedFence(fence, position);
    if (keep > 0) terms.push({ term: `kept for channel ${fence.channel}`, units: -keep });
  }
  const own = channel === undefined ? undefined : fenceFor(node, channel, position.sku);
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
