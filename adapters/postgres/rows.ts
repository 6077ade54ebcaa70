import { AdapterError, type JournalEntry, type Position } from '../../src/index';

/** A bigint column or a JSON number as a JS number: pg returns int8 as a string, PGlite as a number. */
export function num(value: unknown): number {
  if (typeof value === 'number') return value;
  if (typeof value === 'string' || typeof value === 'bigint') {
    const n = Number(value);
    if (Number.isFinite(n)) return n;
  }
  throw new AdapterError('postgres', `expected a number, read ${String(value)}`, { value: String(value) });
}

/** A json/jsonb column's value: drivers parse it already, unless the host turned their parsers off. */
export function json(value: unknown): unknown {
  return typeof value === 'string' ? JSON.parse(value) : value;
}

/** A positions row (or its JSON image) as a `Position`; lots and channel holds only when stored. */
export function positionOf(row: Record<string, unknown>): Position {
  const lots = json(row.lots);
  const channels = json(row.channels);
  return {
    node: row.node,
    sku: row.sku,
    onHand: num(row.on_hand),
    reserved: num(row.reserved),
    allocated: num(row.allocated),
    safety: num(row.safety),
    ...(lots === null || lots === undefined ? {} : { lots }),
    ...(channels === null || channels === undefined ? {} : { channels }),
  } as Position;
}

/** A journal row as an entry. */
export function entryOf(row: Record<string, unknown>): JournalEntry {
  return { seq: num(row.seq), event: json(row.event) as JournalEntry['event'] };
}
