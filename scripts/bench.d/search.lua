-- Quick search with Chinese and Latin substrings of 2 to 6 characters, in turn.
wrk.headers["Authorization"] = "Bearer " .. os.getenv("CRM_TOKEN")
local words = {}
for word in string.gmatch(os.getenv("CRM_KEYWORDS"), "[^,]+") do
  words[#words + 1] = word:gsub("[^%w]", function(c) return string.format("%%%02X", string.byte(c)) end)
end
local n = 0
request = function()
  n = n + 1
  return wrk.format("GET", wrk.path .. words[n % #words + 1])
end
