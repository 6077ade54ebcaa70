/** Every command the runtime runs, one spec each. */
export * from './master-data';
export * from './stock';
export * from './reservations';
export * from './orders';
export * from './scheduling';
