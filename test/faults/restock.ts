import type { StoreKind } from '../contention/open-store';

/** The fault suite's restocker: its configuration, consumer group and keys (imported without starting it). */
export interface RestockerConfig {
  readonly kind: StoreKind;
  readonly tenant: string;
  readonly node: string;
  readonly url?: string | undefined;
  readonly appName?: string | undefined;
}

/** The consumer group the restocker reads in. */
export const RESTOCK_GROUP = 'fault-restock';

/** The receipt's reference and idempotency key for line `index` of the order placed by `eventId`. */
export const restockKey = (eventId: string, index: number) => `restock:${eventId}:${index}`;

/** How many times the event should be delivered: 1, 2 or 3, from its id (the same in every process). */
export function wantedDeliveries(eventId: string): number {
  let h = 0;
  for (const c of eventId) h = (h * 31 + c.charCodeAt(0)) >>> 0;
  return 1 + (h % 3);
}
