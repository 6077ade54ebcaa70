import type { TenantId, Transport } from '../../src/index';
import { type PostgresConnection, sqlClient } from './client';
import { wrapped } from './errors';
import { Relay, type RelaySettings } from './relay';
import { checkSchema, OUTBOX_CHANNEL, tablesOf } from './schema';

/** How to build a PostgreSQL transport. */
export interface PostgresTransportOptions {
  /** The host's pg `Pool`, connected pg `Client`, or PGlite instance (the same the store uses). */
  readonly client: PostgresConnection;
  /** Where `migrate` put the tables; default `fulfillkit`. */
  readonly schema?: string;
  /**
   * The consumer group this transport's subscriptions belong to (default `default`). Every group
   * gets every event; relays of one group, in this process or others, share its events.
   */
  readonly group?: string;
  /** Longest sleep between two looks at the outbox when no wake-up comes (ms, default 1,000). */
  readonly pollMs?: number;
  /** Entries claimed at a time (default 100). */
  readonly batch?: number;
  /** Runs of a failing handler on one entry before it becomes a dead letter (default 5). */
  readonly maxAttempts?: number;
  /** How long a claimed entry stays hidden from other relays: longer than a batch takes (ms, default 30,000). */
  readonly leaseMs?: number;
  /** Pause before a failed entry is tried again (ms, default 1,000). */
  readonly retryDelayMs?: number;
  /** Wake relays by LISTEN/NOTIFY (default true); with a pg Pool this keeps one of its connections. */
  readonly listen?: boolean;
  /** Hears handler failures and relay errors; default `console.error`. */
  readonly onError?: (error: unknown) => void;
}

/**
 * Carries committed events through the outbox the store writes in each commit's own transaction:
 * one row per event and consumer group registered for the tenant. `subscribe` registers the group
 * and runs a relay: it claims a batch (`FOR UPDATE SKIP LOCKED`, so relays of the group in many
 * processes share the work without taking the same entry), calls the handler in journal order,
 * deletes what was handled, and after `maxAttempts` failures of one entry moves it to the dead
 * letters. Relays wake on NOTIFY (sent by the commit, delivered at its COMMIT) and poll as a fallback.
 *
 * Delivery is at least once (a relay that dies mid-batch leaves its entries to be claimed again
 * when their lease ends): handlers must be idempotent, e.g. by the event's id. Order is journal
 * order within a batch; an entry retried after a failure comes after later ones. A group sees
 * the events committed after it was first registered; earlier ones are in `readJournal`.
 * `publish` writes nothing (the commit did): it only wakes this process's relays of the tenant.
 *
 * @example
 * ```ts
 * const transport = postgresTransport({ client: pool, group: 'billing' })
 * const stop = await transport.subscribe('acme', async ({ event }) => billing.handle(event))
 * const ff = createFulfillment({ store: postgresStore({ client: pool }), transport, tenant: 'acme' })
 * ```
 */
export function postgresTransport(options: PostgresTransportOptions): Transport {
  const schema = checkSchema(options.schema);
  const client = sqlClient(options.client);
  const group = options.group ?? 'default';
  if (group.length === 0 || group.length > 200) throw new TypeError('[fulfillkit:postgres] group must be 1 to 200 characters');
  const settings: RelaySettings = {
    schema,
    group,
    batch: options.batch ?? 100,
    pollMs: options.pollMs ?? 1_000,
    leaseMs: options.leaseMs ?? 30_000,
    retryDelayMs: options.retryDelayMs ?? 1_000,
    maxAttempts: options.maxAttempts ?? 5,
    onError: options.onError ?? ((error) => console.error('[fulfillkit:postgres] outbox relay:', error)),
  };
  const t = tablesOf(schema);
  const relays = new Set<Relay>();
  let listener: Promise<(() => Promise<void>) | undefined> | undefined;

  const wakeTenant = (tenant: string) => {
    for (const relay of relays) if (relay.tenant === tenant) relay.poke();
  };
  const onNotify = (payload: string) => {
    // `schema:tenant`; neither contains a colon.
    const at = payload.indexOf(':');
    if (payload.slice(0, at) === schema) wakeTenant(payload.slice(at + 1));
  };
  const listen = () => {
    if (options.listen === false || listener) return;
    const current = client
      .listen(OUTBOX_CHANNEL, onNotify, (error) => {
        settings.onError(error);
        // The connection went away: release it, poll meanwhile, and listen again a poll later.
        if (listener === current) void unlisten();
        setTimeout(() => {
          if (relays.size > 0) listen();
        }, settings.pollMs).unref?.();
      })
      .catch((error: unknown) => {
        settings.onError(error);
        if (listener === current) listener = undefined;
        return undefined;
      });
    listener = current;
  };
  const unlisten = async () => {
    const stopping = listener;
    listener = undefined;
    const stop = await stopping;
    await stop?.().catch(settings.onError);
  };

  return {
    async publish(tenant) {
      wakeTenant(tenant);
    },

    async subscribe(tenant: TenantId, handler) {
      await wrapped('subscribe', () => client.query(`INSERT INTO ${t.groups} (tenant, grp) VALUES ($1, $2) ON CONFLICT (tenant, grp) DO NOTHING`, [tenant, group]));
      listen();
      await listener;
      const relay = new Relay(client, tenant, handler, settings);
      relays.add(relay);
      return async () => {
        if (!relays.delete(relay)) return;
        await relay.stop();
        if (relays.size === 0) await unlisten();
      };
    },

    async close() {
      const all = [...relays];
      relays.clear();
      await Promise.all(all.map((r) => r.stop()));
      await unlisten();
    },
  };
}
