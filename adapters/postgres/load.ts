import { ENTITY_COLLECTIONS, type EntityCollection, type EntityKind, type FulfillmentState, type SliceKeys } from '../../src/index';
import type { Query } from './client';
import { child, put } from '../own-records';
import { json, num, positionOf } from './rows';
import { type Prepared, prepared, qualified, type Table } from './schema';

const COLLECTION = new Map<string, EntityCollection>(ENTITY_COLLECTIONS);

/**
 * The routine a load runs, installed by `migrate`: the slice in one round trip, as tagged JSON
 * rows (entities, open inbound, live departures, positions, demand, workload), every part keyed by tenant first.
 * `p_entities` holds `{kind, id}` per entity asked for by id and `{kind: 'departure', node}` per
 * node whose live departures are asked for (`departuresOfNodes`): the routine kept its signature
 * when departures came, so a process still on the previous release calls it unchanged.
 * Each part is its own statement, run only when the slice asks for it, with plans prepared once
 * per connection and kept generic: planning one statement that unions every part cost more than
 * running it. Every part looks its keys up one by one (LATERAL, kept from being flattened into a join by
 * `OFFSET 0`), so its cost follows the slice, never the tenant's size: a generic plan made while the tables were small would otherwise keep
 * scanning all of a tenant's rows as they grow.
 */
export function loadRoutine(t: Readonly<Record<Table, string>>): string {
  return `CREATE OR REPLACE FUNCTION ${t.loadSlice}(
    p_tenant text, p_entities jsonb, p_positions jsonb, p_skus jsonb, p_inbound jsonb, p_demand jsonb, p_workload jsonb
  ) RETURNS TABLE (part text, kind text, v jsonb) LANGUAGE plpgsql STABLE SET plan_cache_mode = force_generic_plan AS $fn$
  #variable_conflict use_column
  BEGIN
    IF jsonb_array_length(p_entities) > 0 THEN
      RETURN QUERY SELECT 'e'::text, e.kind, e.value
        FROM jsonb_to_recordset(p_entities) AS k(kind text, id text)
        CROSS JOIN LATERAL (SELECT c.kind, c.value FROM ${t.entities} c WHERE c.tenant = p_tenant AND c.kind = k.kind AND c.id = k.id OFFSET 0) e
        WHERE k.id IS NOT NULL;
      -- The predicate of entities_live_departures, word for word (migration 2 says why).
      IF jsonb_path_exists(p_entities, '$[*].node') THEN
        RETURN QUERY SELECT 'e'::text, e.kind, e.value
          FROM jsonb_to_recordset(p_entities) AS k(node text)
          CROSS JOIN LATERAL (SELECT c.kind, c.value FROM ${t.entities} c
            WHERE c.tenant = p_tenant AND (c.kind = 'departure') IS TRUE AND c.open AND c.node = k.node OFFSET 0) e
          WHERE k.node IS NOT NULL;
      END IF;
    END IF;
    IF jsonb_array_length(p_inbound) > 0 THEN
      RETURN QUERY SELECT 'e'::text, e.kind, e.value
        FROM jsonb_array_elements_text(p_inbound) AS k(sku)
        CROSS JOIN LATERAL (SELECT c.kind, c.value FROM ${t.entities} c WHERE c.tenant = p_tenant AND (c.kind = 'inbound') IS TRUE AND c.open AND c.sku = k.sku OFFSET 0) e;
    END IF;
    -- A position asked for both ways comes back twice, the same row: the slice keeps one.
    IF jsonb_array_length(p_positions) > 0 THEN
      RETURN QUERY SELECT 'p'::text, NULL::text, to_jsonb(p)
        FROM jsonb_array_elements(p_positions) AS k
        CROSS JOIN LATERAL (SELECT c.node, c.sku, c.on_hand, c.reserved, c.allocated, c.safety, c.lots, c.channels FROM ${t.positions} c
          WHERE c.tenant = p_tenant AND c.node = k ->> 0 AND c.sku = k ->> 1 OFFSET 0) p;
    END IF;
    IF jsonb_array_length(p_skus) > 0 THEN
      RETURN QUERY SELECT 'p'::text, NULL::text, to_jsonb(p)
        FROM jsonb_array_elements_text(p_skus) AS k(sku)
        CROSS JOIN LATERAL (SELECT c.node, c.sku, c.on_hand, c.reserved, c.allocated, c.safety, c.lots, c.channels FROM ${t.positions} c
          WHERE c.tenant = p_tenant AND c.sku = k.sku OFFSET 0) p;
    END IF;
    IF p_demand IS NOT NULL THEN
      RETURN QUERY SELECT 'd'::text, NULL::text, jsonb_build_array(d.sku, d.node, d.day, d.units)
        FROM jsonb_array_elements_text(p_demand -> 'skus') AS k(sku)
        CROSS JOIN LATERAL (SELECT c.sku, c.node, c.day, c.units FROM ${t.demand} c
          WHERE c.tenant = p_tenant AND c.sku = k.sku
            AND (p_demand -> 'nodes' IS NULL OR c.node IN (SELECT jsonb_array_elements_text(p_demand -> 'nodes')))
            AND c.day >= p_demand ->> 'from' AND c.day <= p_demand ->> 'to' OFFSET 0) d;
    END IF;
    IF jsonb_array_length(p_workload) > 0 THEN
      RETURN QUERY SELECT 'w'::text, NULL::text, jsonb_build_array(w.node, w.day, w.orders, w.units)
        FROM jsonb_array_elements(p_workload) AS k
        CROSS JOIN LATERAL (SELECT c.node, c.day, c.orders, c.units FROM ${t.workload} c
          WHERE c.tenant = p_tenant AND c.node = k ->> 0 AND c.day = k ->> 1 OFFSET 0) w;
    END IF;
  END
  $fn$`;
}

/** The parameters of the load routine for `keys`. */
export function loadParams(tenant: string, keys: SliceKeys): unknown[] {
  const entities: { kind: EntityKind; id: string }[] = [];
  const add = (kind: EntityKind, ids: readonly string[] | undefined) => {
    for (const id of ids ?? []) entities.push({ kind, id });
  };
  for (const [kind, collection] of ENTITY_COLLECTIONS) add(kind, keys[collection]);
  const ofNodes = (keys.departuresOfNodes ?? []).map((node) => ({ kind: 'departure', node }));
  const demand = keys.demand ? { skus: keys.demand.skus, ...(keys.demand.nodes ? { nodes: keys.demand.nodes } : {}), from: keys.demand.from, to: keys.demand.to } : null;
  return [
    tenant,
    JSON.stringify([...entities, ...ofNodes]),
    JSON.stringify((keys.positions ?? []).map((p) => [p.node, p.sku])),
    JSON.stringify(keys.positionsOfSkus ?? []),
    JSON.stringify(keys.openInboundOfSkus ?? []),
    demand === null ? null : JSON.stringify(demand),
    JSON.stringify((keys.workload ?? []).map((w) => [w.node, w.day])),
  ];
}

/** Folds the tagged rows into a state-shaped slice. */
export function sliceOf(rows: readonly Record<string, unknown>[]): FulfillmentState {
  const state = { nodes: {}, skus: {}, orders: {}, reservations: {}, inbound: {}, returns: {}, calendars: {}, departures: {}, positions: {}, demand: {}, workload: {} };
  const out = state as unknown as Record<string, Record<string, unknown>>;
  for (const row of rows) {
    const v = json(row.v);
    switch (row.part) {
      case 'e': {
        const value = v as { id: string };
        put(out[COLLECTION.get(String(row.kind))!]!, value.id, value);
        break;
      }
      case 'p': {
        const p = positionOf(v as Record<string, unknown>);
        put(child(state.positions as Record<string, Record<string, unknown>>, p.node), p.sku, p);
        break;
      }
      case 'd': {
        const [sku, node, day, units] = v as [string, string, string, unknown];
        put(child(child(state.demand as Record<string, Record<string, Record<string, number>>>, sku), node), day, num(units));
        break;
      }
      case 'w': {
        const [node, day, orders, units] = v as [string, string, unknown, unknown];
        put(child(state.workload as Record<string, Record<string, unknown>>, node), day, { orders: num(orders), units: num(units) });
        break;
      }
    }
  }
  return state as unknown as FulfillmentState;
}

/** The call of the load routine in `schema`, as the store prepares it once. */
export function loadCall(schema: string): Prepared {
  return prepared(`SELECT part, kind, v FROM ${qualified(schema, 'loadSlice')}($1, $2, $3, $4, $5, $6, $7)`);
}

/** Runs the load routine. */
export async function loadSlice(query: Query, call: Prepared, tenant: string, keys: SliceKeys): Promise<FulfillmentState> {
  return sliceOf(await query(call.text, loadParams(tenant, keys), call.name));
}
