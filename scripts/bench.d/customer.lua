-- GET /api/v1/customers/{id} over the salesperson's own customers, in random order.
wrk.headers["Authorization"] = "Bearer " .. os.getenv("CRM_TOKEN")
local ids = {}
for id in string.gmatch(os.getenv("CRM_IDS"), "[^,]+") do ids[#ids + 1] = id end
request = function()
  return wrk.format("GET", wrk.path .. ids[math.random(#ids)])
end
