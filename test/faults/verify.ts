import type { JournalEntry, Store, TenantId } from 'fulfillkit';
import { expect } from 'vitest';
import { checkStore } from '../contention/checks';
import { restockKey, wantedDeliveries } from './restock';
import type { FaultRun } from './run-faults';

/** What the journal says the restocker owes: one receipt per line of every placed order. */
interface Ledger {
  readonly placed: readonly { id: string; lines: readonly { sku: string; quantity: number }[] }[];
  /** Receipts made by the restocker, by reference. */
  readonly receipts: ReadonlyMap<string, number>;
}

/** Reads the journal from `after` on, into `into` (incrementally: the drain polls it). */
async function readInto(store: Store, tenant: TenantId, into: JournalEntry[]): Promise<void> {
  for (;;) {
    const page = await store.readJournal(tenant, { after: into.at(-1)?.seq ?? 0, limit: 1_000 });
    into.push(...page);
    if (page.length < 1_000) return;
  }
}

function ledgerOf(journal: readonly JournalEntry[]): Ledger {
  const placed: { id: string; lines: { sku: string; quantity: number }[] }[] = [];
  const receipts = new Map<string, number>();
  for (const { event } of journal) {
    if (event.type === 'OrderPlaced') placed.push({ id: event.id, lines: event.payload.order.lines.map((l) => ({ sku: l.sku, quantity: l.quantity })) });
    if (event.type === 'StockReceived' && event.payload.reference?.startsWith('restock:')) {
      receipts.set(event.payload.reference, (receipts.get(event.payload.reference) ?? 0) + 1);
    }
  }
  return { placed, receipts };
}

const settled = (ledger: Ledger, deliveries: ReadonlyMap<string, number>) =>
  ledger.placed.every((p) => (deliveries.get(p.id) ?? 0) >= wantedDeliveries(p.id) && p.lines.every((_, i) => ledger.receipts.has(restockKey(p.id, i))));

/**
 * After a fault run: a fresh restocker drains the transport, then every placed order's event was
 * delivered at least as often as the restocker asked (1–3 times) and applied exactly once (one
 * receipt per line, none for anything else), and the store keeps every invariant of DESIGN.md §5
 * with on hand = initial supply + restocked units.
 */
export async function verifyFaultRun(store: Store, tenant: TenantId, run: FaultRun, supply: Readonly<Record<string, number>>): Promise<void> {
  const journal: JournalEntry[] = [];
  const stop = await run.drain();
  try {
    const deadline = Date.now() + 120_000;
    do {
      await new Promise((r) => setTimeout(r, 250));
      await readInto(store, tenant, journal);
    } while (!settled(ledgerOf(journal), run.deliveries) && Date.now() < deadline);
  } finally {
    await stop();
  }
  await readInto(store, tenant, journal);
  const { placed, receipts } = ledgerOf(journal);
  const owed = new Set(placed.flatMap((p) => p.lines.map((_, i) => restockKey(p.id, i))));
  const lost = placed.filter((p) => (run.deliveries.get(p.id) ?? 0) < wantedDeliveries(p.id)).map((p) => p.id);
  expect(lost.slice(0, 5), `placed orders' events delivered fewer times than the consumer failed them (${lost.length})`).toEqual([]);
  expect([...owed].filter((k) => receipts.get(k) !== 1).slice(0, 5), 'each delivered event applied exactly once').toEqual([]);
  expect([...receipts.keys()].filter((k) => !owed.has(k)), 'no receipt without its event').toEqual([]);
  expect([...run.deliveries.values()].some((n) => n >= 3), 'events were delivered more than once').toBe(true);
  const total: Record<string, number> = { ...supply };
  for (const p of placed) for (const l of p.lines) total[l.sku] = (total[l.sku] ?? 0) + l.quantity;
  const stored = await checkStore(store, tenant, 'dc', total);
  expect(Object.keys(stored.orders).length, 'the workers got work done between kills').toBeGreaterThan(run.kills);
}
