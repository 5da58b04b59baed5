-- The add-customer name check, with names that mostly do not exist yet.
wrk.headers["Authorization"] = "Bearer " .. os.getenv("CRM_TOKEN")
local n = 0
request = function()
  n = n + 1
  local name = string.format("星辰华夏%d科技有限公司", math.random(1, 100000000))
  return wrk.format("GET", wrk.path .. name:gsub("[^%w]", function(c) return string.format("%%%02X", string.byte(c)) end))
end
