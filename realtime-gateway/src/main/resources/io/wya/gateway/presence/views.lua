-- ARGV: ns, user, user, ... Returns per user the stored view ("" when none) and last-seen ("0").
local result = {}
for i = 2, #ARGV do
  result[#result + 1] = redis.call('GET', ns .. 'presence:v:' .. ARGV[i]) or ''
  result[#result + 1] = redis.call('GET', ns .. 'presence:s:' .. ARGV[i]) or '0'
end
return result
