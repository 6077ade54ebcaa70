import { luaScript } from '../client';

/**
 * The commit: one script, so Redis runs it alone. It checks every guard first and writes nothing
 * unless all pass; then it applies every change and appends the events to the journal stream.
 *
 * KEYS[1] journal stream, KEYS[2] seq counter (declared so a cluster routes to the tenant's slot;
 * every other key carries the same hash tag). ARGV[1] the tenant's key base, ARGV[2] the plan as
 * JSON (see `encodeCommit`), ARGV[3…] entity, event and idempotency JSON as sent by the host, stored
 * as they are (never re-encoded by cjson, which loses digits and cannot tell `{}` from `[]`).
 *
 * Numbers reach Redis only as arguments of `redis.call` (written exactly up to 2^53), never by
 * string concatenation (Lua's 14 digits). The rule of `positionGuardFailure` is mirrored exactly:
 * lots and channels not in the change were valid before it and stay so. The shebang makes Redis
 * refuse the script on a full memory before it starts (never half-applied) and on a cluster
 * refuse any key outside the tenant's slot.
 *
 * Returns `{'ok', firstSeq}` or a refusal: `{'idempotency'}`, `{'version', i, actual}`,
 * `{'guard', i, why}`, `{'workload', i, orders, units}` (the counters it would have left) (i: 1-based index of the failing write or change).
 */
export const COMMIT = luaScript(`#!lua
local base = ARGV[1]
local c = cjson.decode(ARGV[2])
local function num(x) return tonumber(x) or 0 end

-- 1. Checks: nothing below writes until every one has passed.
if c.i and redis.call('EXISTS', base .. c.i[1]) == 1 then return {'idempotency'} end

-- was: an order's stored status, wasNode: a departure's stored node (the sets to leave when they change).
local was, wasNode = {}, {}
for i, w in ipairs(c.e) do
  local got = redis.call('HMGET', base .. w.k, 'v', 's', 'n')
  local current = num(got[1])
  if current ~= w.x then return {'version', i, current} end
  was[i] = got[2]
  wasNode[i] = got[3]
end

local function fenceSize(quantity, share, onHand, safety)
  if quantity then return quantity end
  local units = share * math.max(0, onHand - safety)
  -- fenceSize(): a product a hair under a whole number still floors to it.
  return math.floor(units * (1 + 1e-14))
end

local fresh = {}
for i, p in ipairs(c.p) do
  local key = base .. 'pos:' .. p.k
  local cur = redis.call('HMGET', key, 'onHand', 'reserved', 'allocated', 'safety')
  -- Every change writes onHand, so a position without it was never written.
  fresh[i] = not cur[1]
  local onHand, reserved = num(cur[1]) + p.d[1], num(cur[2]) + p.d[2]
  local allocated, safety = num(cur[3]) + p.d[3], num(cur[4]) + p.d[4]
  if onHand < 0 or reserved < 0 or allocated < 0 or safety < 0 then return {'guard', i, 'a counter would go below zero'} end
  if reserved + allocated > onHand then return {'guard', i, 'reserved + allocated exceed on hand'} end
  if p.r and reserved + allocated + safety > onHand then return {'guard', i, 'reserved + allocated + safety exceed on hand'} end
  for _, l in ipairs(p.l) do
    local lc = redis.call('HMGET', key, 'lh:' .. l[1], 'lr:' .. l[1])
    local lotOnHand, lotReserved = num(lc[1]) + l[2], num(lc[2]) + l[3]
    if lotOnHand < 0 or lotReserved < 0 then return {'guard', i, 'a counter of lot ' .. l[1] .. ' would go below zero'} end
    if lotReserved > lotOnHand then return {'guard', i, 'lot ' .. l[1] .. ': reserved exceed on hand'} end
  end
  local held, takers = {}, {}
  for _, ch in ipairs(p.c) do
    local after = num(redis.call('HGET', key, 'c:' .. ch[1])) + ch[2]
    if after < 0 then return {'guard', i, 'channel ' .. ch[1] .. ' would hold fewer than zero'} end
    held[ch[1]] = after
    if ch[2] > 0 then takers[ch[1]] = true end
  end
  if p.r and #p.f > 0 then
    -- fenceFailure(): free units must cover every other channel's unused fence.
    local keep, kept = 0, {}
    for _, f in ipairs(p.f) do
      local h = held[f[1]]
      if h == nil then h = num(redis.call('HGET', key, 'c:' .. f[1])) end
      local size = fenceSize(f[2], f[3], onHand, safety)
      if takers[f[1]] then
        if f[4] and h > size then return {'guard', i, 'channel ' .. f[1] .. ' would go beyond its fence'} end
      else
        local unused = math.max(0, size - h)
        if unused > 0 then
          keep = keep + unused
          kept[#kept + 1] = f[1]
        end
      end
    end
    if onHand - reserved - allocated - safety < keep then return {'guard', i, 'would take units kept for channel ' .. table.concat(kept, ', ')} end
  end
end

for i, w in ipairs(c.w) do
  local cur = redis.call('HMGET', base .. 'wl:' .. w[1] .. ':' .. w[2], 'o', 'u')
  local orders, units = num(cur[1]) + w[3], num(cur[2]) + w[4]
  if orders < 0 or units < 0 or (w[3] > 0 and w[5] and orders > w[5]) or (w[4] > 0 and w[6] and units > w[6]) then
    return {'workload', i, orders, units}
  end
end

-- 2. Writes. The journal first: should XADD ever refuse, nothing else has been written yet.
local first = 0
if #c.v > 0 then
  first = num(redis.call('GET', KEYS[2])) + 1
  for j, ev in ipairs(c.v) do
    local seq = first + j - 1
    redis.call('XADD', KEYS[1], string.format('0-%d', seq), 'e', ARGV[ev[1]])
    if ev[2] then redis.call('RPUSH', base .. 'oj:' .. ev[2], seq) end
  end
  redis.call('SET', KEYS[2], first + #c.v - 1)
end

for _, w in ipairs(c.w) do
  local key = base .. 'wl:' .. w[1] .. ':' .. w[2]
  redis.call('HINCRBY', key, 'o', w[3])
  redis.call('HINCRBY', key, 'u', w[4])
end

local COUNTERS = {'onHand', 'reserved', 'allocated', 'safety'}
for i, p in ipairs(c.p) do
  local key = base .. 'pos:' .. p.k
  for j = 1, 4 do
    -- A new position gets onHand even at 0: it exists from its first change on, even one of lots or holds only.
    if p.d[j] ~= 0 or (j == 1 and fresh[i]) then redis.call('HINCRBY', key, COUNTERS[j], p.d[j]) end
  end
  for _, l in ipairs(p.l) do
    -- A lot keeps its first receipt's instant (FIFO order).
    redis.call('HSETNX', key, 'lt:' .. l[1], l[4] or '')
    redis.call('HINCRBY', key, 'lh:' .. l[1], l[2])
    redis.call('HINCRBY', key, 'lr:' .. l[1], l[3])
    if l[5] then redis.call('HSET', key, 'le:' .. l[1], l[5]) end
  end
  for _, ch in ipairs(p.c) do redis.call('HINCRBY', key, 'c:' .. ch[1], ch[2]) end
  if fresh[i] then redis.call('SADD', base .. 'sku-nodes:' .. p.s, p.n) end
end

for i, w in ipairs(c.e) do
  local key = base .. w.k
  redis.call('HSET', key, 'v', w.v, 'j', ARGV[w.j])
  if w.t == 'o' then
    redis.call('HSET', key, 's', w.st)
    if was[i] and was[i] ~= w.st then redis.call('ZREM', base .. 'status:' .. was[i], w.id) end
    redis.call('ZADD', base .. 'status:' .. w.st, w.sc, w.id)
    if w.rl then
      redis.call('ZADD', base .. 'due-releases', w.rl, w.id)
    elseif w.x > 0 then
      redis.call('ZREM', base .. 'due-releases', w.id)
    end
  elseif w.t == 'r' then
    if w.ex then
      redis.call('ZADD', base .. 'expiring', w.ex, w.id)
    elseif w.x > 0 then
      redis.call('ZREM', base .. 'expiring', w.id)
    end
  elseif w.t == 'i' then
    if w.op then redis.call('SADD', base .. 'open-inbound:' .. w.sk, w.id) else redis.call('SREM', base .. 'open-inbound:' .. w.sk, w.id) end
  elseif w.t == 'd' then
    redis.call('HSET', key, 'n', w.nd)
    if wasNode[i] and wasNode[i] ~= w.nd then redis.call('SREM', base .. 'live-departures:' .. wasNode[i], w.id) end
    if w.lv then redis.call('SADD', base .. 'live-departures:' .. w.nd, w.id) else redis.call('SREM', base .. 'live-departures:' .. w.nd, w.id) end
  end
end

for _, m in ipairs(c.m) do
  redis.call('HINCRBY', base .. 'dem:' .. m[1] .. ':' .. m[2], m[3], m[4])
  redis.call('SADD', base .. 'dem-nodes:' .. m[1], m[2])
end

if c.i then
  if c.i[3] > 0 then
    redis.call('SET', base .. c.i[1], ARGV[c.i[2]], 'PX', c.i[3])
  else
    redis.call('SET', base .. c.i[1], ARGV[c.i[2]])
  end
end

return {'ok', first}
`);
