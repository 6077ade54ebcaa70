/**
 * The in-memory adapter: the embedded default store and transport, for tests, simulations and
 * single-process hosts.
 *
 * @packageDocumentation
 */
export { memoryStore } from './store';
export { memoryTransport } from './transport';
