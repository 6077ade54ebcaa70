import { luaScript } from '../client';

/**
 * The load: everything a command's `SliceKeys` name, read in one script, so the slice is one
 * consistent snapshot (no commit lands between two of its reads) in one round trip.
 *
 * KEYS[1] the journal (routes to the tenant's slot), ARGV[1] the key base, ARGV[2] the request as
 * JSON (see `encodeLoad`). Replies with arrays only, which look the same in RESP2 and RESP3:
 * `{entities, positions, positionsOfSkus, openInbound, demand, workload, departuresOfNodes}` (the
 * last one added when departures came, so the earlier parts keep their places).
 */
export const LOAD = luaScript(`#!lua flags=no-writes
local base = ARGV[1]
local q = cjson.decode(ARGV[2])

local entities = {}
for i, k in ipairs(q.e) do entities[i] = redis.call('HGET', base .. k, 'j') end

local positions = {}
for i, k in ipairs(q.p) do positions[i] = redis.call('HGETALL', base .. 'pos:' .. k) end

local bySku = {}
for i, sku in ipairs(q.ps) do
  local out = {}
  for _, node in ipairs(redis.call('SMEMBERS', base .. 'sku-nodes:' .. sku)) do
    out[#out + 1] = node
    out[#out + 1] = redis.call('HGETALL', base .. 'pos:' .. node .. ':' .. sku)
  end
  bySku[i] = out
end

-- The entities an index set holds, per key: id, JSON, id, JSON …
local function indexed(keys, set, kind)
  local all = {}
  for i, key in ipairs(keys) do
    local out = {}
    for _, id in ipairs(redis.call('SMEMBERS', base .. set .. ':' .. key)) do
      out[#out + 1] = id
      out[#out + 1] = redis.call('HGET', base .. kind .. ':' .. id, 'j')
    end
    all[i] = out
  end
  return all
end

local inbound = indexed(q.oi, 'open-inbound', 'inbound')
local departures = indexed(q.dn, 'live-departures', 'departure')

local demand = {}
if q.d then
  for i, sku in ipairs(q.d.s) do
    local nodes = q.d.n or redis.call('SMEMBERS', base .. 'dem-nodes:' .. sku)
    local out = {}
    for _, node in ipairs(nodes) do
      local days = {}
      local all = redis.call('HGETALL', base .. 'dem:' .. sku .. ':' .. node)
      for j = 1, #all, 2 do
        if all[j] >= q.d.f and all[j] <= q.d.t then
          days[#days + 1] = all[j]
          days[#days + 1] = all[j + 1]
        end
      end
      if #days > 0 then
        out[#out + 1] = node
        out[#out + 1] = days
      end
    end
    demand[i] = out
  end
end

local workload = {}
for i, k in ipairs(q.w) do workload[i] = redis.call('HMGET', base .. 'wl:' .. k, 'o', 'u') end

return {entities, positions, bySku, inbound, demand, workload, departures}
`);

/**
 * Every journal entry about one order: KEYS[1] the journal, KEYS[2] the order's list of seqs.
 * Replies `{seq, eventJson, seq, eventJson, …}`.
 */
export const ORDER_JOURNAL = luaScript(`#!lua flags=no-writes
local out = {}
for _, seq in ipairs(redis.call('LRANGE', KEYS[2], 0, -1)) do
  local id = '0-' .. seq
  local entry = redis.call('XRANGE', KEYS[1], id, id)[1]
  if entry then
    out[#out + 1] = tonumber(seq)
    out[#out + 1] = entry[2][2]
  end
end
return out
`);

/**
 * Orders due for release: KEYS[1] the tenant's `due-releases` zset, ARGV[1] the instant (ms),
 * ARGV[2] the limit (negative: all). Replies `{escapedId, score, …}`, earliest first.
 *
 * Redis orders equal scores by member bytes, and escaping keeps the id order for ids of the id
 * charset (escaping leaves them as they are) but moves an escaped id (`%` sorts before every kept
 * character) ahead of where its id belongs. So when the page is full and its last score's members
 * include an escaped one, every member of that score comes back, and the caller sorts by score,
 * then id, and cuts at the limit: the answer is exact for any id, and costs one page otherwise.
 */
export const DUE_RELEASES = luaScript(`#!lua flags=no-writes
local limit = tonumber(ARGV[2])
local page = redis.call('ZRANGE', KEYS[1], '-inf', ARGV[1], 'BYSCORE', 'LIMIT', 0, limit, 'WITHSCORES')
if limit < 0 or #page < 2 * limit then return page end
local last = page[#page]
for i = #page - 1, 1, -2 do
  if page[i + 1] ~= last then break end
  if string.find(page[i], '%', 1, true) then
    local out = {}
    for j = 1, #page, 2 do
      if page[j + 1] ~= last then
        out[#out + 1] = page[j]
        out[#out + 1] = page[j + 1]
      end
    end
    for _, id in ipairs(redis.call('ZRANGE', KEYS[1], last, last, 'BYSCORE')) do
      out[#out + 1] = id
      out[#out + 1] = last
    end
    return out
  end
end
return page
`);
