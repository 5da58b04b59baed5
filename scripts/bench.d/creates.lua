-- Customers with unique names, each checked against the unique index and committed before its 201.
wrk.headers["Authorization"] = "Bearer " .. os.getenv("CRM_TOKEN")
wrk.headers["Content-Type"] = "application/json"
local n = 0
local run = os.time() .. "-" .. math.random(1, 1000000000)
request = function()
  n = n + 1
  local body = string.format('{"name":"压测建档%s-%d有限公司","website":"bench.example.cn"}', run, n)
  return wrk.format("POST", wrk.path, nil, body)
end
