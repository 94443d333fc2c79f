-- ARGV: ns, now, limit. Collects up to `limit` leases that expired at `now` (any instance may
-- run this; the removal is atomic, so two sweepers never announce one expiry twice).
local now, limit = tonumber(ARGV[2]), tonumber(ARGV[3])
local xkey = ns .. 'presence:x'
local expired = redis.call('ZRANGEBYSCORE', xkey, '-inf', now, 'LIMIT', 0, limit)
local touched, order = {}, {}
for _, member in ipairs(expired) do
  redis.call('ZREM', xkey, member)
  local sep = string.find(member, ':', 1, true)
  local user = string.sub(member, 1, sep - 1)
  if not touched[user] then
    touched[user] = true
    order[#order + 1] = user
  end
end
for _, user in ipairs(order) do recompute(user, now) end
return #expired
