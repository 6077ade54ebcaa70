import type { JournalEntry } from '../../src/index';
import type { SqlClient } from './client';
import { wrapped } from './errors';
import { entryOf, num } from './rows';
import { prepared, tablesOf } from './schema';

/** How a relay works through its group's outbox rows. */
export interface RelaySettings {
  readonly schema: string;
  readonly group: string;
  readonly batch: number;
  readonly pollMs: number;
  readonly leaseMs: number;
  readonly retryDelayMs: number;
  readonly maxAttempts: number;
  readonly onError: (error: unknown) => void;
}

/** The statements of a relay, built once per schema from the allow-listed table names. */
function statements(schema: string) {
  const t = tablesOf(schema);
  return {
    // Claimed rows are leased, not held locked: no transaction stays open while handlers run, and
    // a relay that dies leaves its rows to be claimed again when the lease ends. SKIP LOCKED lets
    // relays of one group claim side by side, each its own rows.
    claim: prepared(`
      WITH c AS (
        SELECT o.seq FROM ${t.outbox} o
        WHERE o.tenant = $1 AND o.grp = $2 AND o.available_at <= now()
        ORDER BY o.seq LIMIT $3 FOR UPDATE SKIP LOCKED
      )
      UPDATE ${t.outbox} o SET available_at = now() + $4::bigint * interval '1 millisecond', attempts = o.attempts + 1
        FROM c WHERE o.tenant = $1 AND o.grp = $2 AND o.seq = c.seq
      RETURNING o.seq, o.attempts, (SELECT j.event FROM ${t.journal} j WHERE j.tenant = o.tenant AND j.seq = o.seq) AS event`),
    ack: prepared(`DELETE FROM ${t.outbox} WHERE tenant = $1 AND grp = $2 AND seq IN (SELECT jsonb_array_elements_text($3::jsonb)::bigint)`),
    // After `maxAttempts` an entry moves to the dead letters; before, it waits `retryDelayMs`.
    fail: prepared(`
      WITH gone AS (
        DELETE FROM ${t.outbox} WHERE tenant = $1 AND grp = $2 AND seq = $3 AND attempts >= $4
        RETURNING tenant, grp, seq, attempts
      ), dead AS (
        INSERT INTO ${t.deadLetters} (tenant, grp, seq, attempts, last_error)
        SELECT tenant, grp, seq, attempts, $5 FROM gone
        ON CONFLICT (tenant, grp, seq) DO UPDATE SET attempts = excluded.attempts, last_error = excluded.last_error, failed_at = now()
        RETURNING 1
      ), later AS (
        UPDATE ${t.outbox} SET available_at = now() + $6::bigint * interval '1 millisecond', last_error = $5
        WHERE tenant = $1 AND grp = $2 AND seq = $3 AND attempts < $4
        RETURNING 1
      )
      SELECT (SELECT count(*) FROM dead) AS dead, (SELECT count(*) FROM later) AS later`),
    // A relay stopped mid-batch hands back what it did not run, for another relay to claim now.
    unclaim: prepared(
      `UPDATE ${t.outbox} SET available_at = now(), attempts = greatest(attempts - 1, 0) WHERE tenant = $1 AND grp = $2 AND seq IN (SELECT jsonb_array_elements_text($3::jsonb)::bigint)`,
    ),
  };
}

/**
 * One subscription's loop: claim a batch of the group's outbox rows for the tenant, run the
 * handler on each in journal order, delete those handled, count a failure against the entry (a
 * dead letter after `maxAttempts`), and sleep until woken (NOTIFY, a local publish) or the poll.
 */
export class Relay {
  private stopped = false;
  /** Set by a wake-up that came while a batch ran: the loop goes round again without sleeping. */
  private pending = false;
  private wake: (() => void) | undefined;
  private readonly done: Promise<void>;
  private readonly sql: ReturnType<typeof statements>;

  constructor(
    private readonly client: SqlClient,
    readonly tenant: string,
    private readonly handler: (entry: JournalEntry) => void | Promise<void>,
    private readonly settings: RelaySettings,
  ) {
    this.sql = statements(settings.schema);
    this.done = this.loop();
  }

  /** Runs the loop now instead of at the next poll. */
  poke(): void {
    this.pending = true;
    this.wake?.();
  }

  /** Ends the loop after the entry in hand; resolves when it has ended. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.poke();
    await this.done;
  }

  private async loop(): Promise<void> {
    while (!this.stopped) {
      this.pending = false;
      let full = false;
      try {
        full = await this.round();
      } catch (error) {
        this.settings.onError(error);
      }
      if (!full && !this.stopped && !this.pending) await this.sleep(this.settings.pollMs);
    }
  }

  /** One batch; true when it was full (more may be waiting). */
  private async round(): Promise<boolean> {
    const { tenant } = this;
    const { group, batch, leaseMs } = this.settings;
    const run = (s: { text: string; name: string }, values: unknown[]) => wrapped('outbox relay', () => this.client.query(s.text, values, s.name));
    const rows = await run(this.sql.claim, [tenant, group, batch, leaseMs]);
    const claimed = rows.map((r) => ({ ...entryOf(r), attempts: num(r.attempts) })).sort((a, b) => a.seq - b.seq);
    const handled: number[] = [];
    try {
      for (const [i, entry] of claimed.entries()) {
        if (this.stopped) {
          await run(this.sql.unclaim, [tenant, group, JSON.stringify(claimed.slice(i).map((e) => e.seq))]);
          break;
        }
        try {
          await this.handler({ seq: entry.seq, event: entry.event });
          handled.push(entry.seq);
        } catch (error) {
          this.settings.onError(error);
          const message = error instanceof Error ? error.message : String(error);
          await run(this.sql.fail, [tenant, group, entry.seq, this.settings.maxAttempts, message.slice(0, 2_000), this.settings.retryDelayMs]);
        }
      }
    } finally {
      if (handled.length > 0) await run(this.sql.ack, [tenant, group, JSON.stringify(handled)]);
    }
    return claimed.length === batch;
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.wake = undefined;
        resolve();
      }, ms);
      this.wake = () => {
        clearTimeout(timer);
        this.wake = undefined;
        resolve();
      };
    });
  }
}
