import { luaScript } from '../client';

/**
 * The load: everything a command's `SliceKeys` name, read in one script, so the slice is one
 * consistent snapshot (no commit lands between two of its reads) in one round trip.
 *
 * KEYS[1] the journal (routes to the tenant's slot), ARGV[1] the key base, ARGV[2] the request as
 * JSON (see `encodeLoad`). Replies with arrays only, which look the same in RESP2 and RESP3:
 * `{entities, positions, positionsOfSkus, openInbound, demand, workload}`.
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

local inbound = {}
for i, sku in ipairs(q.oi) do
  local out = {}
  for _, id in ipairs(redis.call('SMEMBERS', base .. 'open-inbound:' .. sku)) do
    out[#out + 1] = id
    out[#out + 1] = redis.call('HGET', base .. 'inbound:' .. id, 'j')
  end
  inbound[i] = out
end

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

return {entities, positions, bySku, inbound, demand, workload}
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
