import type { EntityKind, FulfillmentState, SliceKeys } from '../../src/index';
import type { Query } from './client';
import { child, json, num, positionOf, put } from './rows';
import { statementName, tablesOf } from './schema';

const COLLECTION: Readonly<Record<EntityKind, keyof FulfillmentState>> = {
  node: 'nodes',
  sku: 'skus',
  order: 'orders',
  reservation: 'reservations',
  inbound: 'inbound',
  return: 'returns',
};

/**
 * The slice in one round trip: one statement whose parts (entities, open inbound, positions,
 * demand, workload) are unioned as tagged JSON rows. Every part is keyed by tenant first.
 */
export function loadStatement(schema: string): { readonly text: string; readonly name: string } {
  const cached = CACHE.get(schema);
  if (cached) return cached;
  const t = tablesOf(schema);
  const text = `
    SELECT 'e' AS part, e.kind AS kind, e.value AS v
      FROM ${t.entities} e JOIN jsonb_to_recordset($2::jsonb) AS k(kind text, id text) ON e.kind = k.kind AND e.id = k.id
      WHERE e.tenant = $1
    UNION ALL
    SELECT 'e', e.kind, e.value FROM ${t.entities} e
      WHERE e.tenant = $1 AND e.kind = 'inbound' AND e.open AND e.sku IN (SELECT jsonb_array_elements_text($5::jsonb))
    UNION ALL
    SELECT 'p', NULL, jsonb_build_object('node', p.node, 'sku', p.sku, 'on_hand', p.on_hand, 'reserved', p.reserved,
        'allocated', p.allocated, 'safety', p.safety, 'lots', p.lots, 'channels', p.channels)
      FROM ${t.positions} p
      WHERE p.tenant = $1 AND ((p.node, p.sku) IN (SELECT k ->> 0, k ->> 1 FROM jsonb_array_elements($3::jsonb) k)
        OR p.sku IN (SELECT jsonb_array_elements_text($4::jsonb)))
    UNION ALL
    SELECT 'd', NULL, jsonb_build_array(d.sku, d.node, d.day, d.units) FROM ${t.demand} d
      WHERE $6::jsonb IS NOT NULL AND d.tenant = $1
        AND d.sku IN (SELECT jsonb_array_elements_text($6::jsonb -> 'skus'))
        AND ($6::jsonb -> 'nodes' IS NULL OR d.node IN (SELECT jsonb_array_elements_text($6::jsonb -> 'nodes')))
        AND d.day >= $6::jsonb ->> 'from' AND d.day <= $6::jsonb ->> 'to'
    UNION ALL
    SELECT 'w', NULL, jsonb_build_array(w.node, w.day, w.orders, w.units) FROM ${t.workload} w
      WHERE w.tenant = $1 AND (w.node, w.day) IN (SELECT k ->> 0, k ->> 1 FROM jsonb_array_elements($7::jsonb) k)`;
  const statement = { text, name: statementName(text) };
  CACHE.set(schema, statement);
  return statement;
}

const CACHE = new Map<string, { readonly text: string; readonly name: string }>();

/** The parameters of the load statement for `keys`. */
export function loadParams(tenant: string, keys: SliceKeys): unknown[] {
  const entities: { kind: EntityKind; id: string }[] = [];
  const add = (kind: EntityKind, ids: readonly string[] | undefined) => {
    for (const id of ids ?? []) entities.push({ kind, id });
  };
  add('node', keys.nodes);
  add('sku', keys.skus);
  add('order', keys.orders);
  add('reservation', keys.reservations);
  add('inbound', keys.inbound);
  add('return', keys.returns);
  const demand = keys.demand ? { skus: keys.demand.skus, ...(keys.demand.nodes ? { nodes: keys.demand.nodes } : {}), from: keys.demand.from, to: keys.demand.to } : null;
  return [
    tenant,
    JSON.stringify(entities),
    JSON.stringify((keys.positions ?? []).map((p) => [p.node, p.sku])),
    JSON.stringify(keys.positionsOfSkus ?? []),
    JSON.stringify(keys.openInboundOfSkus ?? []),
    demand === null ? null : JSON.stringify(demand),
    JSON.stringify((keys.workload ?? []).map((w) => [w.node, w.day])),
  ];
}

/** Folds the tagged rows into a state-shaped slice. */
export function sliceOf(rows: readonly Record<string, unknown>[]): FulfillmentState {
  const state = { nodes: {}, skus: {}, orders: {}, reservations: {}, inbound: {}, returns: {}, positions: {}, demand: {}, workload: {} };
  const out = state as unknown as Record<string, Record<string, unknown>>;
  for (const row of rows) {
    const v = json(row.v);
    switch (row.part) {
      case 'e': {
        const value = v as { id: string };
        put(out[COLLECTION[row.kind as EntityKind]]!, value.id, value);
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

/** Runs the load statement. */
export async function loadSlice(query: Query, schema: string, tenant: string, keys: SliceKeys): Promise<FulfillmentState> {
  const { text, name } = loadStatement(schema);
  return sliceOf(await query(text, loadParams(tenant, keys), name));
}
