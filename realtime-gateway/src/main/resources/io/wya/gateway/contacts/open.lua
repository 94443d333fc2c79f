-- Opens the contacts projection (ADR 0401): the current generation, created when missing, and
-- the next offset of every partition applied in it.
-- ARGV: base prefix, a fresh generation id to use when there is none.
-- Returns: {generation, created (0|1), partition, next_offset, partition, next_offset, ...}
local base, fresh = ARGV[1], ARGV[2]
local gen = redis.call('GET', base .. 'gen')
local created = 0
if not gen then
  redis.call('SET', base .. 'gen', fresh)
  gen = fresh
  created = 1
end
local result = {gen, created}
local offsets = redis.call('HGETALL', base .. gen .. ':off')
for i = 1, #offsets do result[#result + 1] = offsets[i] end
return result
