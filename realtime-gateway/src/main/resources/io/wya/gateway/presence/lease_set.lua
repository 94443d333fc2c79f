-- ARGV: ns, user, device, status, activity, now, expires_at, gc_ms
local user, device, now, expires = ARGV[2], ARGV[3], tonumber(ARGV[6]), ARGV[7]
local lkey = ns .. 'presence:l:' .. user
redis.call('HSET', lkey, device, ARGV[4] .. '|' .. expires .. '|' .. ARGV[6] .. '|' .. ARGV[5])
redis.call('ZADD', ns .. 'presence:x', expires, user .. ':' .. device)
redis.call('PEXPIRE', lkey, ARGV[8])
return recompute(user, now)
