import {
  AdapterError,
  type Commit,
  ConcurrencyError,
  type EntityWrite,
  isLiveDeparture,
  type JournalEntry,
  orderOfEvent,
  type PositionChange,
  positionGuardFailure,
  releaseDueAt,
  type WorkloadChange,
  workloadGuardFailure,
} from '../../src/index';
import type { Query, SqlClient } from './client';
import { REFUSED } from './commit-sql';
import { sqlState } from './errors';
import { json, num, positionOf } from './rows';
import { type Prepared, prepared, qualified } from './schema';

/** What the commit routine returns (and, when it refuses, raises as DETAIL). */
interface RoutineResult {
  readonly written: readonly [string, string][];
  readonly idempotency: number;
  readonly positions: readonly Record<string, unknown>[];
  readonly workload: readonly Record<string, unknown>[];
  readonly seq: number | null;
}

/** The call of the commit routine in `schema`, as the store prepares it once. */
export function commitCall(schema: string): Prepared {
  return prepared(`SELECT ${qualified(schema, 'commitChanges')}($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) AS result`);
}

/**
 * Applies a commit. Without ring-fences it is one round trip: the routine runs in its own
 * (implicit) transaction and enforces every check itself, so the hot rows stay locked for the
 * statement and its COMMIT only. With ring-fences (their rule is the reference's alone) it runs
 * in BEGIN … COMMIT, and `positionGuardFailure` decides on the locked rows before COMMIT.
 *
 * Either way the memory store's checks run on what the routine returns, in its order
 * (idempotency key, versions, position guards, workload guards), and give its errors. A commit
 * the routine refused is explained by them; one they refuse after the routine accepted it means
 * the two rules drifted apart: an `AdapterError`, never silence.
 */
export async function applyCommit(client: SqlClient, call: Prepared, schema: string, tenant: string, commit: Commit): Promise<readonly JournalEntry[]> {
  const positions = mergePositions(commit.positions);
  const fenced = positions.some((c) => c.requireAvailable && (c.fences?.length ?? 0) > 0);
  const params = commitParams(schema, tenant, commit, positions);
  const run = (query: Query) => runRoutine(query, call, params, commit, positions);
  if (fenced) {
    return client.transaction(async (query) => {
      const result = await run(query);
      checkCommit(commit, positions, result);
      return entriesOf(commit, result);
    });
  }
  const result = await run(client.query);
  try {
    checkCommit(commit, positions, result);
  } catch (error) {
    throw new AdapterError('postgres', 'the commit routine accepted a commit the reference guards refuse (it is committed): the SQL rule drifted', { committed: true }, { cause: error });
  }
  return entriesOf(commit, result);
}

async function runRoutine(query: Query, call: Prepared, params: unknown[], commit: Commit, positions: readonly PositionChange[]): Promise<RoutineResult> {
  try {
    const [row] = await query(call.text, params, call.name);
    return json(row?.result) as RoutineResult;
  } catch (error) {
    if (sqlState(error) !== REFUSED) throw error;
    const detail = (error as { detail?: unknown }).detail;
    checkCommit(commit, positions, JSON.parse(String(detail)) as RoutineResult);
    throw new AdapterError('postgres', 'the commit routine refused a commit the reference guards accept: the SQL rule drifted', { detail }, { cause: error });
  }
}

/** The memory store's checks, in its order, on the rows the routine wrote; throws its errors. */
function checkCommit(commit: Commit, positions: readonly PositionChange[], result: RoutineResult): void {
  if (commit.idempotency && num(result.idempotency) === 0) {
    throw new ConcurrencyError('idempotency key taken by a concurrent command', { reason: 'idempotency', key: commit.idempotency.key });
  }
  const written = new Set(result.written.map(([kind, id]) => `${kind}\u0000${id}`));
  for (const w of commit.entities) {
    if (!written.has(`${w.kind}\u0000${w.id}`)) {
      throw new ConcurrencyError(`${w.kind} ${w.id} changed concurrently`, { reason: 'version', kind: w.kind, id: w.id, expected: w.expectedVersion });
    }
  }
  const stored = new Map(result.positions.map((r) => [`${r.node}\u0000${r.sku}`, positionOf(r)]));
  for (const change of positions) {
    const next = stored.get(`${change.node}\u0000${change.sku}`)!;
    const takers = Object.entries(change.channels ?? {}).flatMap(([channel, units]) => (units > 0 ? [channel] : []));
    const failure = positionGuardFailure(next, change.requireAvailable, { rules: change.fences ?? [], takers });
    if (failure) throw new ConcurrencyError(`guard failed on ${change.sku} at ${change.node}: ${failure}`, { reason: 'guard', node: change.node, sku: change.sku });
  }
  const booked = new Map(result.workload.map((r) => [`${r.node}\u0000${r.day}`, { orders: num(r.orders), units: num(r.units) }]));
  for (const change of commit.workload ?? []) {
    const row = booked.get(`${change.node}\u0000${change.day}`);
    // Absent when the routine refused the commit before writing the workload.
    if (!row) continue;
    const failure = workloadGuardFailure(row, change);
    if (failure) throw new ConcurrencyError(`capacity guard failed at ${change.node} on ${change.day}: ${failure}`, { reason: 'guard', node: change.node, day: change.day });
  }
}

function entriesOf(commit: Commit, result: RoutineResult): readonly JournalEntry[] {
  if (commit.events.length === 0) return [];
  const base = num(result.seq) - commit.events.length;
  return commit.events.map((event, i) => ({ seq: base + i + 1, event }));
}

/** The routine's parameters (see `commitRoutine`); every value travels as JSON text. */
function commitParams(schema: string, tenant: string, commit: Commit, positions: readonly PositionChange[]): unknown[] {
  return [
    tenant,
    JSON.stringify(positions.map(positionRow)),
    JSON.stringify((commit.workload ?? []).map(workloadRow)),
    JSON.stringify(commit.demand ?? []),
    JSON.stringify(lastWrites(commit.entities).map(entityRow)),
    commit.idempotency ? JSON.stringify(commit.idempotency) : null,
    JSON.stringify(commit.events.map((event) => ({ o: orderOfEvent(event) ?? null, e: event }))),
    commit.events.length,
    `${schema}:${tenant}`,
    true,
  ];
}

function workloadRow(change: WorkloadChange) {
  return {
    node: change.node,
    day: change.day,
    orders: change.orders,
    units: change.units,
    ...(change.limit?.orders === undefined ? {} : { limit_orders: change.limit.orders }),
    ...(change.limit?.units === undefined ? {} : { limit_units: change.limit.units }),
  };
}

function positionRow(change: PositionChange) {
  const d = change.delta;
  // Each changed lot as it would be created; the statement adds it to a stored lot (`add_lots`).
  const lots = change.lots
    ? Object.fromEntries(
        Object.entries(change.lots).map(([lot, c]) => [
          lot,
          {
            lot,
            onHand: c.delta.onHand ?? 0,
            reserved: c.delta.reserved ?? 0,
            receivedAt: c.receivedAt ?? '',
            ...(c.expiresOn === undefined ? {} : { expiresOn: c.expiresOn }),
          },
        ]),
      )
    : undefined;
  return {
    node: change.node,
    sku: change.sku,
    on_hand: d.onHand ?? 0,
    reserved: d.reserved ?? 0,
    allocated: d.allocated ?? 0,
    safety: d.safety ?? 0,
    required: change.requireAvailable,
    ...(lots ? { lots } : {}),
    ...(change.channels ? { channels: change.channels } : {}),
  };
}

/**
 * The helper columns the store's queries use, as the memory store tracks them: `due_ms` is a
 * reservation's expiry or an order's release instant (`releaseDueAt`), `open` an inbound's or a
 * departure's liveness (`isLiveDeparture`), `sku` and `node` what those are looked up by.
 */
function entityRow(w: EntityWrite) {
  const v = w.value as { status?: string; placedAt?: string; expiresAt?: string; sku?: string; node?: string; kind?: string; schedule?: { releaseAt: string } };
  const releaseAt = w.kind === 'order' ? releaseDueAt({ status: String(v.status), schedule: v.schedule }) : undefined;
  return {
    kind: w.kind,
    id: w.id,
    expected: w.expectedVersion,
    version: w.value.version,
    value: w.value,
    ...(w.kind === 'order' ? { status: v.status, placed_at: v.placedAt ?? '' } : {}),
    ...(releaseAt === undefined ? {} : { due_ms: msOf(releaseAt) }),
    ...(w.kind === 'reservation' && v.status === 'active' && v.expiresAt !== undefined ? { due_ms: Date.parse(v.expiresAt) } : {}),
    ...(w.kind === 'inbound' ? { sku: v.sku, open: v.status === 'open' } : {}),
    ...(w.kind === 'departure' ? { node: v.node, open: isLiveDeparture({ kind: v.kind === 'recurring' ? 'recurring' : 'one-off', status: String(v.status) }) } : {}),
  };
}

/** Epoch ms of an instant; null (no index entry, as for an unscheduled order) when it does not parse. */
function msOf(at: string): number | null {
  const ms = Date.parse(at);
  return Number.isNaN(ms) ? null : ms;
}

/**
 * One change per position: a row cannot be updated twice by one statement. Planned commits
 * never repeat a position; a hand-made one that does gets its changes summed.
 */
function mergePositions(changes: readonly PositionChange[]): readonly PositionChange[] {
  const byKey = new Map<string, PositionChange>();
  for (const c of changes) {
    const key = `${c.node}\u0000${c.sku}`;
    const was = byKey.get(key);
    if (!was) {
      byKey.set(key, c);
      continue;
    }
    const sum = (a: Readonly<Record<string, number>> = {}, b: Readonly<Record<string, number>> = {}) => {
      const out: Record<string, number> = { ...a };
      for (const [k, v] of Object.entries(b)) out[k] = (Object.hasOwn(out, k) ? out[k]! : 0) + v;
      return out;
    };
    const lots = { ...was.lots };
    for (const [lot, l] of Object.entries(c.lots ?? {})) {
      const prior = Object.hasOwn(lots, lot) ? lots[lot as keyof typeof lots] : undefined;
      lots[lot as keyof typeof lots] = prior ? { ...prior, ...l, delta: sum(prior.delta, l.delta) } : l;
    }
    const fences = was.fences ?? c.fences;
    byKey.set(key, {
      node: c.node,
      sku: c.sku,
      delta: sum(was.delta, c.delta),
      ...(was.lots || c.lots ? { lots } : {}),
      ...(was.channels || c.channels ? { channels: sum(was.channels, c.channels) } : {}),
      requireAvailable: was.requireAvailable || c.requireAvailable,
      ...(fences ? { fences } : {}),
    });
  }
  return [...byKey.values()];
}

/** The last write of each entity: one row cannot be written twice by one statement. */
function lastWrites(writes: readonly EntityWrite[]): EntityWrite[] {
  return [...new Map(writes.map((w) => [`${w.kind}\u0000${w.id}`, w])).values()];
}
