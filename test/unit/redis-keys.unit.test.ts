import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { escapeId, keySlot, tenantKeys, unescapeId } from '../../adapters/redis/keys';
import { readReplyEntries, streamEntry } from '../../adapters/redis/stream';

describe('redis keys', () => {
  it('escapes ids one to one, never leaving a separator or a brace', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), fc.string({ unit: 'binary' }), (a, b) => {
        const ea = escapeId(a);
        expect(ea).toMatch(/^[A-Za-z0-9_.~+=@%-]*$/);
        expect(unescapeId(ea)).toBe(a);
        if (a !== b) expect(ea).not.toBe(escapeId(b));
      }),
      { numRuns: 2_000 },
    );
    expect(escapeId('o-1.a+b=c@d~e_f')).toBe('o-1.a+b=c@d~e_f');
    expect(escapeId('a:{b}%')).toBe('a%003A%007Bb%007D%0025');
  });

  it('tags every key with the tenant only', () => {
    const keys = tenantKeys('fk', 'acme}:{x');
    expect(keys.base).toBe('fk:{acme%007D%003A%007Bx}:');
    expect(keySlot(keys.journal)).toBe(keySlot(keys.idempotency('k:{other}')));
    expect(keySlot(keys.journal)).toBe(keySlot(keys.deadLetters('g{1}')));
  });
});

describe('redis stream replies', () => {
  const entry = ['0-7', ['e', JSON.stringify({ id: 'e7' })]];
  it('reads XREADGROUP in RESP2, RESP3 flat and RESP3 map shapes', () => {
    for (const reply of [[['k', [entry]]], ['k', [entry]], { k: [entry] }]) {
      const entries = readReplyEntries(reply);
      expect(entries).toHaveLength(1);
      expect(streamEntry(entries[0])).toEqual({ id: '0-7', entry: { seq: 7, event: { id: 'e7' } } });
    }
    expect(readReplyEntries(null)).toEqual([]);
    expect(readReplyEntries([])).toEqual([]);
  });
});
