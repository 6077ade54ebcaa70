import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../src/domain/errors';
import {
  type ClassifiableItemInput,
  type ClassificationPolicyInput,
  classifyInventory,
  MAX_CLASSIFIED_ITEMS,
  MAX_DEMAND_PERIODS,
} from '../../src/inventory/classification/index';

const TODAY = '2026-03-27';
const run = (items: readonly ClassifiableItemInput[]) => classifyInventory(items, undefined, TODAY);

describe('bad input', () => {
  const good = (): ClassifiableItemInput => ({ sku: 'a', unitValue: 1, onHand: 1, demand: [1] });
  const refusal = (items: readonly unknown[], policy?: unknown, today: string = TODAY): ValidationError => {
    try {
      classifyInventory(items as ClassifiableItemInput[], policy as ClassificationPolicyInput, today);
    } catch (e) {
      if (e instanceof ValidationError) return e;
      throw e;
    }
    throw new Error('expected a ValidationError');
  };
  const paths = (e: ValidationError) => e.issues.map((i) => i.path);

  it.each([
    ['a negative demand', { demand: [1, 2, -1] }, ['items', 1, 'demand', 2]],
    ['an infinite demand', { demand: [1, Number.POSITIVE_INFINITY] }, ['items', 1, 'demand', 1]],
    ['a demand that is not a number', { demand: [1, '2'] }, ['items', 1, 'demand', 1]],
    ['a demand beyond safe integers', { demand: [2 ** 60] }, ['items', 1, 'demand', 0]],
    ['a history that is not an array', { demand: { 0: 1, length: 1 } }, ['items', 1, 'demand']],
    ['a NaN unit value', { unitValue: Number.NaN }, ['items', 1, 'unitValue']],
    ['an infinite on-hand', { onHand: Number.POSITIVE_INFINITY }, ['items', 1, 'onHand']],
    ['a negative on-hand', { onHand: -1 }, ['items', 1, 'onHand']],
    ['an empty history', { demand: [] }, ['items', 1, 'demand']],
    ['a fractional period', { periodDays: 1.5 }, ['items', 1, 'periodDays']],
    ['a zero period', { periodDays: 0 }, ['items', 1, 'periodDays']],
    ['a SKU with a separator', { sku: 'a:b' }, ['items', 1, 'sku']],
    ['an unknown field', { colour: 'red' }, ['items', 1]],
    ['an impossible date', { lastMovementOn: '2026-13-01' }, ['items', 1, 'lastMovementOn']],
    ['a date after today', { firstStockedOn: '2026-03-28' }, ['items', 1, 'firstStockedOn']],
  ])('refuses %s with its path', (_, patch, path) => {
    const e = refusal([{ ...good(), sku: 'ok' }, { ...good(), ...patch }]);
    expect(e.code).toBe('VALIDATION');
    expect(paths(e)).toEqual([path]);
  });

  it('refuses a history longer than 10 000 periods without reading a period', () => {
    let reads = 0;
    const history = new Proxy(new Array<number>(MAX_DEMAND_PERIODS + 1).fill(0), {
      get: (target, key, receiver) => {
        if (typeof key === 'string' && /^\d+$/.test(key)) reads += 1;
        return Reflect.get(target, key, receiver);
      },
    });
    expect(paths(refusal([{ ...good(), demand: history }]))).toEqual([['items', 0, 'demand']]);
    expect(reads).toBe(0);
    expect(() => run([{ ...good(), demand: new Array<number>(MAX_DEMAND_PERIODS).fill(0) }])).not.toThrow();
  });

  it('says what is wrong with a period', () => {
    const e = refusal([{ ...good(), demand: [Number.NaN, 'x', -2, null] }]);
    expect(e.issues.map((i) => [i.path, i.code, i.message])).toEqual([
      [['items', 0, 'demand', 0], 'invalid_type', 'Invalid input: expected number, received NaN'],
      [['items', 0, 'demand', 1], 'invalid_type', 'Invalid input: expected number, received string'],
      [['items', 0, 'demand', 2], 'too_small', 'Too small: expected number to be >=0'],
      [['items', 0, 'demand', 3], 'invalid_type', 'Invalid input: expected number, received null'],
    ]);
  });

  it('refuses more than 100 000 items without reading one', () => {
    let reads = 0;
    const item = {};
    for (const [key, value] of Object.entries(good())) {
      Object.defineProperty(item, key, {
        enumerable: true,
        get: () => {
          reads += 1;
          return value;
        },
      });
    }
    const e = refusal(new Array<object>(MAX_CLASSIFIED_ITEMS + 1).fill(item));
    expect(paths(e)).toEqual([['items']]);
    expect(reads).toBe(0);
  });

  it('refuses the same SKU at the same node twice, but not at two nodes', () => {
    const e = refusal([good(), { ...good(), node: 'n1' }, { ...good(), node: 'n2' }, { ...good(), node: 'n1' }]);
    expect(paths(e)).toEqual([['items', 3, 'sku']]);
    expect(e.issues[0]!.message).toContain('items[1]');
  });

  it('refuses a bad policy with its path', () => {
    expect(paths(refusal([good()], { abc: { a: 0.9, b: 0.8 } }))).toEqual([['policy', 'abc', 'b']]);
    expect(paths(refusal([good()], { xyz: { x: 2, y: 1 } }))).toEqual([['policy', 'xyz', 'y']]);
    expect(paths(refusal([good()], { abc: { a: 1.2 } }))).toEqual([['policy', 'abc', 'a']]);
    expect(paths(refusal([good()], { slowMoving: { days: 0 } }))).toEqual([['policy', 'slowMoving', 'days']]);
    expect(paths(refusal([good()], { excess: { coverDays: -1 } }))).toEqual([['policy', 'excess', 'coverDays']]);
    expect(paths(refusal([good()], { obsolete: { days: 1.5 } }))).toEqual([['policy', 'obsolete', 'days']]);
    expect(paths(refusal([good()], { abcd: {} }))).toEqual([['policy']]);
  });

  it('refuses a bad today', () => {
    expect(paths(refusal([good()], undefined, '27/03/2026'))).toEqual([['today']]);
  });

  it('reports every bad field at once', () => {
    const e = refusal([{ ...good(), unitValue: -1 }, good(), { ...good(), demand: [Number.NaN] }]);
    expect(paths(e)).toEqual([
      ['items', 0, 'unitValue'],
      ['items', 2, 'demand', 0],
    ]);
  });
});
