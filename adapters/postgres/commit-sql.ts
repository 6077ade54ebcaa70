import { OUTBOX_CHANNEL, type Table } from './schema';

/**
 * The routine a commit runs: every change of the commit in one call, installed by `migrate`.
 * It lives in the database so that its statements' plans are prepared once per connection and
 * kept generic (`SET plan_cache_mode`): planning them anew costs more than running them. Each
 * part is its own small statement, run only when the commit has something for it, so a one-line
 * reservation pays for four statements, not for every kind of change a commit can carry.
 *
 * Locks are taken in one fixed order, the same for every commit, so two commits never wait on
 * each other in a cycle: entities (by kind, id), the idempotency key, demand, positions (node,
 * SKU), workload (node, day), and last the tenant's journal counter. The hot rows (positions,
 * workload, counter) come last so they are held for the shortest time; a commit whose versions or
 * idempotency key already failed is refused before it touches them.
 *
 * Positions and workload change by increments (`ON CONFLICT … DO UPDATE`) on the locked current
 * row, and their new rows come back. Entities are written only where the stored version is the
 * expected one (an absent row counts as version 0). With `p_enforce`, the routine checks
 * idempotency, versions, the position rule of `positionGuardFailure` (all but ring-fences) and
 * `workloadGuardFailure`, each as soon as its rows are written, and raises SQLSTATE FK409 with
 * what it has so far as DETAIL when one fails: the statement, and with it the whole commit, is
 * undone, and a refused commit never waits for the locks after the one that failed it. The caller re-checks that result with
 * the reference guards in either case; commits with ring-fences are checked by them alone.
 */
export function commitRoutine(t: Readonly<Record<Table, string>>): string {
  return `CREATE OR REPLACE FUNCTION ${t.commitChanges}(
    p_tenant text, p_positions jsonb, p_workload jsonb, p_demand jsonb, p_entities jsonb,
    p_idempotency json, p_events json, p_count bigint, p_notify text, p_enforce boolean
  ) RETURNS jsonb LANGUAGE plpgsql SET plan_cache_mode = force_generic_plan AS $fn$
  DECLARE
    v_written jsonb := '[]'::jsonb;
    v_idempotency bigint := 0;
    v_demand bigint := 0;
    v_positions jsonb := '[]'::jsonb;
    v_workload jsonb := '[]'::jsonb;
    v_seq bigint;
    v_journaled bigint := 0;
    v_outbox bigint := 0;
    v_refused boolean := false;
    v_result jsonb;
  BEGIN
    IF jsonb_array_length(p_entities) > 0 THEN
      WITH ein AS (
        SELECT * FROM jsonb_to_recordset(p_entities)
          AS x(kind text, id text, expected integer, version integer, value jsonb, status text, placed_at text, due_ms bigint, sku text, node text, open boolean)
      ), ent AS (
        INSERT INTO ${t.entities} AS e (tenant, kind, id, version, value, status, placed_at, due_ms, sku, node, open)
        SELECT p_tenant, x.kind, x.id, x.version, x.value, x.status, x.placed_at, x.due_ms, x.sku, x.node, x.open
          FROM ein x
          -- One lookup per entity (LATERAL, OFFSET 0): an EXISTS under OR may be hashed over every row of the tenant.
          LEFT JOIN LATERAL (SELECT true AS found FROM ${t.entities} c WHERE c.tenant = p_tenant AND c.kind = x.kind AND c.id = x.id OFFSET 0) f ON true
          WHERE x.expected = 0 OR f.found
          ORDER BY x.kind COLLATE "C", x.id COLLATE "C"
        ON CONFLICT (tenant, kind, id) DO UPDATE SET
          version = excluded.version, value = excluded.value, status = excluded.status, placed_at = excluded.placed_at,
          due_ms = excluded.due_ms, sku = excluded.sku, node = excluded.node, open = excluded.open
          WHERE e.version = (SELECT i.expected FROM ein i WHERE i.kind = excluded.kind AND i.id = excluded.id)
        RETURNING e.kind, e.id
      )
      SELECT coalesce(jsonb_agg(jsonb_build_array(ent.kind, ent.id)), '[]'::jsonb) INTO v_written FROM ent;
    END IF;
    IF p_idempotency IS NOT NULL THEN
      INSERT INTO ${t.idempotency} (tenant, key, fingerprint, result)
      VALUES (p_tenant, p_idempotency ->> 'key', p_idempotency ->> 'fingerprint', p_idempotency -> 'result')
      ON CONFLICT (tenant, key) DO NOTHING;
      GET DIAGNOSTICS v_idempotency = ROW_COUNT;
    END IF;
    IF p_enforce AND ((p_idempotency IS NOT NULL AND v_idempotency = 0) OR jsonb_array_length(v_written) <> jsonb_array_length(p_entities)) THEN
      RAISE EXCEPTION USING ERRCODE = '${REFUSED}', MESSAGE = 'fulfillkit: commit refused by its checks',
        DETAIL = jsonb_build_object('written', v_written, 'idempotency', v_idempotency, 'demand', 0, 'positions', '[]'::jsonb,
          'workload', '[]'::jsonb, 'seq', NULL, 'journaled', 0, 'outbox', 0)::text;
    END IF;
    IF jsonb_array_length(p_demand) > 0 THEN
      INSERT INTO ${t.demand} AS d (tenant, sku, node, day, units)
      SELECT p_tenant, x.sku, x.node, x.day, sum(x.units)
        FROM jsonb_to_recordset(p_demand) AS x(sku text, node text, day text, units bigint)
        GROUP BY x.sku, x.node, x.day
        ORDER BY x.sku COLLATE "C", x.node COLLATE "C", x.day COLLATE "C"
      ON CONFLICT (tenant, sku, node, day) DO UPDATE SET units = d.units + excluded.units;
      GET DIAGNOSTICS v_demand = ROW_COUNT;
    END IF;
    IF jsonb_array_length(p_positions) > 0 THEN
      WITH pos AS (
        INSERT INTO ${t.positions} AS p (tenant, node, sku, on_hand, reserved, allocated, safety, lots, channels)
        SELECT p_tenant, x.node, x.sku, x.on_hand, x.reserved, x.allocated, x.safety, x.lots, x.channels
          FROM jsonb_to_recordset(p_positions)
            AS x(node text, sku text, on_hand bigint, reserved bigint, allocated bigint, safety bigint, lots jsonb, channels jsonb)
          ORDER BY x.node COLLATE "C", x.sku COLLATE "C"
        ON CONFLICT (tenant, node, sku) DO UPDATE SET
          on_hand = p.on_hand + excluded.on_hand, reserved = p.reserved + excluded.reserved,
          allocated = p.allocated + excluded.allocated, safety = p.safety + excluded.safety,
          lots = CASE WHEN excluded.lots IS NULL THEN p.lots ELSE ${t.addLots}(p.lots, excluded.lots) END,
          channels = CASE WHEN excluded.channels IS NULL THEN p.channels ELSE ${t.addCounts}(p.channels, excluded.channels) END
        RETURNING p.node, p.sku, p.on_hand, p.reserved, p.allocated, p.safety, p.lots, p.channels
      )
      SELECT coalesce(jsonb_agg(pos), '[]'::jsonb), coalesce(bool_or(
          pos.on_hand < 0 OR pos.reserved < 0 OR pos.allocated < 0 OR pos.safety < 0
          OR pos.reserved + pos.allocated > pos.on_hand
          OR (c.required AND pos.reserved + pos.allocated + pos.safety > pos.on_hand)
          OR (pos.lots IS NOT NULL AND EXISTS (SELECT 1 FROM jsonb_each(pos.lots) l
            WHERE (l.value ->> 'onHand')::numeric < 0 OR (l.value ->> 'reserved')::numeric < 0
              OR (l.value ->> 'reserved')::numeric > (l.value ->> 'onHand')::numeric))
          OR (pos.channels IS NOT NULL AND EXISTS (SELECT 1 FROM jsonb_each_text(pos.channels) h WHERE h.value::numeric < 0))), false)
        INTO v_positions, v_refused
        FROM pos JOIN jsonb_to_recordset(p_positions) AS c(node text, sku text, required boolean) ON c.node = pos.node AND c.sku = pos.sku;
    END IF;
    IF p_enforce AND v_refused THEN
      RAISE EXCEPTION USING ERRCODE = '${REFUSED}', MESSAGE = 'fulfillkit: commit refused by its checks',
        DETAIL = jsonb_build_object('written', v_written, 'idempotency', v_idempotency, 'demand', v_demand, 'positions', v_positions,
          'workload', '[]'::jsonb, 'seq', NULL, 'journaled', 0, 'outbox', 0)::text;
    END IF;
    IF jsonb_array_length(p_workload) > 0 THEN
      WITH wl AS (
        INSERT INTO ${t.workload} AS w (tenant, node, day, orders, units)
        SELECT p_tenant, x.node, x.day, sum(x.orders), sum(x.units)
          FROM jsonb_to_recordset(p_workload) AS x(node text, day text, orders bigint, units bigint)
          GROUP BY x.node, x.day
          ORDER BY x.node COLLATE "C", x.day COLLATE "C"
        ON CONFLICT (tenant, node, day) DO UPDATE SET orders = w.orders + excluded.orders, units = w.units + excluded.units
        RETURNING w.node, w.day, w.orders, w.units
      )
      SELECT coalesce(jsonb_agg(wl), '[]'::jsonb) INTO v_workload FROM wl;
      -- Each change against its own limit, as workloadGuardFailure judges them.
      v_refused := EXISTS (
        SELECT 1
          FROM jsonb_to_recordset(v_workload) AS w(node text, day text, orders bigint, units bigint)
          JOIN jsonb_to_recordset(p_workload) AS c(node text, day text, orders bigint, units bigint, limit_orders bigint, limit_units bigint)
            ON c.node = w.node AND c.day = w.day
          WHERE w.orders < 0 OR w.units < 0
            OR (c.orders > 0 AND w.orders > c.limit_orders) OR (c.units > 0 AND w.units > c.limit_units));
    END IF;
    IF p_enforce AND v_refused THEN
      RAISE EXCEPTION USING ERRCODE = '${REFUSED}', MESSAGE = 'fulfillkit: commit refused by its checks',
        DETAIL = jsonb_build_object('written', v_written, 'idempotency', v_idempotency, 'demand', v_demand, 'positions', v_positions,
          'workload', v_workload, 'seq', NULL, 'journaled', 0, 'outbox', 0)::text;
    END IF;
    IF p_count > 0 THEN
      INSERT INTO ${t.tenants} AS t (tenant, seq) VALUES (p_tenant, p_count)
      ON CONFLICT (tenant) DO UPDATE SET seq = t.seq + excluded.seq
      RETURNING t.seq INTO v_seq;
      INSERT INTO ${t.journal} (tenant, seq, order_id, event)
      SELECT p_tenant, v_seq - p_count + x.n, x.v ->> 'o', x.v -> 'e'
        FROM json_array_elements(p_events) WITH ORDINALITY AS x(v, n);
      GET DIAGNOSTICS v_journaled = ROW_COUNT;
      INSERT INTO ${t.outbox} (tenant, grp, seq)
      SELECT p_tenant, g.grp, v_seq - p_count + n
        FROM ${t.groups} g, generate_series(1::bigint, p_count) AS n
        WHERE g.tenant = p_tenant;
      GET DIAGNOSTICS v_outbox = ROW_COUNT;
    END IF;
    v_result := jsonb_build_object(
      'written', v_written, 'idempotency', v_idempotency, 'demand', v_demand, 'positions', v_positions,
      'workload', v_workload, 'seq', v_seq, 'journaled', v_journaled, 'outbox', v_outbox);

    IF v_outbox > 0 THEN
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
