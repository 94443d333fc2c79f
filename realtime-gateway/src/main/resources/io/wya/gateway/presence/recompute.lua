-- Shared head of the lease scripts (ADR 0403): recompute(user, now) drops the user's expired
-- leases, aggregates the live ones (LeaseAggregation: any INVISIBLE hides, else BUSY > ONLINE >
-- AWAY, ties by latest set time, then greatest device id) and, when the shown view changed,
-- stores it with a greater version, records last-seen on a visible -> OFFLINE change, and
-- publishes "version|status|last_seen_ms|activity" on the user's channel.
-- Keys (ns = ARGV[1]): ns.."presence:l:"..user  hash device -> "status|expires|set_at|activity"
--                      ns.."presence:x"         zset "user:device" scored by expiry
--                      ns.."presence:v:"..user  "version|status|activity"
--                      ns.."presence:s:"..user  last-seen ms (forgotten after 7 days)
local ns = ARGV[1]
local WEEK_MS = 7 * 24 * 3600 * 1000
local OFFLINE, INVISIBLE = '5', '4'
local RANK = {['3'] = 3, ['1'] = 2, ['2'] = 1}

local function greater(x, y)
  if x == y then return false end
  for k = 1, math.min(#x, #y) do
    local cx, cy = string.byte(x, k), string.byte(y, k)
    if cx ~= cy then return cx > cy end
  end
  return #x > #y
end

local function split_lease(v)
  local a = string.find(v, '|', 1, true)
  local b = string.find(v, '|', a + 1, true)
  local c = string.find(v, '|', b + 1, true)
  return string.sub(v, 1, a - 1), tonumber(string.sub(v, a + 1, b - 1)), tonumber(string.sub(v, b + 1, c - 1)), string.sub(v, c + 1)
end

local function recompute(user, now)
  local lkey = ns .. 'presence:l:' .. user
  local fields = redis.call('HGETALL', lkey)
  local best, best_activity, best_set, best_device = nil, '', -1, ''
  local hidden, live = false, 0
  for i = 1, #fields, 2 do
    local device, value = fields[i], fields[i + 1]
    local status, expires, set_at, activity = split_lease(value)
    if expires <= now then
      redis.call('HDEL', lkey, device)
      redis.call('ZREM', ns .. 'presence:x', user .. ':' .. device)
    else
      live = live + 1
      if status == INVISIBLE then
        hidden = true
      else
        local r, br = RANK[status] or 0, best and RANK[best] or -1
        if r > br or (r == br and (set_at > best_set or (set_at == best_set and greater(device, best_device)))) then
          best, best_activity, best_set, best_device = status, activity, set_at, device
        end
      end
    end
  end
  local status, activity = OFFLINE, ''
  if live > 0 and not hidden and best then status, activity = best, best_activity end

  local vkey = ns .. 'presence:v:' .. user
  local old = redis.call('GET', vkey)
  local old_version, old_status, old_activity = 0, OFFLINE, ''
  if old then
    local a = string.find(old, '|', 1, true)
    local b = string.find(old, '|', a + 1, true)
    old_version, old_status, old_activity = tonumber(string.sub(old, 1, a - 1)), string.sub(old, a + 1, b - 1), string.sub(old, b + 1)
  end
  if not old and status == OFFLINE then return 0 end
  if old and old_status == status and old_activity == activity then return 0 end

  local version = math.max(old_version + 1, now)
  local skey = ns .. 'presence:s:' .. user
  if status == OFFLINE and old_status ~= OFFLINE then
    redis.call('SET', skey, string.format('%d', now), 'PX', WEEK_MS)
  end
  local seen = redis.call('GET', skey) or '0'
  redis.call('SET', vkey, string.format('%d', version) .. '|' .. status .. '|' .. activity, 'PX', WEEK_MS)
  redis.call('PUBLISH', ns .. 'presence:c:' .. user, string.format('%d', version) .. '|' .. status .. '|' .. seen .. '|' .. activity)
  return 1
end
