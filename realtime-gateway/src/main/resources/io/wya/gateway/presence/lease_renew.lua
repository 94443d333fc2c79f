-- ARGV: ns, gc_ms, then (user, device, expires_at) per lease. Returns 1 (renewed) or 0 (no such
-- lease) per lease. A renewal only ever extends a lease and keeps what the device set; views
-- stay as they are (and their keys alive while a lease is).
local gc = ARGV[2]
local result = {}
for i = 3, #ARGV, 3 do
  local user, device, expires = ARGV[i], ARGV[i + 1], ARGV[i + 2]
  local lkey = ns .. 'presence:l:' .. user
  local value = redis.call('HGET', lkey, device)
  if value then
    local status, old_expires, set_at, activity = split_lease(value)
    if tonumber(expires) > old_expires then
      redis.call('HSET', lkey, device, status .. '|' .. expires .. '|' .. string.format('%d', set_at) .. '|' .. activity)
      redis.call('ZADD', ns .. 'presence:x', expires, user .. ':' .. device)
    end
    redis.call('PEXPIRE', lkey, gc)
    redis.call('PEXPIRE', ns .. 'presence:v:' .. user, WEEK_MS)
    result[#result + 1] = 1
  else
    result[#result + 1] = 0
  end
end
return result
