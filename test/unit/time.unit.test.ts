import { TZDate } from '@date-fns/tz';
import { format } from 'date-fns';
import fc from 'fast-check';
import { localDate } from 'fulfillkit';
import { describe, expect, it } from 'vitest';

const ZONES = ['UTC', 'Europe/Berlin', 'America/New_York', 'Asia/Kolkata', 'Pacific/Chatham', 'Australia/Lord_Howe', 'America/St_Johns'];

describe('localDate', () => {
  it('is the node-local calendar day', () => {
    expect(localDate(Date.parse('2026-03-27T23:30:00Z'), 'Europe/Berlin')).toBe('2026-03-28');
    expect(localDate(Date.parse('2026-03-27T23:30:00Z'), 'UTC')).toBe('2026-03-27');
    expect(localDate(Date.parse('2026-03-28T03:30:00Z'), 'America/New_York')).toBe('2026-03-27');
  });

  it('agrees with @date-fns/tz on any instant in zones with DST and odd offsets', () => {
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(1990, 0, 1), max: Date.UTC(2060, 0, 1) }), fc.constantFrom(...ZONES), (at, zone) => {
        expect(localDate(at, zone)).toBe(format(new TZDate(at, zone), 'yyyy-MM-dd'));
      }),
      { numRuns: 2_000 },
    );
  });
});
