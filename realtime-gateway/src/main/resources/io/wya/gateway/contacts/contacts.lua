-- For each other user, whether it is a contact of the user (ADR 0401): mutual FOLLOW, no BLOCK
-- either way, never the user itself.
-- ARGV: base, user_hex, other_hex, other_hex, ...
-- Returns {"LOST"} when the projection has no generation, else {"OK", 0|1, 0|1, ...}.
local base, user = ARGV[1], ARGV[2]
local gen = redis.call('GET', base .. 'gen')
if not gen then return {'LOST'} end
local pre = base .. gen .. ':e:'

local function present(owner, field)
  local v = redis.call('HGET', pre .. owner, field)
  return v ~= false and string.sub(v, 1, 1) == '1'
end

local result = {'OK'}
for i = 3, #ARGV do
  local other = ARGV[i]
  local c = other ~= user and present(user, 'f' .. other) and present(other, 'f' .. user)
      and not present(user, 'b' .. other) and not present(other, 'b' .. user)
  result[#result + 1] = c and 1 or 0
end
return result
