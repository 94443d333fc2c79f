-- A fixed-window counter per key and window index (the caller's clock picks the window, so the
-- limit is exact across instances and deterministic in tests).
-- ARGV: key, permits, limit, window_end_ms_from_now, ttl_ms
-- Returns 0 when granted, else the milliseconds until the window ends (nothing is counted).
local key, permits, limit = ARGV[1], tonumber(ARGV[2]), tonumber(ARGV[3])
local count = redis.call('INCRBY', key, permits)
if count == permits then redis.call('PEXPIRE', key, ARGV[5]) end
if count > limit then
  redis.call('DECRBY', key, permits)
  return tonumber(ARGV[4])
end
return 0
