/**
 * The fault suite's event consumer, a process of its own: for every `OrderPlaced` it hears
 * through the store's transport it receives each line's units back at the node ("restock"), one
 * `receiveStock` per line keyed by the event's id, so a redelivered event changes nothing twice.
 * It fails each event's first deliveries on purpose, so every event is delivered 1–3 times (more
 * when the process is killed), and prints one line per delivery.
 */
import { createFulfillment, type JournalEntry, type TenantId } from 'fulfillkit';
import { openStore } from '../contention/open-store';
import { RESTOCK_GROUP, type RestockerConfig, restockKey, wantedDeliveries } from './restock';

async function main(config: RestockerConfig): Promise<void> {
  const opened = await openStore(config.kind, { url: config.url, appName: config.appName });
  const ff = createFulfillment({ store: opened.store, tenant: config.tenant, retry: { attempts: 20, baseDelayMs: 2, maxDelayMs: 50 } });
  const seen = new Map<string, number>();
  const handle = async ({ event }: JournalEntry) => {
    if (event.type !== 'OrderPlaced') return;
    const delivery = (seen.get(event.id) ?? 0) + 1;
    seen.set(event.id, delivery);
    process.stdout.write(`${JSON.stringify({ delivered: event.id })}\n`);
    const lines = event.payload.order.lines;
    for (const [i, line] of lines.entries()) {
      const key = restockKey(event.id, i);
      await ff.receiveStock({ node: config.node, sku: line.sku, quantity: line.quantity, reference: key, idempotencyKey: key });
    }
    // Applied, then "lost" before the acknowledgement: the transport must deliver it again.
    if (delivery < wantedDeliveries(event.id)) throw new Error(`injected redelivery ${delivery} of ${event.id}`);
  };
  await opened.transport(RESTOCK_GROUP).subscribe(config.tenant as TenantId, handle);
  process.stdout.write(`${JSON.stringify({ ready: true })}\n`);
}

await main(JSON.parse(process.argv[2] ?? '{}') as RestockerConfig);
