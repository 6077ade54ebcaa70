/**
 * Test tools for fulfillkit and its adapters: the conformance suite, a given/when/then helper for
 * deciders, a simulated clock and seeded id and random sources. Needs `vitest` and `fast-check`.
 *
 * @packageDocumentation
 */
export { conformanceSuite, type ConformanceOptions, type StoreFactory } from './conformance/index';
export { scheduledStore } from './conformance/races';
export { uniqueTenant, replayAndLoad, canonical } from './conformance/fixtures';
export { BAD_INPUTS, type BadInput } from './conformance/bad-inputs';
export { deciderSpec, given, type Then } from './spec';
export { SimulatedClock } from '../simulation/clock';
export { seededIds, seededRandom, sequentialIds } from '../simulation/random';
