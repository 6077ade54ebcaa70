import { luaScript } from '../client';

/**
 * Takes over a group's messages idle for longer than `minIdle` (a crashed or stuck consumer's, or
 * ones whose handler failed), and moves each one delivered more than `maxDeliveries` times to the
 * dead-letter stream instead (acknowledging it in the group), all in one step.
 *
 * KEYS[1] journal, KEYS[2] dead letters. ARGV: group, consumer, minIdle ms, cursor, count,
 * maxDeliveries. Replies `{nextCursor, {{id, {field, value…}}…}, deadLettered}`.
 */
export const CLAIM = luaScript(`#!lua
local group, consumer = ARGV[1], ARGV[2]
local claimed = redis.call('XAUTOCLAIM', KEYS[1], group, consumer, ARGV[3], ARGV[4], 'COUNT', ARGV[5])
local out, dead = {}, 0
for _, entry in ipairs(claimed[2]) do
  if entry then
    local id = entry[1]
    local pending = redis.call('XPENDING', KEYS[1], group, id, id, 1)[1]
    local deliveries = pending and pending[4] or 0
    if deliveries > tonumber(ARGV[6]) then
      local fields = {'id', id, 'group', group, 'consumer', consumer, 'deliveries', deliveries}
      for _, v in ipairs(entry[2]) do fields[#fields + 1] = v end
      redis.call('XADD', KEYS[2], '*', unpack(fields))
      redis.call('XACK', KEYS[1], group, id)
      dead = dead + 1
    else
      out[#out + 1] = entry
    end
  end
end
return {claimed[1], out, dead}
`);
