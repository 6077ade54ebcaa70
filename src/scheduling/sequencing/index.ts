/**
 * Sequencing, the core of release planning: which orders (jobs) a node can get ready before their
 * departures' cutoffs, each resource in its cumulative capacity coordinate. Pure.
 *
 * @packageDocumentation
 */
export { constantResource, type Job, linearResource, type PriorityRule, type Resource, type SequencingPolicy } from './model';
export { type Sequence, scheduleOnResource } from './one-resource';
export type { SequenceOnResources } from './prepared';
export { scheduleOnResources } from './several-resources';
export { scheduleEdd } from './edd';
export { isFeasible } from './feasible';
