import fc from 'fast-check';
import {
  Calendar,
  ChannelId,
  createFulfillment,
  fingerprint,
  LIMITS,
  LineId,
  Node,
  NodeId,
  OrderId,
  OrderInput,
  PlaceOrderInput,
  ReservationId,
  SkuId,
  stableStringify,
  TenantId,
  TimeZone,
  ValidationError,
} from 'fulfillkit';
import { memoryStore } from 'fulfillkit/adapters/memory';
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';

const pathsOf = (result: { success: boolean; error?: z.ZodError | undefined }) => result.error?.issues.map((i) => i.path) ?? [];

/** A line whose every field is a getter that counts its reads: proof of whether zod looked inside. */
function countingLine(counter: { reads: number }, i: number): object {
  const line = {};
  for (const [key, value] of Object.entries({ id: `l${i}`, sku: 'a', quantity: 1 })) {
    Object.defineProperty(line, key, {
      enumerable: true,
      get: () => {
        counter.reads += 1;
        return value;
      },
    });
  }
  return line;
}
const orderWith = (lines: readonly unknown[]) => ({ node: 'n1', order: { id: 'o-1', channel: 'web', lines } });

describe('size limits', () => {
  it('refuses 1,000,001 lines at order.lines without reading a single line', () => {
    const counter = { reads: 0 };
    const lines = new Array<object>(1_000_001).fill(countingLine(counter, 0));
    const result = PlaceOrderInput.safeParse(orderWith(lines));
    expect(result.success).toBe(false);
    expect(pathsOf(result)).toEqual([['order', 'lines']]);
    expect(counter.reads).toBe(0);
  });

  it('refuses it through the runtime too, as VALIDATION, still without reading a line', async () => {
    const counter = { reads: 0 };
    const ff = createFulfillment({ store: memoryStore() });
    const lines = new Array<object>(1_000_001).fill(countingLine(counter, 0));
    const input = orderWith(lines) as Parameters<typeof ff.placeOrder>[0];
    await expect(ff.placeOrder(input)).rejects.toMatchObject({ code: 'VALIDATION', issues: [{ path: ['order', 'lines'] }] });
    expect(counter.reads).toBe(0);
  });

  it('(control) does read the lines of an order within the limit', () => {
    const counter = { reads: 0 };
    const lines = Array.from({ length: LIMITS.orderLines }, (_, i) => countingLine(counter, i));
    expect(PlaceOrderInput.safeParse(orderWith(lines)).success).toBe(true);
    expect(counter.reads).toBeGreaterThanOrEqual(3 * LIMITS.orderLines);
  });

  it('refuses one line over the limit, and quantities over LIMITS.quantity', () => {
    const lines = Array.from({ length: LIMITS.orderLines + 1 }, (_, i) => ({ id: `l${i}`, sku: 'a', quantity: 1 }));
    expect(pathsOf(PlaceOrderInput.safeParse(orderWith(lines)))).toEqual([['order', 'lines']]);
    expect(pathsOf(PlaceOrderInput.safeParse(orderWith([{ id: 'l', sku: 'a', quantity: LIMITS.quantity + 1 }])))).toEqual([
      ['order', 'lines', 0, 'quantity'],
    ]);
  });

  it('refuses too many tags and too long text', () => {
    const base = { id: 'o-1', channel: 'web', lines: [{ id: 'l', sku: 'a', quantity: 1 }] };
    const tags = Array.from({ length: LIMITS.tags + 1 }, (_, i) => `t${i}`);
    expect(pathsOf(OrderInput.safeParse({ ...base, tags }))).toEqual([['tags']]);
    const shipTo = { lines: ['x'.repeat(LIMITS.textLength + 1)], city: 'Berlin', country: 'DE' };
    expect(pathsOf(OrderInput.safeParse({ ...base, shipTo }))).toEqual([['shipTo', 'lines', 0]]);
  });
});

describe('ids', () => {
  const SCHEMAS = { NodeId, SkuId, OrderId, TenantId, ChannelId, LineId, ReservationId } as const;
  const BAD = ['a:b', 'a/b', '{a}', 'a}', 'a{', 'a b', ' a', 'a\tb', 'a\nb', '', '-a', 'x'.repeat(LIMITS.idLength + 1)];
  const GOOD = ['a', 'tee-M_2', 'n1.berlin', 'x~y+z=w@v', '0', 'x'.repeat(LIMITS.idLength)];

  it.each(Object.entries(SCHEMAS))('%s refuses separators, spaces, empty and over-long ids', (_name, schema) => {
    for (const id of BAD) expect(schema.safeParse(id).success, JSON.stringify(id)).toBe(false);
    for (const id of GOOD) expect(schema.safeParse(id).success, JSON.stringify(id)).toBe(true);
  });

  it('names the field of a bad id inside an order', () => {
    const result = OrderInput.safeParse({ id: 'o:1', channel: 'we b', lines: [{ id: 'l/1', sku: '{a}', quantity: 1 }] });
    expect(pathsOf(result)).toEqual([['id'], ['channel'], ['lines', 0, 'id'], ['lines', 0, 'sku']]);
  });
});

describe('attributes', () => {
  const order = (attributes: string) =>
    JSON.parse(`{"id":"o","channel":"web","lines":[{"id":"l","sku":"a","quantity":1}],"attributes":${attributes}}`) as unknown;

  it.each(['__proto__', 'constructor', 'prototype'])('refuses a %s key with its path', (key) => {
    const result = OrderInput.safeParse(order(`{"gift":"yes","${key}":"x"}`));
    expect(result.success).toBe(false);
    expect(pathsOf(result)).toContainEqual(['attributes', key]);
    expect(({} as Record<string, unknown>).x).toBeUndefined();
  });

  it('refuses a __proto__ object without polluting any prototype', () => {
    const result = OrderInput.safeParse(order('{"__proto__":{"polluted":"yes"}}'));
    expect(pathsOf(result)).toContainEqual(['attributes', '__proto__']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('keeps ordinary attributes', () => {
    const result = OrderInput.safeParse(order('{"gift":"yes","note":""}'));
    expect(result.success && result.data.attributes).toEqual({ gift: 'yes', note: '' });
  });
});

describe('time zones', () => {
  it.each(['Europe/Berlin', 'UTC', 'America/New_York', 'Asia/Kolkata'])('accepts %s', (zone) => {
    expect(TimeZone.safeParse(zone).success).toBe(true);
    expect(Node.parse({ id: 'n1', timeZone: zone }).timeZone).toBe(zone);
  });

  it.each(['Mars/Base', '', 'Europe/Berlinn', 'x'.repeat(65)])('refuses %j', (zone) => {
    expect(TimeZone.safeParse(zone).success).toBe(false);
    const paths = pathsOf(Node.safeParse({ id: 'n1', timeZone: zone }));
    expect(paths.length).toBeGreaterThan(0);
    expect(paths.every((p) => p.length === 1 && p[0] === 'timeZone')).toBe(true);
  });

  it('checks a calendar’s zone too, and defaults a node to UTC', () => {
    const week = [[], [], [], [], [], [], []];
    expect(Calendar.safeParse({ id: 'c', timeZone: 'Europe/Berlin', week }).success).toBe(true);
    expect(pathsOf(Calendar.safeParse({ id: 'c', timeZone: 'Mars/Base', week }))).toEqual([['timeZone']]);
    expect(Node.parse({ id: 'n1' }).timeZone).toBe('UTC');
  });
});

describe('fingerprint and stableStringify', () => {
  it('ignore key order, at every depth', () => {
    const a = { node: 'n1', order: { id: 'o', lines: [{ sku: 'a', quantity: 1 }] }, z: null };
    const b = { z: null, order: { lines: [{ quantity: 1, sku: 'a' }], id: 'o' }, node: 'n1' };
    expect(stableStringify(a)).toBe(stableStringify(b));
    expect(stableStringify(b)).toBe('{"node":"n1","order":{"id":"o","lines":[{"quantity":1,"sku":"a"}]},"z":null}');
    expect(fingerprint('placeOrder', a)).toBe(fingerprint('placeOrder', b));
  });

  it('drop undefined members as JSON does, and keep array order', () => {
    expect(stableStringify({ a: 1, b: undefined })).toBe(stableStringify({ a: 1 }));
    expect(stableStringify([1, undefined])).toBe('[1,null]');
    expect(stableStringify(['a', 'b'])).not.toBe(stableStringify(['b', 'a']));
    expect(stableStringify(undefined)).toBe('null');
  });

  it('write what releases before the one-pass builder wrote (stored fingerprints must not change)', () => {
    // The builder of 0.x, word for word: keys sorted by code unit, undefined members dropped.
    const previous = (value: unknown): string => {
      if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
      if (Array.isArray(value)) return `[${value.map((v) => (v === undefined ? 'null' : previous(v))).join(',')}]`;
      const entries = Object.keys(value)
        .filter((k) => (value as Record<string, unknown>)[k] !== undefined)
        .sort()
        .map((k) => `${JSON.stringify(k)}:${previous((value as Record<string, unknown>)[k])}`);
      return `{${entries.join(',')}}`;
    };
    const member = fc.oneof(fc.jsonValue(), fc.constant(undefined), fc.double(), fc.constant(-0), fc.boolean());
    const value = fc.oneof(fc.jsonValue(), fc.dictionary(fc.string(), member, { maxKeys: 40 }), fc.array(member));
    fc.assert(
      fc.property(value, (v) => {
        expect(stableStringify(v)).toBe(previous(v));
      }),
    );
  });

  it('tell apart other payloads and other commands', () => {
    const input = { node: 'n1', sku: 'a', quantity: 5 };
    expect(fingerprint('receiveStock', input)).not.toBe(fingerprint('receiveStock', { ...input, quantity: 6 }));
    expect(fingerprint('receiveStock', input)).not.toBe(fingerprint('adjustStock', input));
    expect(fingerprint('receiveStock', { a: '1' })).not.toBe(fingerprint('receiveStock', { a: 1 }));
    expect(fingerprint('receiveStock', input)).toMatch(/^receiveStock:[0-9a-f]{16}$/);
  });
});

describe('parse errors', () => {
  it('are ValidationErrors naming the command', () => {
    const result = PlaceOrderInput.safeParse(orderWith([]));
    expect(result.success).toBe(false);
    const error = ValidationError.fromZod('placeOrder', result.error!);
    expect(error.issues.map((i) => i.path)).toEqual([['order', 'lines']]);
    expect(error.message).toMatch(/^placeOrder: order\.lines: /);
  });
});
