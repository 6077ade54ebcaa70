import EventEmitter from 'eventemitter3';
import type { JournalEntry, TenantId, Transport } from '../../src/index';

/**
 * An in-process transport: every runtime that shares it hears every other's committed events, as
 * app instances would through a broker. Handlers run after `publish` resolves, one at a time per
 * publish call; a failing handler is reported to `onError` and does not stop the others.
 *
 * @example
 * ```ts
 * const transport = memoryTransport()
 * await transport.subscribe('default', (entry) => console.log(entry.event.type))
 * ```
 */
export function memoryTransport(options: { onError?: (error: unknown) => void } = {}): Transport {
  const bus = new EventEmitter<Record<string, [entries: readonly JournalEntry[]]>>();
  const onError = options.onError ?? ((error: unknown) => console.error('[fulfillkit:memory] subscriber failed:', error));
  return {
    async publish(tenant: TenantId, entries) {
      bus.emit(tenant, entries);
    },
    async subscribe(tenant, handler) {
      const listener = (entries: readonly JournalEntry[]) => {
        void (async () => {
          for (const entry of entries) {
            try {
              await handler(entry);
            } catch (error) {
              onError(error);
            }
          }
        })();
      };
      bus.on(tenant, listener);
      return async () => {
        bus.off(tenant, listener);
      };
    },
  };
}
