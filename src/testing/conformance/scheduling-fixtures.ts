import { fold } from '../../decider/evolve';
import type { EventDraft, EventOf, FulfillmentEvent } from '../../domain/events';
import type { CalendarId, CarrierId, DepartureId, EventId, NodeId, OrderId, TenantId } from '../../domain/ids';
import type { Calendar, OneOffDeparture, RecurringDeparture, ReleaseSchedule } from '../../domain/schedule';
import type { FulfillmentState } from '../../domain/state';
import { planCommit } from '../../runtime/commit-plan';
import type { SliceKeys, Store } from '../../runtime/ports';
import { START } from './fixtures';

/** An ISO instant `minutes` after the suite's start. */
export const at = (minutes: number): string => new Date(START + minutes * 60_000).toISOString();

let eventCounter = 0;

/**
 * Commits events the way the runtime does: load the slice they touch, fold them onto it, plan the
 * commit (`planCommit`: whole entities guarded by the versions they were loaded at) and apply it.
 *
 * @example
 * ```ts
 * await commitEvents(store, tenant, { departures: ['d1'] }, [{ type: 'DepartureDeparted', payload: { departure: 'd1' } }])
 * ```
 */
export async function commitEvents(store: Store, tenant: TenantId, keys: SliceKeys, drafts: readonly EventDraft[]): Promise<FulfillmentState> {
  const before = await store.load(tenant, keys);
  const events = drafts.map((draft) => {
    eventCounter += 1;
    return { ...draft, id: `sched-${eventCounter}` as EventId, tenant, at: at(0), version: 1 } as FulfillmentEvent;
  });
  const after = fold(before, events);
  await store.commit(tenant, planCommit(before, after, events));
  return after;
}

/**
 * A one-off departure (a truck) at `node`, scheduled, every field the schema fills in given.
 *
 * @example
 * ```ts
 * const truck = oneOff('truck-1', 'n1')
 * ```
 */
export function oneOff(id: string, node: string, extra: Partial<OneOffDeparture> = {}): OneOffDeparture {
  return {
    id: id as DepartureId,
    node: node as NodeId,
    carrier: 'dhl' as CarrierId,
    mode: 'truck',
    serviceLevel: 'standard',
    transit: { days: 1, basis: 'business' },
    kind: 'one-off',
    departsAt: at(600),
    cutoffs: [{ kind: 'pickup', at: at(540) }],
    status: 'scheduled',
    ...extra,
  };
}

/**
 * A recurring weekday pick-up at `node`.
 *
 * @example
 * ```ts
 * const pickup = recurring('ups-daily', 'n1', { status: 'suspended' })
 * ```
 */
export function recurring(id: string, node: string, extra: Partial<RecurringDeparture> = {}): RecurringDeparture {
  return {
    id: id as DepartureId,
    node: node as NodeId,
    carrier: 'ups' as CarrierId,
    mode: 'parcel',
    serviceLevel: 'standard',
    transit: { days: 1, basis: 'business' },
    kind: 'recurring',
    weekdays: [0, 1, 2, 3, 4],
    at: '17:00',
    cutoffMinutes: 60,
    skipDates: [],
    status: 'active',
    ...extra,
  };
}

/**
 * A working calendar: weekdays 08:00–17:00 in Berlin.
 *
 * @example
 * ```ts
 * const cal = calendar('berlin-dc', ['2026-12-25'])
 * ```
 */
export function calendar(id: string, holidays: string[] = []): Calendar {
  const day = [{ from: '08:00', to: '17:00' }];
  return { id: id as CalendarId, timeZone: 'Europe/Berlin', week: [day, day, day, day, day, [], []], holidays };
}

/**
 * A release schedule putting an order on a departure, released at `releaseAt`.
 *
 * @example
 * ```ts
 * const schedule = releaseSchedule(at(60))
 * ```
 */
function releaseSchedule(releaseAt: string): ReleaseSchedule {
  return {
    node: 'n1' as NodeId,
    departure: 'truck-1',
    carrier: 'dhl' as CarrierId,
    cutoff: at(540),
    departsAt: at(600),
    latestReleaseAt: at(480),
    releaseAt,
    readyAt: at(500),
    onTime: true,
    plannedAt: at(0),
    reason: 'conformance',
  };
}

/**
 * The draft of an `OrderScheduled` event.
 *
 * @example
 * ```ts
 * await commitEvents(store, tenant, { orders: ['o-1'] }, [scheduled('o-1', at(60))])
 * ```
 */
export function scheduled(order: string, releaseAt: string): EventDraft {
  const payload: EventOf<'OrderScheduled'>['payload'] = { order: order as OrderId, schedule: releaseSchedule(releaseAt) };
  return { type: 'OrderScheduled', payload };
}
