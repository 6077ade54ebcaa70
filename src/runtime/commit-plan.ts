import type { FulfillmentEvent } from '../domain/events';
import { POSITION_COUNTERS, type Position, type PositionCounter } from '../domain/inventory';
import type { FulfillmentState } from '../domain/state';
import type { Commit, EntityKind, EntityWrite, IdempotencyRecord, PositionChange } from './ports';

const ENTITY_COLLECTIONS: readonly [EntityKind, keyof Omit<FulfillmentState, 'positions'>][] = [
  ['node', 'nodes'],
  ['sku', 'skus'],
  ['order', 'orders'],
  ['reservation', 'reservations'],
];

/**
 * Turns a decision into what the store must apply: the entities that changed (guarded by the
 * version they were loaded at) and each position's net change as a guarded increment.
 * Immer shares unchanged objects, so "changed" is a reference comparison.
 */
export function planCommit(
  before: FulfillmentState,
  after: FulfillmentState,
  events: readonly FulfillmentEvent[],
  idempotency?: IdempotencyRecord,
): Commit {
  const entities: EntityWrite[] = [];
  for (const [kind, collection] of ENTITY_COLLECTIONS) {
    const was = before[collection] as Readonly<Record<string, { version: number }>>;
    const now = after[collection] as Readonly<Record<string, { version: number }>>;
    if (was === now) continue;
    for (const id of Object.keys(now)) {
      const old = Object.hasOwn(was, id) ? was[id] : undefined;
      const value = now[id]!;
      if (old !== value) entities.push({ kind, id, expectedVersion: old?.version ?? 0, value });
    }
  }
  return {
    events,
    positions: positionChanges(before, after),
    entities,
    ...(idempotency ? { idempotency } : {}),
  };
}

function positionChanges(before: FulfillmentState, after: FulfillmentState): PositionChange[] {
  if (before.positions === after.positions) return [];
  const changes: PositionChange[] = [];
  for (const node of Object.keys(after.positions) as (keyof FulfillmentState['positions'])[]) {
    const wasNode = Object.hasOwn(before.positions, node) ? before.positions[node] : undefined;
    const nowNode = after.positions[node]!;
    if (wasNode === nowNode) continue;
    for (const sku of Object.keys(nowNode) as (keyof typeof nowNode)[]) {
      const was = wasNode && Object.hasOwn(wasNode, sku) ? wasNode[sku] : undefined;
      const now = nowNode[sku]!;
      if (was === now) continue;
      const delta = counterDelta(was, now);
      if (Object.keys(delta).length === 0) continue;
      changes.push({
        node: now.node,
        sku: now.sku,
        delta,
        requireAvailable: (delta.reserved ?? 0) > 0 || (delta.allocated ?? 0) > 0,
      });
    }
  }
  return changes;
}

function counterDelta(was: Position | undefined, now: Position): Partial<Record<PositionCounter, number>> {
  const delta: Partial<Record<PositionCounter, number>> = {};
  for (const counter of POSITION_COUNTERS) {
    const d = now[counter] - (was?.[counter] ?? 0);
    if (d !== 0) delta[counter] = d;
  }
  return delta;
}
