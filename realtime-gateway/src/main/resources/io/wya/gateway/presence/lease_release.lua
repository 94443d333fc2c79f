-- ARGV: ns, user, device, now
local user, device = ARGV[2], ARGV[3]
redis.call('HDEL', ns .. 'presence:l:' .. user, device)
redis.call('ZREM', ns .. 'presence:x', user .. ':' .. device)
return recompute(user, tonumber(ARGV[4]))
