import type { z } from 'zod';
import { CalendarId, DepartureId, NodeId, type OrderId } from '../domain/ids';
import { parse } from '../domain/parse';
import type { Order } from '../domain/order';
import type { Calendar, CalendarInput, Departure, DepartureInput } from '../domain/schedule';
import { own, type Versioned } from '../domain/state';
import { instantMs } from '../domain/time';
import { planRelease as planReleaseOf, type ReleasePlan } from '../scheduling/plan-release';
import { ReleasePolicy, type ReleasePolicyInput } from '../scheduling/policy';
import { type DeliveryPromise, promise as promiseOf } from '../scheduling/promise';
import { PromisePolicy, type PromisePolicyInput } from '../scheduling/promise-input';
import { type CutoffRisk, cutoffRisks } from '../scheduling/risk';
import * as commands from './commands';
import { type CommandSpec, execute, type RuntimeEnv } from './executor';
import {
  AtRiskInput,
  CancelDepartureInput,
  DefineCalendarInput,
  DefineDepartureInput,
  DelayDepartureInput,
  PlanReleaseInput,
  PromiseInput,
  ReleaseDueInput,
} from './scheduling-inputs';
import { loadOrdersInStatus, loadPromiseStock, loadScheduledDepartures, loadWorld, releaseOrderOf } from './scheduling-world';

/** Schedules recorded per commit by `planRelease`. */
const SCHEDULE_BATCH = 500;

/** What `planRelease` did: the plan, and how many orders got a new schedule. */
export interface ReleasePlanReport extends ReleasePlan {
  /** Orders whose recorded schedule changed (`OrderScheduled` events committed). */
  readonly scheduled: number;
}

/** What `releaseDue` did. */
export interface ReleaseDueReport {
  /** Orders handed to the warehouse (`OrderReleased`), earliest planned release first. */
  readonly released: readonly OrderId[];
}

/** Calendars, departures, release planning, the cutoff risk monitor and delivery promises. */
export interface SchedulingCommands {
  /** Defines (or redefines) a working calendar: shifts per weekday, holidays, in an IANA zone. */
  defineCalendar(input: CalendarInput): Promise<Versioned<Calendar>>;
  /** Defines (or redefines) a departure: a one-off sailing, flight or truck, or a recurring pick-up. */
  defineDeparture(input: DepartureInput): Promise<Versioned<Departure>>;
  /** Moves a one-off departure: ETD, cutoffs and ETA (shifted together unless given). */
  delayDeparture(input: z.input<typeof DelayDepartureInput>): Promise<Versioned<Departure>>;
  /** Cancels a one-off departure, or one date of a recurring pick-up. Re-plan with `planRelease`. */
  cancelDeparture(input: z.input<typeof CancelDepartureInput>): Promise<Versioned<Departure>>;
  /** Records that a one-off departure left. */
  markDeparted(departure: string): Promise<Versioned<Departure>>;
  /** The calendar, or undefined. */
  getCalendar(id: string): Promise<Versioned<Calendar> | undefined>;
  /** A node's live departures (recurring pick-ups, and one-offs not cancelled or departed). */
  getDepartures(node: string): Promise<Versioned<Departure>[]>;
  /**
   * Plans the release of every reserved order (or those of some nodes): the departure each should
   * make, its latest release, which to release now and which to hold, within each node's throughput
   * (see the pure `planRelease`). Records each changed schedule on its order (`OrderScheduled`);
   * `releaseDue` then releases them when their time comes. Run it again after a departure is
   * delayed or cancelled or capacity drops (`capacity: { hub: { factor: 0.5 } }`).
   */
  planRelease(input?: z.input<typeof PlanReleaseInput>): Promise<ReleasePlanReport>;
  /** Releases every reserved order whose planned release is at or before `now`, emitting `OrderReleased`. */
  releaseDue(input?: z.input<typeof ReleaseDueInput>): Promise<ReleaseDueReport>;
  /** Orders at risk of missing their cutoff (slack under the threshold, or negative), with the reason, most urgent first. */
  atRisk(input?: z.input<typeof AtRiskInput>): Promise<CutoffRisk[]>;
  /** The earliest delivery date per node for a cart, and the one to offer, with traces (see the pure `promise`). */
  promise(input: z.input<typeof PromiseInput>): Promise<DeliveryPromise>;
}

/**
 * A call's policy over the runtime's: the fields the call gives win, the rest come from the
 * runtime's `policies` (then the defaults). The call's input was validated already.
 */
function overridden<S extends z.ZodType>(schema: S, base: object | undefined, call: object | undefined, where: string): z.infer<S> {
  return parse(schema, { ...(base ?? {}), ...(call ?? {}) }, where);
}

/** The policies scheduling runs with by default. */
export interface SchedulingPolicies {
  readonly release?: ReleasePolicyInput;
  readonly promise?: PromisePolicyInput;
}

/**
 * The scheduling part of the runtime, over the same environment as every other command.
 *
 * @example
 * ```ts
 * const scheduling = schedulingCommands(env, { release: { consolidate: 'departure' } })
 * await scheduling.planRelease()
 * ```
 */
export function schedulingCommands(env: RuntimeEnv, policies: SchedulingPolicies = {}): SchedulingCommands {
  const { tenant, store } = env;
  const releasePolicy = parse(ReleasePolicy, policies.release ?? {}, 'createFulfillment.policies.release');
  parse(PromisePolicy, policies.promise ?? {}, 'createFulfillment.policies.promise');
  const run = async <S extends z.ZodType, R>(spec: CommandSpec<z.infer<S>, R>, schema: S, input: unknown): Promise<R> => execute(env, spec, parse(schema, input, spec.name));
  // A call given `now` decides at that instant, whatever the runtime's clock says.
  const at = (now: string | number | Date | undefined) => (now === undefined ? env.clock.now() : instantMs(now));
  const fixed = (ms: number): RuntimeEnv => ({ ...env, clock: { now: () => ms } });

  return {
    defineCalendar: (input) => run(commands.defineCalendar, DefineCalendarInput, input),
    defineDeparture: (input) => run(commands.defineDeparture, DefineDepartureInput, input),
    delayDeparture: (input) => run(commands.delayDeparture, DelayDepartureInput, input),
    cancelDeparture: (input) => run(commands.cancelDeparture, CancelDepartureInput, input),
    markDeparted: async (departure) => execute(env, commands.markDeparted, { departure: parse(DepartureId, departure, 'markDeparted.departure') }),
    getCalendar: async (id) => {
      const calendarId = parse(CalendarId, id, 'getCalendar');
      return own((await store.load(tenant, { calendars: [calendarId] })).calendars, calendarId);
    },
    getDepartures: async (node) => {
      const slice = await store.load(tenant, { departuresOfNodes: [parse(NodeId, node, 'getDepartures.node')] });
      return Object.values(slice.departures).sort((a, b) => (a.id < b.id ? -1 : 1));
    },
    planRelease: async (input = {}) => {
      const q = parse(PlanReleaseInput, input, 'planRelease');
      const now = at(q.now);
      const inScope = (o: Order) => o.node !== undefined && (!q.nodes || q.nodes.includes(o.node));
      const waiting = (await loadOrdersInStatus(store, tenant, ['reserved'], q.limit)).filter(inScope);
      // Orders in the warehouse are re-planned only when their departure was cancelled or moved.
      const inWarehouse = (await loadOrdersInStatus(store, tenant, ['released', 'picking', 'packed'], q.limit)).filter(inScope);
      const stale = new Set(cutoffRisks(inWarehouse, await loadScheduledDepartures(store, tenant, inWarehouse), now, 0).flatMap((r) => (r.replan ? [r.order] : [])));
      const orders = [...waiting.map(releaseOrderOf), ...inWarehouse.filter((o) => stale.has(o.id)).map((o) => ({ ...releaseOrderOf(o), released: true }))];
      const nodeIds = [...new Set(orders.map((o) => o.node))].sort() as NodeId[];
      const world = await loadWorld(store, tenant, nodeIds);
      const policy = overridden(ReleasePolicy, policies.release, input.policy, 'planRelease.policy');
      const plan = planReleaseOf(orders, { nodes: world.nodes, calendars: world.calendars }, world.departures, q.capacity, now, policy);
      const planned = plan.orders.flatMap((p) => (p.schedule ? [{ order: p.order as OrderId, schedule: p.schedule }] : []));
      let scheduled = 0;
      for (let i = 0; i < planned.length; i += SCHEDULE_BATCH) scheduled += await execute(fixed(now), commands.scheduleOrders, { planned: planned.slice(i, i + SCHEDULE_BATCH) });
      return { ...plan, scheduled };
    },
    releaseDue: async (input = {}) => {
      const q = parse(ReleaseDueInput, input, 'releaseDue');
      const now = at(q.now);
      const released: OrderId[] = [];
      for (;;) {
        const due = await store.findDueReleases(tenant, new Date(now).toISOString(), q.batchSize);
        if (due.length === 0) break;
        const batch = await execute(fixed(now), commands.releaseBatch, { due });
        released.push(...batch);
        // Everything found had moved on (released or cancelled by someone else): nothing left to do.
        if (batch.length === 0) break;
      }
      return { released };
    },
    atRisk: async (input = {}) => {
      const q = parse(AtRiskInput, input, 'atRisk');
      const orders = await loadOrdersInStatus(store, tenant, ['reserved', 'released', 'picking', 'packed'], q.limit);
      const departures = await loadScheduledDepartures(store, tenant, orders);
      return cutoffRisks(orders, departures, at(q.now), q.slackMinutes ?? releasePolicy.riskSlackMinutes);
    },
    promise: async (input) => {
      const q = parse(PromiseInput, input, 'promise');
      const now = at(q.now);
      const skus = [...new Set(q.cart.lines.map((l) => l.sku))];
      const { nodeIds, stock } = await loadPromiseStock(store, tenant, skus, q.cart.channel, now);
      const world = await loadWorld(store, tenant, nodeIds);
      const policy = overridden(PromisePolicy, policies.promise, input.policy, 'promise.policy');
      return promiseOf(q.cart, q.address, { nodes: world.nodes, calendars: world.calendars }, stock, world.departures, now, policy);
    },
  };
}
