import { fold } from '../../decider/evolve';
import { stableStringify } from '../../domain/fingerprint';
import type { JournalEntry } from '../../domain/events';
import type { NodeId, TenantId } from '../../domain/ids';
import { type FulfillmentState, initialState } from '../../domain/state';
import type { Fulfillment } from '../../runtime/fulfillment';
import type { SliceKeys, Store } from '../../runtime/ports';
import type { SuiteContext } from './suite';

/** The small network every conformance run uses. `constructor` is a SKU id on purpose. */
export const NODES = ['n1', 'n2'] as const;
export const SKUS = ['a', 'b', 'constructor'] as const;
export const START = Date.parse('2026-03-27T08:00:00.000Z');

let counter = 0;
/**
 * A tenant no other test uses, so suites can share one database or Redis server.
 *
 * @example
 * ```ts
 * const ff = createFulfillment({ store, tenant: uniqueTenant('race') })
 * ```
 */
export function uniqueTenant(prefix = 't'): TenantId {
  counter += 1;
  const pid = typeof process === 'undefined' ? 0 : process.pid;
  return `${prefix}-${pid}-${counter}-${Math.floor(Math.random() * 1e9).toString(36)}` as TenantId;
}

/** Defines the nodes and SKUs of the conformance network. */
export async function defineWorld(ff: Fulfillment): Promise<void> {
  for (const id of NODES) await ff.defineNode({ id });
  for (const id of SKUS) await ff.defineSku({ id });
}

/** Every key the journal mentions, so the stored state can be loaded whole. */
export function keysOf(state: FulfillmentState): SliceKeys {
  return {
    nodes: Object.keys(state.nodes) as SliceKeys['nodes'] & string[],
    skus: Object.keys(state.skus) as SliceKeys['skus'] & string[],
    orders: Object.keys(state.orders) as SliceKeys['orders'] & string[],
    reservations: Object.keys(state.reservations) as SliceKeys['reservations'] & string[],
    inbound: Object.keys(state.inbound) as SliceKeys['inbound'] & string[],
    returns: Object.keys(state.returns) as SliceKeys['returns'] & string[],
    calendars: Object.keys(state.calendars) as SliceKeys['calendars'] & string[],
    departures: Object.keys(state.departures) as SliceKeys['departures'] & string[],
    demand: { skus: Object.keys(state.demand) as NonNullable<SliceKeys['demand']>['skus'] & string[], from: '0000-01-01', to: '9999-12-31' },
    positions: Object.values(state.positions).flatMap((bySku) => Object.values(bySku).map(({ node, sku }) => ({ node, sku }))),
    workload: Object.entries(state.workload).flatMap(([node, byDay]) => Object.keys(byDay).map((day) => ({ node: node as NodeId, day }))),
  };
}

/** Reads a tenant's whole journal. */
export async function wholeJournal(store: Store, tenant: TenantId): Promise<readonly JournalEntry[]> {
  const all: JournalEntry[] = [];
  for (;;) {
    const page = await store.readJournal(tenant, { after: all.length, limit: 10_000 });
    all.push(...page);
    if (page.length < 10_000) return all;
  }
}

/** The state the journal folds to, and the state the store holds for the same keys. */
export async function replayAndLoad(store: Store, tenant: TenantId) {
  const journal = await wholeJournal(store, tenant);
  const replayed = fold(initialState(), journal.map((e) => e.event));
  const stored = await store.load(tenant, keysOf(replayed));
  return { journal, replayed, stored };
}

/** A JSON image of a state, keys sorted and empty positions, lots and holds dropped: equal states give equal strings. */
export function canonical(state: FulfillmentState): string {
  const positions: Record<string, unknown> = {};
  for (const node of Object.keys(state.positions).sort()) {
    for (const [sku, p] of Object.entries(state.positions[node as keyof typeof state.positions]!).sort(([a], [b]) => (a < b ? -1 : 1))) {
      const lots = Object.fromEntries(Object.entries(p.lots ?? {}).filter(([, l]) => l.onHand !== 0 || l.reserved !== 0));
      const channels = Object.fromEntries(Object.entries(p.channels ?? {}).filter(([, held]) => held !== 0));
      // Lots and holds at zero carry no stock: a store may keep or drop them.
      const image = { ...p, lots: Object.keys(lots).length > 0 ? lots : undefined, channels: Object.keys(channels).length > 0 ? channels : undefined };
      if (p.onHand || p.reserved || p.allocated || p.safety || image.lots || image.channels) positions[`${node}/${sku}`] = image;
    }
  }
  // A day whose bookings were all released carries no work: a store may keep or drop it.
  const workload: Record<string, unknown> = {};
  for (const [node, byDay] of Object.entries(state.workload)) {
    for (const [day, w] of Object.entries(byDay)) if (w.orders !== 0 || w.units !== 0) workload[`${node}/${day}`] = w;
  }
  return stableStringify({
    nodes: state.nodes,
    skus: state.skus,
    orders: state.orders,
    reservations: state.reservations,
    inbound: state.inbound,
    returns: state.returns,
    calendars: state.calendars,
    departures: state.departures,
    positions,
    demand: state.demand,
    workload,
  });
}

/**
 * Runs `body` on a fresh store from the suite's factory, under a tenant no other test uses, and
 * closes the store afterwards whatever happens.
 *
 * @example
 * ```ts
 * await withStore(ctx, 'contract', async (store, tenant) => { await store.load(tenant, {}) })
 * ```
 */
export async function withStore(ctx: SuiteContext, prefix: string, body: (store: Store, tenant: TenantId) => Promise<void>): Promise<void> {
  const store = await ctx.factory();
  try {
    await body(store, uniqueTenant(prefix));
  } finally {
    await store.close?.();
  }
}
