import { describe, expect, it } from 'vitest';
import {
  type ClassifiableItemInput,
  type ClassificationPolicyInput,
  classifyInventory,
  type ItemClassification,
} from '../../src/inventory/classification/index';

// Excess, slow-moving and obsolete stock, item by item.

const TODAY = '2026-03-27';

/** The ISO date `days` before TODAY. */
const daysAgo = (days: number) => new Date(Date.parse(`${TODAY}T00:00:00Z`) - days * 86_400_000).toISOString().slice(0, 10);
const zeros = (n: number) => new Array<number>(n).fill(0);
const only = (item: ClassifiableItemInput, policy?: ClassificationPolicyInput): ItemClassification =>
  classifyInventory([item], policy, TODAY).items[0]!;

describe('excess', () => {
  const excess = (onHand: number, demand: number[], policy?: ClassificationPolicyInput) =>
    only({ sku: 'a', unitValue: 2.5, onHand, demand }, policy).excess;

  it('counts the units beyond 180 days of cover and their value', () => {
    expect(excess(200, [1, 1])).toEqual({ flagged: true, coverDays: 180, coverUnits: 180, excessUnits: 20, excessValue: 50 });
  });

  it('does not flag stock of exactly the cover limit', () => {
    expect(excess(180, [1])).toMatchObject({ flagged: false, excessUnits: 0, excessValue: 0 });
    expect(excess(0, [0])).toMatchObject({ flagged: false, excessUnits: 0 });
  });

  it('counts all of the stock when there is no demand', () => {
    expect(excess(8, [0, 0])).toEqual({ flagged: true, coverDays: 180, coverUnits: 0, excessUnits: 8, excessValue: 20 });
  });

  it('takes the cover limit from the policy', () => {
    expect(excess(200, [2], { excess: { coverDays: 30 } })).toMatchObject({ coverUnits: 60, excessUnits: 140, excessValue: 350 });
  });
});

describe('slow-moving', () => {
  const slow = (item: Partial<ClassifiableItemInput>, policy?: ClassificationPolicyInput) =>
    only({ sku: 'a', unitValue: 1, onHand: 5, demand: [0], ...item }, policy).slowMoving;

  it('flags stock with no demand in the last 90 days', () => {
    expect(slow({ demand: [7, ...zeros(90)] })).toEqual({
      flagged: true,
      windowDays: 90,
      maxUnitsPerDay: 0,
      daysSinceMovement: null,
      demand: { days: 90, periods: 90, spanDays: 90, covered: true, units: 0, unitsPerDay: 0 },
      noMovement: null,
      lowDemand: true,
    });
  });

  it('does not flag stock with demand inside the window, however old within it', () => {
    expect(slow({ demand: [1, ...zeros(89)] })).toMatchObject({ flagged: false, lowDemand: false, demand: { units: 1, covered: true } });
  });

  it('flags demand at most maxUnitsPerDay', () => {
    // 1 unit in 90 days: 0.0111 a day.
    expect(slow({ demand: [1, ...zeros(89)] }, { slowMoving: { maxUnitsPerDay: 0.02 } })).toMatchObject({ flagged: true, lowDemand: true });
    expect(slow({ demand: [9, ...zeros(89)] }, { slowMoving: { maxUnitsPerDay: 0.1 } })).toMatchObject({ flagged: true });
    expect(slow({ demand: [10, ...zeros(89)] }, { slowMoving: { maxUnitsPerDay: 0.1 } })).toMatchObject({ flagged: false });
  });

  it('flags stock with no receipt or shipment in the last 90 days', () => {
    expect(slow({ demand: [3], lastMovementOn: daysAgo(90) })).toMatchObject({ flagged: true, noMovement: true, lowDemand: false, daysSinceMovement: 90 });
    expect(slow({ demand: [0], lastMovementOn: daysAgo(89) })).toMatchObject({ flagged: false, noMovement: false, lowDemand: null });
  });

  it('leaves the demand rule open when the history is shorter than the window', () => {
    expect(slow({ demand: zeros(89) })).toMatchObject({ flagged: false, lowDemand: null, demand: { covered: false, unitsPerDay: null } });
  });

  it('counts the whole oldest period of the window when periods do not divide it', () => {
    // 90 days in weeks: the last 13 weeks (91 days); the unit in the oldest of them counts.
    expect(slow({ demand: [1, ...zeros(12)], periodDays: 7 })).toMatchObject({
      flagged: false,
      demand: { periods: 13, spanDays: 91, units: 1 },
    });
    expect(slow({ demand: [1, ...zeros(13)], periodDays: 7 })).toMatchObject({ flagged: true });
  });

  it('never flags an item without stock', () => {
    expect(slow({ onHand: 0, demand: zeros(100), lastMovementOn: daysAgo(400) })).toMatchObject({ flagged: false, noMovement: true, lowDemand: true });
  });

  it('takes the window from the policy', () => {
    expect(slow({ demand: zeros(30) }, { slowMoving: { days: 30 } })).toMatchObject({ flagged: true, windowDays: 30 });
  });
});

describe('obsolete', () => {
  const obsolete = (item: Partial<ClassifiableItemInput>, policy?: ClassificationPolicyInput) =>
    only({ sku: 'a', unitValue: 1, onHand: 5, demand: [0], ...item }, policy).obsolete;

  it('flags stock with no demand in the last 365 days', () => {
    expect(obsolete({ demand: [4, ...zeros(365)] })).toEqual({
      flagged: true,
      windowDays: 365,
      daysSinceMovement: null,
      daysStocked: null,
      demand: { days: 365, periods: 365, spanDays: 365, covered: true, units: 0, unitsPerDay: 0 },
      noDemand: true,
      stockedLongEnough: null,
    });
  });

  it('does not flag stock with any demand in the window', () => {
    expect(obsolete({ demand: [1, ...zeros(364)] })).toMatchObject({ flagged: false, noDemand: false });
    // Demand in the history outweighs an old lastMovementOn.
    expect(obsolete({ demand: [0, 1], lastMovementOn: daysAgo(500) })).toMatchObject({ flagged: false, noDemand: false });
  });

  it('needs stock first stocked at least 365 days ago, when the date is given', () => {
    expect(obsolete({ demand: zeros(365), firstStockedOn: daysAgo(364) })).toMatchObject({ flagged: false, daysStocked: 364, stockedLongEnough: false });
    expect(obsolete({ demand: zeros(365), firstStockedOn: daysAgo(365) })).toMatchObject({ flagged: true, daysStocked: 365, stockedLongEnough: true });
  });

  it('uses lastMovementOn when the history is shorter than the window', () => {
    expect(obsolete({ demand: zeros(30), lastMovementOn: daysAgo(400) })).toMatchObject({ flagged: true, noDemand: true, daysSinceMovement: 400 });
    expect(obsolete({ demand: zeros(30), lastMovementOn: daysAgo(364) })).toMatchObject({ flagged: false, noDemand: null });
    expect(obsolete({ demand: zeros(30) })).toMatchObject({ flagged: false, noDemand: null });
  });

  it('works in monthly periods', () => {
    // 365 days in 30-day periods: the last 13 (390 days).
    expect(obsolete({ demand: zeros(13), periodDays: 30 })).toMatchObject({ flagged: true, demand: { periods: 13, spanDays: 390 } });
    expect(obsolete({ demand: zeros(12), periodDays: 30 })).toMatchObject({ flagged: false, noDemand: null });
  });

  it('never flags an item without stock', () => {
    expect(obsolete({ onHand: 0, demand: zeros(400) })).toMatchObject({ flagged: false, noDemand: true });
  });

  it('takes the window from the policy', () => {
    expect(obsolete({ demand: zeros(180) }, { obsolete: { days: 180 } })).toMatchObject({ flagged: true, windowDays: 180 });
  });
});
