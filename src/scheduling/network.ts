import { z } from 'zod';
import { LIMITS } from '../domain/limits';
import { Node, type NodeInput } from '../domain/network';
import { Calendar, type CalendarInput, Departure } from '../domain/schedule';

/**
 * What scheduling knows of the network: nodes (time zone, calendar, processing profile) and the
 * calendars they and their carriers name. A calendar named but not given counts as always open.
 *
 * @example
 * ```ts
 * SchedulingNetwork.parse({ nodes: [{ id: 'hub', timeZone: 'Asia/Shanghai', calendar: 'hub-week' }], calendars: [hubWeek] })
 * ```
 */
export const SchedulingNetwork = z.object({
  nodes: z.array(Node).max(LIMITS.collection).superRefine(uniqueIds('node')),
  calendars: z.array(Calendar).max(LIMITS.collection).superRefine(uniqueIds('calendar')).default([]),
});
/** A scheduling network with defaults applied. */
export type SchedulingNetwork = z.infer<typeof SchedulingNetwork>;
/** A scheduling network as the host writes it (defaults may be left out). */
export interface SchedulingNetworkInput {
  readonly nodes: readonly NodeInput[];
  readonly calendars?: readonly CalendarInput[];
}

/** Departures as planning and promising take them, each id once. */
export const Departures = z.array(Departure).max(100_000).superRefine(uniqueIds('departure'));

/**
 * Refuses a second item with the same id, naming it at `[i, 'id']`.
 *
 * @example
 * ```ts
 * z.array(Departure).superRefine(uniqueIds('departure'))
 * ```
 */
export function uniqueIds(what: string) {
  return (items: readonly { readonly id: string }[], ctx: z.RefinementCtx) => {
    const seen = new Set<string>();
    items.forEach((item, i) => {
      if (seen.has(item.id)) ctx.addIssue({ code: 'custom', message: `${what} ${item.id} is given twice`, path: [i, 'id'] });
      seen.add(item.id);
    });
  };
}

/** Calendars by id (own properties only: an id such as `constructor` finds nothing inherited). */
export function calendarsById(calendars: readonly Calendar[]): Readonly<Record<string, Calendar>> {
  const out: Record<string, Calendar> = Object.create(null);
  for (const c of calendars) out[c.id] = c;
  return out;
}

/** Departures grouped by node, in input order. */
export function departuresByNode(departures: readonly Departure[]): Map<string, Departure[]> {
  const out = new Map<string, Departure[]>();
  for (const d of departures) {
    const list = out.get(d.node);
    if (list) list.push(d);
    else out.set(d.node, [d]);
  }
  return out;
}
