-- wrk script: POST /v1/accounts/aN/what-if of one BTC-PERPETUAL order on a random account of a0..a(ACCOUNTS-1).
-- Usage (docs/BENCHMARKS.md, "What-if over HTTP"): PMARGIN_API_KEY=... ACCOUNTS=1000 \
--   wrk -t1 -c64 -d30s -s pmargin-bench/wrk/what-if.lua --latency http://127.0.0.1:8080
-- Seeded, so every run sends the same sequence of requests.
local key = os.getenv("PMARGIN_API_KEY")
local accounts = tonumber(os.getenv("ACCOUNTS") or "1000")
math.randomseed(11)

request = function()
  local a = math.random(0, accounts - 1)
  local q = (math.random(0, 19) - 10) * 10 + 5
  local body = '{"orders":[{"instrument":"BTC-PERPETUAL","quantity":' .. q .. ',"price":65690}]}'
  return wrk.format("POST", "/v1/accounts/a" .. a .. "/what-if",
    {["Content-Type"] = "application/json", ["Authorization"] = "Bearer " .. key}, body)
end

response = function(status, headers, body)
  if status ~= 200 then
    io.stderr:write("status " .. status .. ": " .. body .. "\n")
  end
end
