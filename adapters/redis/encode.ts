import { AdapterError, type Commit, ENTITY_COLLECTIONS, isLiveDeparture, orderOfEvent, releaseDueAt, type SliceKeys } from '../../src/index';
import type { RedisArg } from './client';
import { escapeId } from './keys';

/** The key of an entity, after the tenant's base. */
export const entityKey = (kind: string, id: string) => `${kind}:${escapeId(id)}`;
/** The key of a position (or of one node day's workload), after the tenant's base. */
export const pairKey = (a: string, b: string) => `${escapeId(a)}:${escapeId(b)}`;

/** Counters must be whole: HINCRBY refuses anything else, and a refusal mid-script would half-apply the commit. */
function whole(n: number | undefined, what: string): number {
  const value = n ?? 0;
  if (!Number.isSafeInteger(value)) throw new AdapterError('redis', `${what} must be a whole number, got ${value}`, { value });
  return value;
}

/** Milliseconds of an ISO instant, or `-inf` when there is none (sorts first, like memory's ''). */
function score(at: string | undefined): number | string {
  const ms = at === undefined ? Number.NaN : Date.parse(at);
  return Number.isNaN(ms) ? '-inf' : ms;
}

/**
 * A commit as the commit script takes it: a small JSON plan of escaped ids and whole numbers, and
 * the entity, event and idempotency JSON as separate arguments, stored byte for byte.
 */
export function encodeCommit(commit: Commit, idempotencyTtlMs: number): RedisArg[] {
  const blobs: string[] = [];
  // ARGV[1] is the base and ARGV[2] the plan: blobs start at ARGV[3].
  const blob = (json: string) => blobs.push(json) + 2;
  const entities = commit.entities.map((w) => {
    const value = w.value as { status?: string; placedAt?: string; expiresAt?: string; sku?: string; node?: string; kind?: string; schedule?: { releaseAt: string } };
    const write: Record<string, unknown> = { k: entityKey(w.kind, w.id), x: w.expectedVersion, v: whole(w.value.version, 'version'), j: blob(JSON.stringify(w.value)) };
    const id = escapeId(w.id);
    if (w.kind === 'order') {
      // rl: the release instant of an order waiting for release (`due-releases`), false when it waits for none.
      const release = releaseDueAt({ status: String(value.status), schedule: value.schedule });
      const rl = release === undefined ? false : score(release);
      Object.assign(write, { t: 'o', id, st: escapeId(String(value.status)), sc: score(value.placedAt), rl: rl === '-inf' ? false : rl });
    }
    if (w.kind === 'reservation') Object.assign(write, { t: 'r', id, ex: value.status === 'active' && value.expiresAt !== undefined ? score(value.expiresAt) : false });
    if (w.kind === 'inbound') Object.assign(write, { t: 'i', id, sk: escapeId(String(value.sku)), op: value.status === 'open' });
    if (w.kind === 'departure') {
      const live = isLiveDeparture({ kind: value.kind === 'recurring' ? 'recurring' : 'one-off', status: String(value.status) });
      Object.assign(write, { t: 'd', id, nd: escapeId(String(value.node)), lv: live });
    }
    return write;
  });
  const positions = commit.positions.map((p) => ({
    k: pairKey(p.node, p.sku),
    n: escapeId(p.node),
    s: escapeId(p.sku),
    d: [whole(p.delta.onHand, 'onHand'), whole(p.delta.reserved, 'reserved'), whole(p.delta.allocated, 'allocated'), whole(p.delta.safety, 'safety')],
    l: Object.entries(p.lots ?? {}).map(([lot, l]) => [
      escapeId(lot),
      whole(l.delta.onHand, 'lot onHand'),
      whole(l.delta.reserved, 'lot reserved'),
      l.receivedAt ?? false,
      l.expiresOn ?? false,
    ]),
    c: Object.entries(p.channels ?? {}).map(([channel, units]) => [escapeId(channel), whole(units, 'channel hold')]),
    r: p.requireAvailable,
    f: (p.fences ?? []).map((f) => [escapeId(f.channel), f.quantity ?? false, f.share ?? 0, f.whenExhausted === 'stop']),
  }));
  const workload = (commit.workload ?? []).map((w) => [
    escapeId(w.node),
    escapeId(w.day),
    whole(w.orders, 'orders'),
    whole(w.units, 'units'),
    w.limit?.orders ?? false,
    w.limit?.units ?? false,
  ]);
  const demand = (commit.demand ?? []).map((m) => [escapeId(m.sku), escapeId(m.node), escapeId(m.day), whole(m.units, 'demand units')]);
  const events = commit.events.map((event) => {
    const order = orderOfEvent(event);
    return [blob(JSON.stringify(event)), order === undefined ? false : escapeId(order)];
  });
  const plan: Record<string, unknown> = { e: entities, p: positions, w: workload, m: demand, v: events };
  if (commit.idempotency) plan.i = [`idem:${escapeId(commit.idempotency.key)}`, blob(JSON.stringify(commit.idempotency)), idempotencyTtlMs];
  return [JSON.stringify(plan), ...blobs];
}

/** A load as the load script takes it; `entities` lists what each entity reply stands for. */
export function encodeLoad(keys: SliceKeys): { request: string; entities: { kind: string; id: string }[] } {
  const entities: { kind: string; id: string }[] = [];
  for (const [kind, field] of ENTITY_COLLECTIONS) for (const id of keys[field] ?? []) entities.push({ kind, id });
  const request = {
    e: entities.map((e) => entityKey(e.kind, e.id)),
    p: (keys.positions ?? []).map(({ node, sku }) => pairKey(node, sku)),
    ps: (keys.positionsOfSkus ?? []).map(escapeId),
    oi: (keys.openInboundOfSkus ?? []).map(escapeId),
    dn: (keys.departuresOfNodes ?? []).map(escapeId),
    w: (keys.workload ?? []).map(({ node, day }) => pairKey(node, day)),
    ...(keys.demand
      ? {
          d: {
            s: keys.demand.skus.map(escapeId),
            n: keys.demand.nodes ? keys.demand.nodes.map(escapeId) : false,
            f: keys.demand.from,
            t: keys.demand.to,
          },
        }
      : {}),
  };
  return { request: JSON.stringify(request), entities };
}
