import fc from 'fast-check';
import { expect, it } from 'vitest';
import type { JournalEntry } from '../../domain/events';
import { createFulfillment } from '../../runtime/fulfillment';
import { SimulatedClock } from '../../simulation/clock';
import { seededIds } from '../../simulation/random';
import { defineWorld, START, uniqueTenant, wholeJournal } from './fixtures';
import { checkInvariants } from './invariants';
import { emptyModel, type Real } from './model';
import { stepArbitraries } from './steps';
import type { SuiteContext } from './suite';

async function realFor(ctx: SuiteContext, seed: number, check: boolean): Promise<Real & { close(): Promise<void> }> {
  const store = await ctx.factory();
  const tenant = uniqueTenant('model');
  const clock = new SimulatedClock(START);
  const ff = createFulfillment({ store, tenant, clock, ids: seededIds(seed), retry: { baseDelayMs: 0 } });
  await defineWorld(ff);
  const real: Real = { ff, store, tenant, clock, check: check ? (m) => checkInvariants(real, m) : async () => {} };
  return { ...real, close: async () => store.close?.() };
}

/** Invariants 1–5, 7 and 8 after every command of random sequences, against the pure model; then 6. */
export function propertyTests(ctx: SuiteContext): void {
  it(`model-based: invariants hold after every command (${ctx.numRuns} sequences)`, async () => {
    await fc.assert(
      fc.asyncProperty(fc.commands(stepArbitraries(), { maxCommands: ctx.maxCommands, size: 'max' }), fc.integer(), async (steps, seed) => {
        const real = await realFor(ctx, seed, true);
        try {
          await fc.asyncModelRun(() => ({ model: emptyModel(START), real }), steps);
        } finally {
          await real.close();
        }
      }),
      { numRuns: ctx.numRuns, ...ctx.fcParameters },
    );
  });

  it(`invariant 6: the same commands give the same journal, byte for byte (${ctx.numRuns} sequences)`, async () => {
    const steps = fc.array(fc.oneof(...stepArbitraries()), { maxLength: ctx.maxCommands, size: 'max' });
    await fc.assert(
      fc.asyncProperty(steps, fc.integer(), async (list, seed) => {
        const image = async () => {
          const real = await realFor(ctx, seed, false);
          try {
            const model = emptyModel(START);
            for (const step of list) await step.apply(model, real);
            return journalImage(await wholeJournal(real.store, real.tenant), real.tenant);
          } finally {
            await real.close();
          }
        };
        expect(await image()).toBe(await image());
      }),
      { numRuns: ctx.numRuns, ...ctx.fcParameters },
    );
  });
}

/** The journal as text, with the tenant (the one thing two runs must differ in) masked. */
function journalImage(journal: readonly JournalEntry[], tenant: string): string {
  return JSON.stringify(journal).replaceAll(`"tenant":"${tenant}"`, '"tenant":"*"');
}
