import type { Draft } from 'immer';
import { deepFreeze } from '../domain/freeze';
import type { NodeId, SkuId } from '../domain/ids';
import type { Position } from '../domain/inventory';
import { emptyPosition, type FulfillmentState, type NodeWorkload } from '../domain/state';

/** The state collections that hold whole entities by id. */
type EntityCollection = keyof Omit<FulfillmentState, 'positions' | 'demand' | 'workload'>;

/** The entity a collection holds. */
type EntityOf<C extends EntityCollection> = FulfillmentState[C][keyof FulfillmentState[C]];

type Plain = Record<string, unknown>;

/**
 * What an evolver changes the state through during one `fold`: copy-on-write by hand, in place of
 * immer's proxies, which cost more than the rest of a command (16 µs to add one order, 60% of the
 * pure engine's time on a one-line order).
 *
 * - `state` reads the state as the fold has changed it so far; never write through it.
 * - `edit` hands out a deep copy of an entity (or position) the first time the fold touches it;
 *   mutate it freely. Entities are small, so copying one whole costs less than drafting it.
 * - `put` stores a new value; a later `edit` in the same fold copies it before any change, so
 *   event payloads a value shares parts with are never written to.
 *
 * `result()` gives the unchanged parts of every copy back their original objects (an edit that
 * changed nothing returns the original itself, as immer does), so "changed" stays a reference
 * comparison for `planCommit`, then freezes the new state deeply, untouched parts included.
 *
 * @example
 * ```ts
 * const w = new StateWriter(state)
 * const order = w.edit('orders', id)
 * if (order) order.version += 1
 * const next = w.result()
 * ```
 */
export class StateWriter {
  private readonly root: Plain;
  /** Containers this fold copied or created: mutable in place. */
  private readonly owned = new Set<object>();
  /** Values handed out by `edit`, with the slot they sit in and what they were copied from. */
  private readonly copies: { readonly parent: Plain; readonly key: string; readonly original: unknown; readonly copy: Plain }[] = [];
  private readonly edited = new Set<object>();

  constructor(base: FulfillmentState) {
    this.root = { ...base };
    this.owned.add(this.root);
  }

  /** The state as changed so far. Read only. */
  get state(): FulfillmentState {
    return this.root as unknown as FulfillmentState;
  }

  /** A writable entity of `collection`, or undefined when the state holds none with that id. */
  edit<C extends EntityCollection>(collection: C, id: string): Draft<EntityOf<C>> | undefined {
    // A missing entity (not in the slice) leaves its collection as it was: nothing to copy.
    if (!Object.hasOwn(this.root[collection] as Plain, id)) return undefined;
    return this.editIn(this.writable(this.root, collection), id) as Draft<EntityOf<C>>;
  }

  /** Stores `value` as the entity `id` of `collection`, new or replacing the stored one. */
  put<C extends EntityCollection>(collection: C, id: string, value: EntityOf<C>): void {
    setOwn(this.writable(this.root, collection), id, value);
  }

  /** The writable position of `sku` at `node`, created empty when absent. */
  position(node: NodeId, sku: SkuId): Draft<Position> {
    const byNode = this.writable(this.writable(this.root, 'positions'), node);
    if (!Object.hasOwn(byNode, sku)) setOwn(byNode, sku, emptyPosition(node, sku));
    return this.editIn(byNode, sku) as Draft<Position>;
  }

  /** The writable units-per-day record of demand for `sku` at `node`. */
  demandDays(sku: SkuId, node: NodeId): Record<string, number> {
    return this.writable(this.writable(this.writable(this.root, 'demand'), sku), node) as Record<string, number>;
  }

  /** The writable workload-per-day record of `node` (replace its values, never change them). */
  workloadDays(node: NodeId): Record<string, NodeWorkload> {
    return this.writable(this.writable(this.root, 'workload'), node) as Record<string, NodeWorkload>;
  }

  /** The new state: unchanged parts shared with the base, deeply frozen. */
  result(): FulfillmentState {
    for (const { parent, key, original, copy } of this.copies) {
      if (parent[key] === copy && original !== undefined) setOwn(parent, key, reshare(original, copy));
    }
    return deepFreeze(this.root) as unknown as FulfillmentState;
  }

  /** `parent[key]` as a container this fold owns: the same one when owned, else a shallow copy (or a new one). */
  private writable(parent: Plain, key: string): Plain {
    const value = Object.hasOwn(parent, key) ? (parent[key] as Plain | undefined) : undefined;
    if (value !== undefined && this.owned.has(value)) return value;
    const copy: Plain = value === undefined ? {} : { ...value };
    this.owned.add(copy);
    setOwn(parent, key, copy);
    return copy;
  }

  /** `record[id]` deep-copied once per fold. */
  private editIn(record: Plain, id: string): Plain {
    const value = record[id] as Plain;
    if (this.edited.has(value)) return value;
    const copy = cloneDeep(value) as Plain;
    this.edited.add(copy);
    this.copies.push({ parent: record, key: id, original: value, copy });
    setOwn(record, id, copy);
    return copy;
  }
}

/** Sets an own property, `__proto__` included (a plain assignment would set the prototype). */
function setOwn(target: Plain, key: string, value: unknown): void {
  if (key === '__proto__') Object.defineProperty(target, key, { value, writable: true, enumerable: true, configurable: true });
  else target[key] = value;
}

/** A deep copy of plain data (the state holds nothing else). */
function cloneDeep(value: unknown): unknown {
  if (typeof value !== 'object' || value === null) return value;
  if (Array.isArray(value)) return value.map(cloneDeep);
  // A lone spread is V8's fast clone (and defines `__proto__` as an own key); then only the nested
  // members are replaced, each an existing own key, so no assignment can reach the prototype.
  const out: Plain = { ...(value as Plain) };
  for (const key of Object.keys(out)) {
    const member = out[key];
    if (typeof member === 'object' && member !== null) out[key] = cloneDeep(member);
  }
  return out;
}

/**
 * `copy` with every part deep-equal to `original`'s replaced by the original object; `original`
 * itself when nothing differs. Mutates `copy` only, which the fold owns.
 */
function reshare(original: unknown, copy: unknown): unknown {
  if (original === copy || typeof copy !== 'object' || copy === null) return Object.is(original, copy) ? original : copy;
  if (typeof original !== 'object' || original === null || Array.isArray(original) !== Array.isArray(copy)) return copy;
  if (Array.isArray(copy)) {
    const was = original as unknown[];
    let same = was.length === copy.length;
    for (let i = 0; i < copy.length; i++) {
      const part = reshare(was[i], copy[i]);
      if (part !== copy[i]) copy[i] = part;
      if (part !== was[i]) same = false;
    }
    return same ? original : copy;
  }
  const was = original as Plain;
  const now = copy as Plain;
  const keys = Object.keys(now);
  let same = keys.length === Object.keys(was).length;
  for (const key of keys) {
    const had = Object.hasOwn(was, key);
    const part = reshare(had ? was[key] : undefined, now[key]);
    if (part !== now[key]) setOwn(now, key, part);
    if (!had || part !== was[key]) same = false;
  }
  return same ? original : copy;
}
