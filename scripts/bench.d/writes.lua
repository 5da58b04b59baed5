-- The write mix: create a customer with a unique name, then log a visit, in turn. The visits are
-- dated long ago so that they do not grow the month the summary run measures when a database is kept.
wrk.headers["Authorization"] = "Bearer " .. os.getenv("CRM_TOKEN")
wrk.headers["Content-Type"] = "application/json"
local customer = os.getenv("CRM_CUSTOMER")
local n = 0
local thread_id = os.time() .. "-" .. math.random(1, 1000000000)
request = function()
  n = n + 1
  if n % 2 == 0 then
    local body = string.format('{"visitedAt":"2025-06-16T02:00:00Z","method":"phone","content":"电话回访 %d"}', n)
    return wrk.format("POST", "/api/v1/customers/" .. customer .. "/visits", nil, body)
  end
  local body = string.format('{"name":"压测新客户%s-%d有限公司","website":"bench.example.cn"}', thread_id, n)
  return wrk.format("POST", "/api/v1/customers", nil, body)
end
