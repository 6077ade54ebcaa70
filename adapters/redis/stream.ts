import type { JournalEntry } from '../../src/index';
import { list, text } from './decode';

/** A stream entry as the journal stores it: id `0-<seq>`, field `e` the event's JSON. */
export interface StreamEntry {
  readonly id: string;
  readonly entry: JournalEntry;
}

/** One `[id, [field, value, …]]` of XRANGE, XREADGROUP or XAUTOCLAIM. */
export function streamEntry(raw: unknown): StreamEntry | undefined {
  const [rawId, rawFields] = list(raw);
  const id = text(rawId);
  if (id === undefined) return undefined;
  const fields = list(rawFields).map(text);
  const at = fields.findIndex((f, i) => i % 2 === 0 && f === 'e');
  const json = at < 0 ? undefined : fields[at + 1];
  if (json === undefined) return undefined;
  return { id, entry: { seq: Number(id.slice(id.indexOf('-') + 1)), event: JSON.parse(json) } as JournalEntry };
}

/**
 * The entries of an XREADGROUP reply over one stream, whatever the protocol made of it: RESP2's
 * `[[key, entries]]`, RESP3 as a flat `[key, entries]` (ioredis' legacy mapping) or an object.
 */
export function readReplyEntries(reply: unknown): unknown[] {
  if (reply === null || reply === undefined) return [];
  if (!Array.isArray(reply)) return Object.values(reply as Record<string, unknown>).flatMap(list);
  if (reply.length === 0) return [];
  if (text(reply[0]) !== undefined) return reply.filter((_, i) => i % 2 === 1).flatMap(list);
  return reply.flatMap((stream) => list(list(stream)[1]));
}
