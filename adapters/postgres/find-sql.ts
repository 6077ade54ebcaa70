import { type Prepared, prepared, qualified, type Table } from './schema';

/**
 * The store's index queries (due reservations, due releases, orders by status) in one routine
 * planned with sorting disabled. Each has a partial index that returns its rows in the order asked
 * for; the primary key's (tenant, kind) prefix reaches the same rows unordered. With statistics
 * taken while a tenant was small the planner prefers that prefix and a sort, then reads every
 * reservation (order) of the tenant on each call as it grows, until the next ANALYZE. With sorting
 * off the ordered index is the plan whatever the statistics say.
 */
export function findRoutine(t: Readonly<Record<Table, string>>): string {
  return `CREATE OR REPLACE FUNCTION ${t.findEntities}(p_tenant text, p_query text, p_status text, p_due bigint, p_limit bigint)
  RETURNS TABLE (id text) LANGUAGE plpgsql STABLE SET enable_sort = off AS $fn$
  #variable_conflict use_column
  BEGIN
    IF p_query = 'due-reservations' THEN
      RETURN QUERY SELECT e.id::text FROM ${t.entities} e
        WHERE e.tenant = p_tenant AND e.kind = 'reservation' AND e.due_ms IS NOT NULL AND e.due_ms <= p_due
        ORDER BY e.due_ms, e.id LIMIT p_limit;
    ELSIF p_query = 'due-releases' THEN
      -- The kind test is entities_due_releases's predicate word for word (migration 2 says why).
      RETURN QUERY SELECT e.id::text FROM ${t.entities} e
        WHERE e.tenant = p_tenant AND (e.kind = 'order') IS TRUE AND e.due_ms IS NOT NULL AND e.due_ms <= p_due
        ORDER BY e.due_ms, e.id LIMIT p_limit;
    ELSIF p_query = 'orders-by-status' THEN
      RETURN QUERY SELECT e.id::text FROM ${t.entities} e
        WHERE e.tenant = p_tenant AND e.kind = 'order' AND e.status = p_status
        ORDER BY e.placed_at, e.id LIMIT p_limit;
    ELSE
      RAISE EXCEPTION 'find_entities: unknown query %', p_query;
    END IF;
  END
  $fn$`;
}

/** The call of the find routine, prepared once per store. */
export function findCall(schema: string): Prepared {
  return prepared(`SELECT id FROM ${qualified(schema, 'findEntities')}($1, $2, $3, $4, $5)`);
}
