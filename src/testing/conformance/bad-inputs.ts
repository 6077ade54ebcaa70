import { LIMITS } from '../../domain/limits';
import type { Fulfillment } from '../../runtime/fulfillment';

/** A malformed command and the issue path its `ValidationError` must name. */
export interface BadInput {
  readonly name: string;
  readonly path: readonly (string | number)[];
  readonly call: (ff: Fulfillment) => Promise<unknown>;
}

const line = (quantity: unknown, sku: unknown = 'a') => ({ id: 'l0', sku, quantity });
const order = (lines: unknown[], extra: Record<string, unknown> = {}) => ({ id: 'bad-order', channel: 'web', lines, ...extra });
// Inputs arrive as untyped JSON in real hosts; the casts let the tests send what the types forbid.
const place = (input: unknown) => (ff: Fulfillment) => ff.placeOrder(input as Parameters<Fulfillment['placeOrder']>[0]);
const receive = (input: unknown) => (ff: Fulfillment) => ff.receiveStock(input as Parameters<Fulfillment['receiveStock']>[0]);
const adjust = (input: unknown) => (ff: Fulfillment) => ff.adjustStock(input as Parameters<Fulfillment['adjustStock']>[0]);
const defineNode = (input: unknown) => (ff: Fulfillment) => ff.defineNode(input as Parameters<Fulfillment['defineNode']>[0]);
const defineSku = (input: unknown) => (ff: Fulfillment) => ff.defineSku(input as Parameters<Fulfillment['defineSku']>[0]);
const cancel = (input: unknown) => (ff: Fulfillment) => ff.cancelOrder(input as Parameters<Fulfillment['cancelOrder']>[0]);
const release = (input: unknown) => (ff: Fulfillment) => ff.releaseOrder(input as Parameters<Fulfillment['releaseOrder']>[0]);
const ship = (input: unknown) => (ff: Fulfillment) => ff.shipOrder(input as Parameters<Fulfillment['shipOrder']>[0]);
const expire = (input: unknown) => (ff: Fulfillment) => ff.expireReservations(input as Parameters<Fulfillment['expireReservations']>[0]);

/** Every kind of bad input the runtime must refuse with a path, writing nothing. */
export const BAD_INPUTS: readonly BadInput[] = [
  { name: 'NaN quantity', path: ['order', 'lines', 0, 'quantity'], call: place({ node: 'n1', order: order([line(Number.NaN)]) }) },
  { name: 'negative quantity', path: ['order', 'lines', 0, 'quantity'], call: place({ node: 'n1', order: order([line(-3)]) }) },
  { name: 'fractional quantity', path: ['order', 'lines', 0, 'quantity'], call: place({ node: 'n1', order: order([line(1.5)]) }) },
  { name: 'Infinity quantity', path: ['order', 'lines', 0, 'quantity'], call: place({ node: 'n1', order: order([line(Number.POSITIVE_INFINITY)]) }) },
  { name: 'quantity as string', path: ['order', 'lines', 0, 'quantity'], call: place({ node: 'n1', order: order([line('2')]) }) },
  { name: 'unknown SKU', path: ['order', 'lines', 0, 'sku'], call: place({ node: 'n1', order: order([line(1, 'no-such-sku')]) }) },
  { name: 'unknown node', path: ['node'], call: place({ node: 'nowhere', order: order([line(1)]) }) },
  {
    name: '__proto__ key',
    path: ['order'],
    call: place(JSON.parse('{"node":"n1","order":{"id":"p","channel":"web","lines":[{"id":"l","sku":"a","quantity":1}],"__proto__":{"polluted":true}}}')),
  },
  {
    name: '__proto__ attribute',
    path: ['order', 'attributes', '__proto__'],
    call: place(JSON.parse('{"node":"n1","order":{"id":"p","channel":"web","lines":[{"id":"l","sku":"a","quantity":1}],"attributes":{"__proto__":"x"}}}')),
  },
  { name: 'separator in id', path: ['order', 'lines', 0, 'sku'], call: place({ node: 'n1', order: order([line(1, 'a:b')]) }) },
  { name: 'hash tag in id', path: ['order', 'id'], call: place({ node: 'n1', order: { ...order([line(1)]), id: '{t}x' } }) },
  {
    name: 'oversize order',
    path: ['order', 'lines'],
    call: place({ node: 'n1', order: order(Array.from({ length: LIMITS.orderLines + 1 }, (_, i) => ({ id: `l${i}`, sku: 'a', quantity: 1 }))) }),
  },
  { name: 'duplicate line ids', path: ['order', 'lines', 1, 'id'], call: place({ node: 'n1', order: order([line(1), line(2)]) }) },
  { name: 'zero receipt', path: ['quantity'], call: receive({ node: 'n1', sku: 'a', quantity: 0 }) },
  { name: 'receipt at unknown node', path: ['node'], call: receive({ node: 'nowhere', sku: 'a', quantity: 1 }) },
  { name: 'huge receipt', path: ['quantity'], call: receive({ node: 'n1', sku: 'a', quantity: LIMITS.quantity + 1 }) },
  { name: 'zero adjustment', path: ['delta'], call: adjust({ node: 'n1', sku: 'a', delta: 0, reason: 'damage' }) },
  { name: 'unknown reason', path: ['reason'], call: adjust({ node: 'n1', sku: 'a', delta: 1, reason: 'because' }) },
  { name: 'extra field', path: [], call: receive({ node: 'n1', sku: 'a', quantity: 1, qty: 1 }) },
  { name: 'hold of NaN ms', path: ['holdForMs'], call: place({ node: 'n1', holdForMs: Number.NaN, order: order([line(1)]) }) },
  { name: 'node in no time zone', path: ['timeZone'], call: defineNode({ id: 'n9', timeZone: 'Mars/Olympus' }) },
  { name: 'node with __proto__', path: [], call: defineNode(JSON.parse('{"id":"n9","__proto__":{"polluted":true}}')) },
  { name: 'node at latitude 91', path: ['geo', 'lat'], call: defineNode({ id: 'n9', geo: { lat: 91, lon: 0 } }) },
  { name: 'SKU of negative weight', path: ['weightG'], call: defineSku({ id: 's9', weightG: -1 }) },
  { name: 'SKU id with a slash', path: ['id'], call: defineSku({ id: 'a/b' }) },
  { name: 'cancel an id with a separator', path: ['order'], call: cancel('o:1') },
  { name: 'release an empty id', path: ['order'], call: release({ order: '' }) },
  { name: 'ship a numeric id', path: ['order'], call: ship({ order: 42 }) },
  { name: 'expire in batches of 0', path: ['batchSize'], call: expire({ batchSize: 0 }) },
  { name: 'expire at no instant', path: ['now'], call: expire({ now: 'yesterday' }) },
];
