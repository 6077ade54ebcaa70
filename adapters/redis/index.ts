/**
 * The Redis adapter. Not built yet: it arrives with the production-storage issue and will
 * implement the same `Store` and `Transport` ports as `fulfillkit/adapters/memory`.
 *
 * @packageDocumentation
 */
export {};
