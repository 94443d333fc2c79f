-- Applies graph operations of one partition's records atomically with the partition's offset
-- (ADR 0401, 0402). Edge values are "1" or "0" followed by a fixed-width stamp; a greater stamp
-- wins (string order = LWW order), so re-applying or reordering operations changes nothing.
-- ARGV: base, generation, partition, last_offset, then per operation five fields:
--   offset, "s", owner_hex, field (kind letter .. target_hex), value      -- element-set op
--   offset, "d", owner_hex, kind letter, "process_hex|clock"              -- DELETE of an op
-- Returns {"LOST"} | {"SKIP"} | {"OK", applied_ops, flip, flip, ...} with flip = "a_hex|b_hex|0|1";
-- every flip is also published on base .. "flips".
local base, gen, partition, last = ARGV[1], ARGV[2], ARGV[3], tonumber(ARGV[4])
if redis.call('GET', base .. 'gen') ~= gen then return {'LOST'} end
local pre = base .. gen .. ':'
local next_offset = tonumber(redis.call('HGET', pre .. 'off', partition) or '0')
if last < next_offset then return {'SKIP'} end

-- byte order, not strcoll: Redis sets LC_COLLATE from its environment
local function greater(x, y)
  if x == y then return false end
  for k = 1, math.min(#x, #y) do
    local cx, cy = string.byte(x, k), string.byte(y, k)
    if cx ~= cy then return cx > cy end
  end
  return #x > #y
end

local function present(owner, field)
  local v = redis.call('HGET', pre .. 'e:' .. owner, field)
  return v ~= false and string.sub(v, 1, 1) == '1'
end

local function contacts(a, b)
  if a == b then return false end
  return present(a, 'f' .. b) and present(b, 'f' .. a) and not present(a, 'b' .. b) and not present(b, 'b' .. a)
end

local flips = {'OK', 0}
local function change(owner, field, value)
  local target = string.sub(field, 2)
  local before = contacts(owner, target)
  redis.call('HSET', pre .. 'e:' .. owner, field, value)
  local after = contacts(owner, target)
  if before ~= after then
    local flip = owner .. '|' .. target .. '|' .. (after and '1' or '0')
    flips[#flips + 1] = flip
    redis.call('PUBLISH', base .. 'flips', flip)
  end
end

local i = 5
while i <= #ARGV do
  local offset, kind, owner, a, b = tonumber(ARGV[i]), ARGV[i + 1], ARGV[i + 2], ARGV[i + 3], ARGV[i + 4]
  i = i + 5
  if offset >= next_offset then
    flips[2] = flips[2] + 1
    if kind == 's' then
      local current = redis.call('HGET', pre .. 'e:' .. owner, a)
      if not current or greater(string.sub(b, 2), string.sub(current, 2)) then change(owner, a, b) end
    else
      -- stamp = ts(19) "|" rank(1) "|" process(32) "|" clock(19); coordinates start at 23 of the value
      local edges = redis.call('HGETALL', pre .. 'e:' .. owner)
      for j = 1, #edges, 2 do
        local field, value = edges[j], edges[j + 1]
        if string.sub(field, 1, 1) == a and string.sub(value, 22, 22) ~= '2' and string.sub(value, 24) == b then
          change(owner, field, '0' .. string.sub(value, 2, 20) .. '|2|' .. string.sub(value, 24))
          break
        end
      end
    end
  end
end
redis.call('HSET', pre .. 'off', partition, last + 1)
return flips
