-- wrk script for bench/run.sh: POSTs the benchmark query and checks responses while loading.
-- Arguments (after --): <query.json> <expected body length, 0 = any> <unique: 1 = per-request header>
--   [<tokens file>: one JWT a line, sent as "Authorization: Bearer <token>"; one token: on every
--   request, several: each request the next one, round robin]
--   * every response: status must be 200 and the body length must equal the expected length
--     (the target's own length, measured before the load when its answer was compared with
--     expected-response.json);
--   * every 25th response: the body must not contain "errors".
-- done() prints one line: BENCH_JSON {...} with throughput, latency percentiles and the counts.

local threads = {}

function setup(thread)
  thread:set("tid", #threads + 1)
  table.insert(threads, thread)
end

function init(args)
  local f = assert(io.open(args[1], "rb"))
  local body = f:read("*a")
  f:close()
  expected = tonumber(args[2]) or 0
  unique = args[3] == "1"
  wrk.method = "POST"
  wrk.body = body
  wrk.headers["Content-Type"] = "application/json"
  wrk.headers["Accept"] = "application/json"
  tokens = {}
  if args[4] and args[4] ~= "" then
    for line in io.lines(args[4]) do
      if line ~= "" then
        table.insert(tokens, "Bearer " .. line)
      end
    end
    -- start anywhere in the pool, so a run does not begin with the tokens the last one cached
    math.randomseed(os.time() + tid)
    token_at = math.random(#tokens) - 1
  end
  if #tokens == 1 then
    wrk.headers["Authorization"] = tokens[1]
  end
  prepared = wrk.format()
  seq = 0
  responses = 0
  non200 = 0
  badlen = 0
  sampled = 0
  witherrors = 0
end

function request()
  if #tokens > 1 then
    token_at = token_at % #tokens + 1
    wrk.headers["Authorization"] = tokens[token_at]
    if not unique then
      return wrk.format()
    end
  end
  if unique then
    seq = seq + 1
    wrk.headers["X-Request-Id"] = tid .. "-" .. seq
    return wrk.format()
  end
  return prepared
end

function response(status, headers, body)
  responses = responses + 1
  if status ~= 200 then
    non200 = non200 + 1
  end
  if expected > 0 and #body ~= expected then
    badlen = badlen + 1
  end
  if responses % 25 == 1 then
    sampled = sampled + 1
    if string.find(body, '"errors"', 1, true) then
      witherrors = witherrors + 1
    end
  end
end

function done(summary, latency, requests)
  local n200, nlen, nsamp, nerr, nresp = 0, 0, 0, 0, 0
  for _, t in ipairs(threads) do
    n200 = n200 + t:get("non200")
    nlen = nlen + t:get("badlen")
    nsamp = nsamp + t:get("sampled")
    nerr = nerr + t:get("witherrors")
    nresp = nresp + t:get("responses")
  end
  local e = summary.errors
  local secs = summary.duration / 1e6
  io.write(string.format(
    'BENCH_JSON {"requests":%d,"responses":%d,"seconds":%.3f,"rps":%.1f,' ..
    '"p50_ms":%.3f,"p90_ms":%.3f,"p99_ms":%.3f,"max_ms":%.3f,' ..
    '"non200":%d,"bad_length":%d,"sampled":%d,"sampled_with_errors":%d,' ..
    '"socket_errors":%d,"timeouts":%d}\n',
    summary.requests, nresp, secs, summary.requests / secs,
    latency:percentile(50) / 1000, latency:percentile(90) / 1000,
    latency:percentile(99) / 1000, latency.max / 1000,
    n200, nlen, nsamp, nerr,
    e.connect + e.read + e.write, e.timeout))
end
