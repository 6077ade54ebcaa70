/**
 * Names that reach SQL text. Values always travel as parameters; the only identifiers in the text
 * are the schema (validated here, then double-quoted) and the table names below (the allow-list).
 */

/** The schema fulfillkit's tables live in unless the host names another. */
export const DEFAULT_SCHEMA = 'fulfillkit';

const SCHEMA_PATTERN = /^[a-z_][a-z0-9_]{0,62}$/;

/** The tables and routines of the adapter: no other name is ever put into SQL text. */
export const TABLES = {
  migrations: 'migrations',
  routines: 'routines',
  tenants: 'tenants',
  positions: 'positions',
  entities: 'entities',
  demand: 'demand',
  workload: 'workload',
  journal: 'journal',
  idempotency: 'idempotency',
  groups: 'consumer_groups',
  outbox: 'outbox',
  deadLetters: 'dead_letters',
  addCounts: 'add_counts',
  addLots: 'add_lots',
  commitChanges: 'commit_changes',
  loadSlice: 'load_slice',
  findEntities: 'find_entities',
} as const;

/** A table of the allow-list. */
export type Table = keyof typeof TABLES;

/** The NOTIFY channel commits wake relays on; the payload says which schema and tenant. */
export const OUTBOX_CHANNEL = 'fulfillkit_outbox';

/**
 * Checks a schema name against `^[a-z_][a-z0-9_]{0,62}$` and returns it; anything else throws,
 * so no input can reach SQL text through it.
 */
export function checkSchema(schema: string | undefined): string {
  const name = schema ?? DEFAULT_SCHEMA;
  if (!SCHEMA_PATTERN.test(name)) throw new TypeError(`[fulfillkit:postgres] schema ${JSON.stringify(name)} must match ${SCHEMA_PATTERN}`);
  return name;
}

/** `"schema".table` for a table of the allow-list. */
export function qualified(schema: string, table: Table): string {
  return `"${checkSchema(schema)}".${TABLES[table]}`;
}

/** Qualified names of every table of a schema, for building statements. */
export function tablesOf(schema: string): Readonly<Record<Table, string>> {
  const out = {} as Record<Table, string>;
  for (const table of Object.keys(TABLES) as Table[]) out[table] = qualified(schema, table);
  return out;
}

/** A statement with the name its prepared form goes by. */
export interface Prepared {
  readonly text: string;
  readonly name: string;
}

/** Names a statement for preparing: build it once (per store, per relay), not on every call. */
export function prepared(text: string): Prepared {
  return { text, name: statementName(text) };
}

/** A short stable hash of a statement's text, to name its prepared form. */
export function statementName(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return `fulfillkit_${(h >>> 0).toString(36)}_${text.length.toString(36)}`;
}
