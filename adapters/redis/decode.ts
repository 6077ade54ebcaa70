import { ENTITY_COLLECTIONS, type FulfillmentState, type Position, type SliceKeys } from '../../src/index';
import { child, put } from '../own-records';
import { unescapeId } from './keys';

/** A reply as an array (nil and anything else: empty). */
export const list = (reply: unknown): unknown[] => (Array.isArray(reply) ? reply : []);

/** A bulk string reply (drivers may hand back Buffers), or undefined for nil. */
export function text(reply: unknown): string | undefined {
  if (typeof reply === 'string') return reply;
  if (reply instanceof Uint8Array) return Buffer.from(reply).toString('utf8');
  if (typeof reply === 'number') return String(reply);
  return undefined;
}

type Rec = Record<string, unknown>;

/**
 * A position from its hash (HGETALL's flat field/value list), undefined when there is none.
 * Lots and holds are listed in id order, so the slice does not depend on the hash's encoding.
 */
export function decodePosition(node: string, sku: string, flat: readonly unknown[]): Position | undefined {
  if (flat.length === 0) return undefined;
  const counters: Rec = { onHand: 0, reserved: 0, allocated: 0, safety: 0 };
  const lots = new Map<string, { onHand: number; reserved: number; receivedAt: string; expiresOn?: string }>();
  const channels = new Map<string, number>();
  const lot = (id: string) => {
    const l = lots.get(id) ?? { onHand: 0, reserved: 0, receivedAt: '' };
    lots.set(id, l);
    return l;
  };
  for (let i = 0; i + 1 < flat.length; i += 2) {
    const field = text(flat[i]) ?? '';
    const value = text(flat[i + 1]) ?? '';
    const colon = field.indexOf(':');
    if (colon < 0) {
      if (Object.hasOwn(counters, field)) counters[field] = Number(value);
      continue;
    }
    const id = unescapeId(field.slice(colon + 1));
    switch (field.slice(0, colon)) {
      case 'c':
        channels.set(id, Number(value));
        break;
      case 'lh':
        lot(id).onHand = Number(value);
        break;
      case 'lr':
        lot(id).reserved = Number(value);
        break;
      case 'lt':
        lot(id).receivedAt = value;
        break;
      case 'le':
        lot(id).expiresOn = value;
        break;
    }
  }
  const position: Rec = { node, sku, ...counters };
  if (lots.size > 0) {
    const out: Rec = {};
    for (const id of [...lots.keys()].sort()) {
      const l = lots.get(id)!;
      const value: Rec = { lot: id, onHand: l.onHand, reserved: l.reserved, receivedAt: l.receivedAt };
      if (l.expiresOn !== undefined) value.expiresOn = l.expiresOn;
      put<unknown>(out, id, value);
    }
    position.lots = out;
  }
  if (channels.size > 0) {
    const out: Rec = {};
    for (const id of [...channels.keys()].sort()) put<unknown>(out, id, channels.get(id));
    position.channels = out;
  }
  return position as unknown as Position;
}

/** The load script's reply as a state-shaped slice. */
export function decodeLoad(reply: unknown, keys: SliceKeys, entities: readonly { kind: string; id: string }[]): FulfillmentState {
  const [entityReplies, positionReplies, bySkuReplies, inboundReplies, demandReplies, workloadReplies, departureReplies] = list(reply).map(list);
  const collections: Record<string, Rec> = Object.fromEntries(ENTITY_COLLECTIONS.map(([kind]) => [kind, {}]));
  entities.forEach(({ kind, id }, i) => {
    const json = text(entityReplies?.[i]);
    if (json !== undefined) put(collections[kind]!, id, JSON.parse(json));
  });
  // Open inbound of SKUs and live departures of nodes: `{id, json, id, json, …}` per key asked for.
  const addByIndex = (collection: Rec, replies: unknown[] | undefined, count: number) => {
    for (let i = 0; i < count; i++) {
      const flat = list(replies?.[i]);
      for (let j = 0; j + 1 < flat.length; j += 2) {
        const json = text(flat[j + 1]);
        if (json !== undefined) put(collection, unescapeId(text(flat[j]) ?? ''), JSON.parse(json));
      }
    }
  };
  addByIndex(collections.inbound!, inboundReplies, keys.openInboundOfSkus?.length ?? 0);
  addByIndex(collections.departure!, departureReplies, keys.departuresOfNodes?.length ?? 0);

  const positions: Rec = {};
  const addPosition = (node: string, sku: string, flat: unknown) => {
    const p = decodePosition(node, sku, list(flat));
    if (p) put(child(positions, node), sku, p);
  };
  (keys.positions ?? []).forEach(({ node, sku }, i) => {
    addPosition(node, sku, positionReplies?.[i]);
  });
  (keys.positionsOfSkus ?? []).forEach((sku, i) => {
    const flat = list(bySkuReplies?.[i]);
    for (let j = 0; j + 1 < flat.length; j += 2) addPosition(unescapeId(text(flat[j]) ?? ''), sku, flat[j + 1]);
  });

  const demand: Rec = {};
  (keys.demand?.skus ?? []).forEach((sku, i) => {
    const flat = list(demandReplies?.[i]);
    for (let j = 0; j + 1 < flat.length; j += 2) {
      const byDay = child(child(demand, sku), unescapeId(text(flat[j]) ?? ''));
      const days = list(flat[j + 1]);
      for (let k = 0; k + 1 < days.length; k += 2) put(byDay, unescapeId(text(days[k]) ?? ''), Number(text(days[k + 1])));
    }
  });

  const workload: Rec = {};
  (keys.workload ?? []).forEach(({ node, day }, i) => {
    const [orders, units] = list(workloadReplies?.[i]).map(text);
    if (orders === undefined && units === undefined) return;
    put(child(workload, node), day, { orders: Number(orders ?? 0), units: Number(units ?? 0) });
  });

  const state: Rec = {};
  for (const [kind, field] of ENTITY_COLLECTIONS) state[field] = collections[kind];
  return { ...state, positions, demand, workload } as unknown as FulfillmentState;
}
