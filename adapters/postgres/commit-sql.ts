import { OUTBOX_CHANNEL, type Table } from './schema';

/**
 * The routine a commit runs: every change of the commit in one call, installed by `migrate`.
 * It lives in the database so that its plan is prepared once per connection and kept generic
 * (`SET plan_cache_mode`): planning the statement anew costs more than running it.
 *
 * Locks are taken in one fixed order, the same for every commit, so two commits never wait on
 * each other in a cycle: entities (by kind, id), the idempotency key, demand, positions (node,
 * SKU), workload (node, day), and last the tenant's journal counter. The hot rows (positions,
 * workload, counter) come last so they are held for the shortest time. Each data-modifying CTE
 * forces the earlier ones to finish before it writes (`(SELECT count(*) FROM earlier) >= 0`):
 * PostgreSQL otherwise runs them in no set order.
 *
 * Positions and workload change by increments (`ON CONFLICT … DO UPDATE`) on the locked current
 * row, and their new rows come back. Entities are written only where the stored version is the
 * expected one (an absent row counts as version 0). With `p_enforce`, the routine then checks
 * idempotency, versions, the position rule of `positionGuardFailure` (all but ring-fences) and
 * `workloadGuardFailure`, and raises SQLSTATE FK409 with its result as DETAIL when one fails:
 * the statement, and with it the whole commit, is undone. The caller re-checks that result with
 * the reference guards in either case; commits with ring-fences are checked by them alone.
 */
export function commitRoutine(t: Readonly<Record<Table, string>>): string {
  const after = (...ctes: string[]) => ctes.map((c) => `(SELECT count(*) FROM ${c})`).join(' + ');
  return `CREATE OR REPLACE FUNCTION ${t.commitChanges}(
    p_tenant text, p_positions jsonb, p_workload jsonb, p_demand jsonb, p_entities jsonb,
    p_idempotency json, p_events json, p_count bigint, p_notify text, p_enforce boolean
  ) RETURNS jsonb LANGUAGE plpgsql SET plan_cache_mode = force_generic_plan AS $fn$
  DECLARE
    v_result jsonb;
  BEGIN
    WITH ein AS (
      SELECT * FROM jsonb_to_recordset(p_entities)
        AS x(kind text, id text, expected integer, version integer, value jsonb, status text, placed_at text, due_ms bigint, sku text, open boolean)
    ), ent AS (
      INSERT INTO ${t.entities} AS e (tenant, kind, id, version, value, status, placed_at, due_ms, sku, open)
      SELECT p_tenant, x.kind, x.id, x.version, x.value, x.status, x.placed_at, x.due_ms, x.sku, x.open
        FROM ein x
        WHERE x.expected = 0 OR EXISTS (SELECT 1 FROM ${t.entities} c WHERE c.tenant = p_tenant AND c.kind = x.kind AND c.id = x.id)
        ORDER BY x.kind COLLATE "C", x.id COLLATE "C"
      ON CONFLICT (tenant, kind, id) DO UPDATE SET
        version = excluded.version, value = excluded.value, status = excluded.status, placed_at = excluded.placed_at,
        due_ms = excluded.due_ms, sku = excluded.sku, open = excluded.open
        WHERE e.version = (SELECT i.expected FROM ein i WHERE i.kind = excluded.kind AND i.id = excluded.id)
      RETURNING e.kind, e.id
    ), idem AS (
      INSERT INTO ${t.idempotency} (tenant, key, fingerprint, result)
      SELECT p_tenant, p_idempotency ->> 'key', p_idempotency ->> 'fingerprint', p_idempotency -> 'result'
        WHERE p_idempotency IS NOT NULL AND ${after('ent')} >= 0
      ON CONFLICT (tenant, key) DO NOTHING
      RETURNING 1
    ), dem AS (
      INSERT INTO ${t.demand} AS d (tenant, sku, node, day, units)
      SELECT p_tenant, x.sku, x.node, x.day, sum(x.units)
        FROM jsonb_to_recordset(p_demand) AS x(sku text, node text, day text, units bigint)
        WHERE ${after('ent', 'idem')} >= 0
        GROUP BY x.sku, x.node, x.day
        ORDER BY x.sku COLLATE "C", x.node COLLATE "C", x.day COLLATE "C"
      ON CONFLICT (tenant, sku, node, day) DO UPDATE SET units = d.units + excluded.units
      RETURNING 1
    ), pos AS (
      INSERT INTO ${t.positions} AS p (tenant, node, sku, on_hand, reserved, allocated, safety, lots, channels)
      SELECT p_tenant, x.node, x.sku, x.on_hand, x.reserved, x.allocated, x.safety, x.lots, x.channels
        FROM jsonb_to_recordset(p_positions)
          AS x(node text, sku text, on_hand bigint, reserved bigint, allocated bigint, safety bigint, lots jsonb, channels jsonb)
        WHERE ${after('ent', 'idem', 'dem')} >= 0
        ORDER BY x.node COLLATE "C", x.sku COLLATE "C"
      ON CONFLICT (tenant, node, sku) DO UPDATE SET
        on_hand = p.on_hand + excluded.on_hand, reserved = p.reserved + excluded.reserved,
        allocated = p.allocated + excluded.allocated, safety = p.safety + excluded.safety,
        lots = CASE WHEN excluded.lots IS NULL THEN p.lots ELSE ${t.addLots}(p.lots, excluded.lots) END,
        channels = CASE WHEN excluded.channels IS NULL THEN p.channels ELSE ${t.addCounts}(p.channels, excluded.channels) END
      RETURNING p.node, p.sku, p.on_hand, p.reserved, p.allocated, p.safety, p.lots, p.channels
    ), wl AS (
      INSERT INTO ${t.workload} AS w (tenant, node, day, orders, units)
      SELECT p_tenant, x.node, x.day, sum(x.orders), sum(x.units)
        FROM jsonb_to_recordset(p_workload) AS x(node text, day text, orders bigint, units bigint)
        WHERE ${after('ent', 'idem', 'dem', 'pos')} >= 0
        GROUP BY x.node, x.day
        ORDER BY x.node COLLATE "C", x.day COLLATE "C"
      ON CONFLICT (tenant, node, day) DO UPDATE SET orders = w.orders + excluded.orders, units = w.units + excluded.units
      RETURNING w.node, w.day, w.orders, w.units
    ), seq AS (
      INSERT INTO ${t.tenants} AS t (tenant, seq)
      SELECT p_tenant, p_count WHERE p_count > 0 AND ${after('ent', 'idem', 'dem', 'pos', 'wl')} >= 0
      ON CONFLICT (tenant) DO UPDATE SET seq = t.seq + excluded.seq
      RETURNING t.seq
    ), jr AS (
      INSERT INTO ${t.journal} (tenant, seq, order_id, event)
      SELECT p_tenant, s.seq - p_count + x.n, x.v ->> 'o', x.v -> 'e'
        FROM seq s, json_array_elements(p_events) WITH ORDINALITY AS x(v, n)
      RETURNING 1
    ), ob AS (
      INSERT INTO ${t.outbox} (tenant, grp, seq)
      SELECT p_tenant, g.grp, s.seq - p_count + n
        FROM seq s, ${t.groups} g, generate_series(1::bigint, p_count) AS n
        WHERE g.tenant = p_tenant
      RETURNING 1
    )
    SELECT jsonb_build_object(
      'written', (SELECT coalesce(jsonb_agg(jsonb_build_array(ent.kind, ent.id)), '[]'::jsonb) FROM ent),
      'idempotency', (SELECT count(*) FROM idem),
      'demand', (SELECT count(*) FROM dem),
      'positions', (SELECT coalesce(jsonb_agg(pos), '[]'::jsonb) FROM pos),
      'workload', (SELECT coalesce(jsonb_agg(wl), '[]'::jsonb) FROM wl),
      'seq', (SELECT max(seq.seq) FROM seq),
      'journaled', (SELECT count(*) FROM jr),
      'outbox', (SELECT count(*) FROM ob)
    ) INTO v_result;

    IF p_enforce AND (
      (p_idempotency IS NOT NULL AND (v_result ->> 'idempotency')::bigint = 0)
      OR jsonb_array_length(v_result -> 'written') <> jsonb_array_length(p_entities)
      OR EXISTS (
        SELECT 1
          FROM jsonb_to_recordset(v_result -> 'positions')
            AS n(node text, sku text, on_hand bigint, reserved bigint, allocated bigint, safety bigint, lots jsonb, channels jsonb)
          JOIN jsonb_to_recordset(p_positions) AS c(node text, sku text, required boolean) ON c.node = n.node AND c.sku = n.sku
          WHERE n.on_hand < 0 OR n.reserved < 0 OR n.allocated < 0 OR n.safety < 0
            OR n.reserved + n.allocated > n.on_hand
            OR (c.required AND n.reserved + n.allocated + n.safety > n.on_hand)
            OR EXISTS (SELECT 1 FROM jsonb_each(coalesce(n.lots, '{}'::jsonb)) l
              WHERE (l.value ->> 'onHand')::numeric < 0 OR (l.value ->> 'reserved')::numeric < 0
                OR (l.value ->> 'reserved')::numeric > (l.value ->> 'onHand')::numeric)
            OR EXISTS (SELECT 1 FROM jsonb_each_text(coalesce(n.channels, '{}'::jsonb)) h WHERE h.value::numeric < 0))
      OR EXISTS (
        SELECT 1
          FROM jsonb_to_recordset(v_result -> 'workload') AS w(node text, day text, orders bigint, units bigint)
          JOIN jsonb_to_recordset(p_workload) AS c(node text, day text, orders bigint, units bigint, limit_orders bigint, limit_units bigint)
            ON c.node = w.node AND c.day = w.day
          WHERE w.orders < 0 OR w.units < 0
            OR (c.orders > 0 AND w.orders > c.limit_orders) OR (c.units > 0 AND w.units > c.limit_units))
    ) THEN
      RAISE EXCEPTION USING ERRCODE = '${REFUSED}', MESSAGE = 'fulfillkit: commit refused by its checks', DETAIL = v_result::text;
    END IF;
    IF (v_result ->> 'outbox')::bigint > 0 THEN
      PERFORM pg_notify('${OUTBOX_CHANNEL}', p_notify);
    END IF;
    RETURN v_result;
  END
  $fn$`;
}

/** The SQLSTATE the commit routine raises when a check fails (class FK is PostgreSQL's nothing). */
export const REFUSED = 'FK409';

/** Per-key sums of count maps (a position's channel holds): {a:1} + {a:2,b:1} = {a:3,b:1}. */
export function addCountsRoutine(t: Readonly<Record<Table, string>>): string {
  return `CREATE OR REPLACE FUNCTION ${t.addCounts}(cur jsonb, delta jsonb) RETURNS jsonb LANGUAGE sql IMMUTABLE AS $fn$
    SELECT coalesce(cur, '{}'::jsonb) || coalesce((
      SELECT jsonb_object_agg(d.key, coalesce((cur ->> d.key)::numeric, 0) + (d.value #>> '{}')::numeric)
      FROM jsonb_each(delta) d), '{}'::jsonb)
  $fn$`;
}

/**
 * Lots: `added` holds each changed lot as it would be created; an existing lot adds its counters,
 * keeps its first receipt's instant and takes a given expiry (the memory store's `applyChange`).
 */
export function addLotsRoutine(t: Readonly<Record<Table, string>>): string {
  return `CREATE OR REPLACE FUNCTION ${t.addLots}(cur jsonb, added jsonb) RETURNS jsonb LANGUAGE sql IMMUTABLE AS $fn$
    SELECT coalesce(cur, '{}'::jsonb) || coalesce((
      SELECT jsonb_object_agg(a.key, CASE WHEN cur ? a.key THEN
          (cur -> a.key)
          || jsonb_build_object(
            'onHand', (cur -> a.key ->> 'onHand')::numeric + (a.value ->> 'onHand')::numeric,
            'reserved', (cur -> a.key ->> 'reserved')::numeric + (a.value ->> 'reserved')::numeric)
          || CASE WHEN a.value ? 'expiresOn' THEN jsonb_build_object('expiresOn', a.value -> 'expiresOn') ELSE '{}'::jsonb END
        ELSE a.value END)
      FROM jsonb_each(added) a), '{}'::jsonb)
  $fn$`;
}
