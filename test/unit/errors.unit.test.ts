import {
  AdapterError,
  ConcurrencyError,
  DuplicateError,
  type ErrorCode,
  FulfillkitError,
  formatPath,
  IdempotencyConflictError,
  IllegalTransitionError,
  InsufficientStockError,
  isFulfillkitError,
  NotFoundError,
  parse,
  ValidationError,
} from 'fulfillkit';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';

const EVERY_ERROR: readonly [string, ErrorCode, FulfillkitError][] = [
  ['FulfillkitError', 'NOT_FOUND', new FulfillkitError('NOT_FOUND', 'base', { x: 1 })],
  ['ValidationError', 'VALIDATION', new ValidationError('where', [{ path: ['a'], message: 'bad', code: 'custom' }])],
  ['InsufficientStockError', 'INSUFFICIENT_STOCK', new InsufficientStockError('short', { node: 'n1' })],
  ['ConcurrencyError', 'CONCURRENCY', new ConcurrencyError('lost')],
  ['IdempotencyConflictError', 'IDEMPOTENCY_CONFLICT', new IdempotencyConflictError('k1')],
  ['IllegalTransitionError', 'ILLEGAL_TRANSITION', new IllegalTransitionError('order', 'o-1', 'shipped', 'cancelled')],
  ['NotFoundError', 'NOT_FOUND', new NotFoundError('order', 'o-1')],
  ['DuplicateError', 'DUPLICATE', new DuplicateError('order', 'o-1')],
  ['AdapterError', 'ADAPTER', new AdapterError('postgres', 'connection refused')],
];

describe('isFulfillkitError', () => {
  it.each(EVERY_ERROR)('is true for %s, which carries code %s', (name, code, error) => {
    expect(isFulfillkitError(error)).toBe(true);
    expect(error).toBeInstanceOf(FulfillkitError);
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe(name);
    expect(error.code).toBe(code);
  });

  it('is true for an error of another copy of the package (same global brand)', () => {
    const fromOtherCopy = Object.assign(new Error('x'), { code: 'VALIDATION', [Symbol.for('fulfillkit.error')]: true });
    expect(isFulfillkitError(fromOtherCopy)).toBe(true);
  });

  it.each([
    ['a plain Error', new Error('boom')],
    ['a TypeError', new TypeError('boom')],
    ['an Error with a code', Object.assign(new Error('boom'), { code: 'VALIDATION', details: {} })],
    ['a look-alike object', { name: 'ValidationError', code: 'VALIDATION', message: 'x', details: { issues: [] } }],
    ['a class named FulfillkitError', new (class FulfillkitError extends Error {})('x')],
    ['a brand that is not true', { [Symbol.for('fulfillkit.error')]: 'true' }],
    ['a brand under a local symbol', { [Symbol('fulfillkit.error')]: true }],
    ['a brand under a string key', { 'fulfillkit.error': true }],
    ['null', null],
    ['undefined', undefined],
    ['a code string', 'VALIDATION'],
  ])('is false for %s', (_name, value) => {
    expect(isFulfillkitError(value)).toBe(false);
  });
});

describe('error details', () => {
  it('keeps the cause, and has none when none is given', () => {
    const cause = new Error('socket closed');
    expect(new ConcurrencyError('lost', {}, { cause }).cause).toBe(cause);
    expect(new AdapterError('redis', 'down', {}, { cause }).cause).toBe(cause);
    expect('cause' in new ConcurrencyError('lost')).toBe(false);
  });

  it('says what went wrong in structured details', () => {
    expect(new IllegalTransitionError('order', 'o-1', 'shipped', 'cancelled')).toMatchObject({
      message: 'order o-1 cannot go from shipped to cancelled',
      details: { entity: 'order', id: 'o-1', from: 'shipped', to: 'cancelled' },
    });
    expect(new NotFoundError('order', 'o-1').details).toEqual({ entity: 'order', id: 'o-1' });
    expect(new DuplicateError('order', 'o-1').message).toBe('order o-1 exists already');
    expect(new IdempotencyConflictError('k1', { command: 'placeOrder' }).details).toEqual({ key: 'k1', command: 'placeOrder' });
    expect(new InsufficientStockError('short', { node: 'n1', sku: 'a' }).details).toEqual({ node: 'n1', sku: 'a' });
  });

  it("prefixes an adapter's errors with its name", () => {
    const e = new AdapterError('postgres', 'connection refused', { host: 'db' });
    expect(e.message).toBe('[fulfillkit:postgres] connection refused');
    expect(e.details).toEqual({ adapter: 'postgres', host: 'db' });
  });
});

describe('ValidationError', () => {
  const Schema = z.strictObject({ lines: z.array(z.strictObject({ sku: z.string().min(1), quantity: z.number().int().min(1) })) });

  it('fromZod keeps every issue path, message and code', () => {
    const result = Schema.safeParse({ lines: [{ sku: 'a', quantity: 1 }, { sku: '', quantity: 0 }] });
    expect(result.success).toBe(false);
    const error = ValidationError.fromZod('placeOrder', result.error!);
    expect(error.issues.map((i) => i.path)).toEqual([
      ['lines', 1, 'sku'],
      ['lines', 1, 'quantity'],
    ]);
    expect(error.issues.map((i) => i.code)).toEqual(['too_small', 'too_small']);
    expect(error.details).toMatchObject({ where: 'placeOrder', issues: error.issues });
    expect(error.cause).toBe(result.error);
    expect(error.message).toMatch(/^placeOrder: lines\[1\]\.sku: .+; lines\[1\]\.quantity: /);
  });

  it('fromZod turns a symbol path member into a string', () => {
    const zodError = new z.ZodError([{ code: 'custom', path: [Symbol.for('key'), 0], message: 'bad', input: 1 }]);
    expect(ValidationError.fromZod('x', zodError).issues[0]?.path).toEqual(['Symbol(key)', 0]);
  });

  it('names the root and counts the issues past three', () => {
    const issues = ['a', 'b', 'c', 'd', 'e'].map((k) => ({ path: [k], message: 'bad', code: 'custom' }));
    expect(new ValidationError('cmd', [{ path: [], message: 'bad', code: 'custom' }]).message).toBe('cmd: (root): bad');
    expect(new ValidationError('cmd', issues).message).toBe('cmd: a: bad; b: bad; c: bad (+2 more)');
  });

  it('is what parse throws', () => {
    expect(parse(z.number(), 1, 'n')).toBe(1);
    expect(() => parse(z.number(), 'x', 'count')).toThrow(ValidationError);
    expect(() => parse(z.number(), 'x', 'count')).toThrow(/^count: \(root\): /);
  });
});

describe('formatPath', () => {
  it.each([
    [['lines', 0, 'quantity'], 'lines[0].quantity'],
    [['order', 'lines', 12, 'sku'], 'order.lines[12].sku'],
    [['node'], 'node'],
    [[0], '[0]'],
    [[0, 'a'], '[0].a'],
    [['matrix', 1, 2], 'matrix[1][2]'],
    [[], ''],
  ] as const)('%j → %j', (path, text) => {
    expect(formatPath(path)).toBe(text);
  });
});
