import { daysBetween } from '../domain/dates';
import type { NodeId } from '../domain/ids';
import type { Node } from '../domain/network';
import type { Calendar, Departure } from '../domain/schedule';
import { nowArgument, parseArgument } from '../routing/validate';
import { addWorkingTime, workingTime } from './calendar';
import { leadTimeMinutes } from './lead-time';
import { calendarsById, Departures, departuresByNode, SchedulingNetwork, type SchedulingNetworkInput } from './network';
import { departureOccurrences } from './occurrences';
import { serves } from './policy';
import { PromiseAddress, PromiseCart, type PromiseCartInput, PromisePolicy, type PromisePolicyInput, type PromiseStock, type PromiseStockInput, PromiseStocks } from './promise-input';
import { stockReady } from './stock-ready';
import { arrivalOf } from './transit';

const DAY = 86_400_000;

/** What one node could promise for the cart (or one line of it), with how it got there. */
export interface NodePromise {
  readonly node: NodeId;
  /** Local delivery date; absent when the node cannot ship within the horizon. */
  readonly deliveryDate?: string;
  readonly departure?: string;
  readonly carrier?: string;
  readonly cutoff?: string;
  readonly departsAt?: string;
  /** When the stock is there: now, or the inbound that completes it. */
  readonly stockAt?: string;
  /** Stock there, released at once, ready at the dock after the lead time on working hours. */
  readonly readyAt?: string;
  readonly trace: readonly string[];
}

/** The date offered: from one node, or, split, line by line. */
export interface OfferedPromise {
  readonly deliveryDate: string;
  readonly split: boolean;
  /** The node shipping everything, when not split. */
  readonly node?: NodeId;
  readonly departure?: string;
  /** Per line, when split: its node and date. */
  readonly lines?: readonly { readonly sku: string; readonly quantity: number; readonly node: NodeId; readonly deliveryDate: string; readonly departure: string }[];
}

/** A delivery promise: the offer (if any), every node's candidate and why. */
export interface DeliveryPromise {
  readonly offered?: OfferedPromise;
  /** Every eligible node, the feasible ones by delivery date first. */
  readonly candidates: readonly NodePromise[];
  readonly trace: readonly string[];
}

/**
 * The earliest delivery date per candidate node and the one offered. For each node that can ship
 * (active, `ship` capability, serving the channel): when its stock covers the cart (ATP now, or
 * inbound by date), when it is ready at the dock (processing lead time on its working hours), the
 * first departure of a fitting service whose cutoff it makes, and the arrival (ETA, or transit in
 * business or calendar days to the address's lane). The offer is the earliest date (then earliest
 * departure, node rank, id); if no node can ship it all and the policy allows, the latest of each
 * line's best date, split. Lead times and cutoffs count; the queue of work ahead does not
 * (`planRelease` plans that). Pure; throws `ValidationError` with issue paths on bad input.
 *
 * @example
 * ```ts
 * const p = promise({ lines: [{ sku: 'tee', quantity: 2 }] }, { country: 'DE' }, network,
 *   [{ node: 'berlin', sku: 'tee', available: 40 }], departures, '2026-03-27T09:00:00Z')
 * p.offered // { deliveryDate: '2026-03-30', node: 'berlin', departure: 'dhl@2026-03-27', split: false }
 * ```
 */
export function promise(
  cart: PromiseCartInput,
  address: PromiseAddress,
  network: SchedulingNetworkInput,
  availability: readonly PromiseStockInput[],
  departures: readonly unknown[],
  now: number | string,
  policy: PromisePolicyInput = {},
): DeliveryPromise {
  const where = 'promise';
  const c = parseArgument(PromiseCart, cart, where, 'cart');
  const a = parseArgument(PromiseAddress, address, where, 'address');
  const net = parseArgument(SchedulingNetwork, network, where, 'network');
  const stock = parseArgument(PromiseStocks, availability, where, 'availability');
  const deps = parseArgument(Departures, departures, where, 'departures');
  const at = nowArgument(now, where);
  const p = parseArgument(PromisePolicy, policy, where, 'policy');

  const calendars = calendarsById(net.calendars);
  const byNode = departuresByNode(deps);
  const stockByNode = new Map<string, Map<string, PromiseStock>>();
  for (const s of stock) {
    if (!stockByNode.has(s.node)) stockByNode.set(s.node, new Map());
    stockByNode.get(s.node)!.set(s.sku, s);
  }
  const eligible = net.nodes
    .filter((n) => n.active && n.capabilities.includes('ship') && (!c.channel || !n.channels || n.channels.includes(c.channel)))
    .sort((x, y) => x.rank - y.rank || (x.id < y.id ? -1 : 1));
  const ctx: NodeContext = { calendars, byNode, stockByNode, at, until: at + p.horizonDays * DAY, policy: p, address: a, serviceLevel: c.serviceLevel };
  const whole = eligible.map((n) => nodePromise(n, c.lines, ctx));
  const ranked = rank(whole, eligible);
  const trace = [`${eligible.length} node(s) can ship ${c.serviceLevel} to ${a.country}${a.postalCode ? ` ${a.postalCode}` : ''}`];
  const best = ranked.find((x) => x.deliveryDate !== undefined);
  if (best) {
    trace.push(`offered ${best.deliveryDate} from ${best.node} on ${best.departure}`);
    return { offered: { deliveryDate: best.deliveryDate!, split: false, node: best.node, departure: best.departure! }, candidates: ranked, trace };
  }
  if (!p.split || c.lines.length < 2) return { candidates: ranked, trace: [...trace, 'no node can ship the whole cart within the horizon'] };
  const lines: NonNullable<OfferedPromise['lines']>[number][] = [];
  for (const line of c.lines) {
    const options = rank(eligible.map((n) => nodePromise(n, [line], ctx)), eligible);
    const first = options.find((x) => x.deliveryDate !== undefined);
    if (!first) return { candidates: ranked, trace: [...trace, `no node can ship ${line.quantity} x ${line.sku} within the horizon`] };
    lines.push({ sku: line.sku, quantity: line.quantity, node: first.node, deliveryDate: first.deliveryDate!, departure: first.departure! });
  }
  const date = lines.reduce((m, l) => (l.deliveryDate > m ? l.deliveryDate : m), lines[0]!.deliveryDate);
  trace.push(`no single node has it all: split over ${new Set(lines.map((l) => l.node)).size} node(s), offered ${date}`);
  return { offered: { deliveryDate: date, split: true, lines }, candidates: ranked, trace };
}

interface NodeContext extends DeliveryContext {
  readonly stockByNode: ReadonlyMap<string, ReadonlyMap<string, PromiseStock>>;
  readonly at: number;
}

function nodePromise(node: Node, lines: PromiseCart['lines'], ctx: NodeContext): NodePromise {
  const ready = stockReady(lines, ctx.stockByNode.get(node.id) ?? new Map(), ctx.at, ctx.until);
  if (ready.at === undefined) return { node: node.id, trace: [...ready.notes, 'stock does not cover the cart within the horizon'] };
  const size = { lines: lines.length, units: lines.reduce((s, l) => s + l.quantity, 0) };
  const delivery = deliveryFrom(node, size, ready.at, ctx);
  return { ...delivery, stockAt: iso(ready.at), trace: [...ready.notes, ...delivery.trace] };
}

/** What the delivery from a node depends on besides its stock. */
export interface DeliveryContext {
  readonly calendars: Readonly<Record<string, Calendar>>;
  /** Departures by node. */
  readonly byNode: ReadonlyMap<string, readonly Departure[]>;
  /** The latest instant looked at (the horizon's end). */
  readonly until: number;
  readonly policy: Pick<PromisePolicy, 'serviceLevels' | 'cutoffKinds'>;
  readonly address: PromiseAddress | undefined;
  readonly serviceLevel: PromiseCart['serviceLevel'];
}

/**
 * The earliest delivery from a node for work of a size that can start at `start` (stock there):
 * ready after the processing lead time on the node's working hours, on the first departure of a
 * fitting service whose cutoff that makes, arriving by ETA or transit. Routing uses it for its
 * lateness input, the promise engine for each candidate.
 *
 * @example
 * ```ts
 * deliveryFrom(node, { lines: 1, units: 2 }, now, { calendars, byNode, until: now + 30 * DAY, policy, address, serviceLevel: 'standard' }).deliveryDate
 * ```
 */
export function deliveryFrom(node: Node, size: { readonly lines: number; readonly units: number }, start: number, ctx: DeliveryContext): NodePromise {
  const nodeCalendar = node.calendar === undefined ? undefined : ctx.calendars[node.calendar];
  const lead = leadTimeMinutes(node.processing, size);
  const readyAt = addWorkingTime(workingTime(nodeCalendar), start, lead * 60_000);
  if (readyAt === undefined) return { node: node.id, trace: ['the node does not open within the horizon'] };
  const trace = [`lead time ${lead} working min: ready ${iso(readyAt)}`];
  const window = { from: readyAt, to: ctx.until, ...(ctx.policy.cutoffKinds ? { cutoffKinds: ctx.policy.cutoffKinds } : {}) };
  const occurrences = departureOccurrences(ctx.byNode.get(node.id) ?? [], ctx.calendars, node.timeZone, window, nodeCalendar).filter((o) => serves(o.departure.serviceLevel, ctx.serviceLevel, ctx.policy.serviceLevels));
  // The earliest arrival, not the earliest departure: a later express truck may beat an earlier economy one.
  let best: { o: (typeof occurrences)[number]; date: string; how: string } | undefined;
  for (const o of occurrences) {
    const arrival = arrivalOf(o, ctx.address, ctx.calendars, node.timeZone);
    if (!best || arrival.date < best.date) best = { o, date: arrival.date, how: arrival.how };
  }
  if (!best) return { node: node.id, readyAt: iso(readyAt), trace: [...trace, `no ${ctx.serviceLevel} departure after ${iso(readyAt)} within the horizon`] };
  const { o } = best;
  trace.push(`${o.ref} (${o.departure.carrier}, ${o.departure.serviceLevel}): ${o.cutoffKind} cutoff ${iso(o.cutoff)}, departs ${iso(o.departsAt)}`);
  trace.push(`delivery ${best.date}: ${best.how}`);
  return { node: node.id, deliveryDate: best.date, departure: o.ref, carrier: o.departure.carrier, cutoff: iso(o.cutoff), departsAt: iso(o.departsAt), readyAt: iso(readyAt), trace };
}

/** Feasible first, by date, then departure time, then the node's rank and id (`eligible` order). */
function rank(promises: NodePromise[], eligible: readonly Node[]): NodePromise[] {
  const order = new Map(eligible.map((n, i) => [n.id, i]));
  return [...promises].sort((x, y) => {
    if ((x.deliveryDate === undefined) !== (y.deliveryDate === undefined)) return x.deliveryDate === undefined ? 1 : -1;
    if (x.deliveryDate !== y.deliveryDate) return x.deliveryDate! < y.deliveryDate! ? -1 : 1;
    if (x.departsAt !== y.departsAt) return (x.departsAt ?? '') < (y.departsAt ?? '') ? -1 : 1;
    return order.get(x.node)! - order.get(y.node)!;
  });
}

function iso(ms: number): string {
  return new Date(ms).toISOString();
}

/**
 * Days from `today` to each node's promised delivery: routing's lateness input (`deliveryDays` of
 * a routing node). Nodes that cannot promise are left out.
 *
 * @example
 * ```ts
 * deliveryDaysByNode(promise(cart, address, network, stock, departures, now), '2026-03-27') // { berlin: 3, paris: 4 }
 * ```
 */
export function deliveryDaysByNode(result: DeliveryPromise, today: string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const c of result.candidates) if (c.deliveryDate !== undefined) out[c.node] = Math.max(0, daysBetween(today, c.deliveryDate));
  return out;
}
