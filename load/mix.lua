-- wrk script: a mix of valid and invalid requests over the API, counting answers by status.
-- Bodies come from src/main/resources/examples (valid) plus hand-made bad ones; see load/run.sh.
local bodies = {}
local threads = {}

local function read(path)
  local f = assert(io.open(path, "r"))
  local s = f:read("*a")
  f:close()
  return s
end

local examples = os.getenv("EXAMPLES") or "src/main/resources/examples"
local valid = { "rnn-cell-forward", "rnn-sequence-backward", "lstm-cell-forward", "lstm-sequence-forward",
                "lstm-sequence-backward", "gru-cell-backward", "gru-sequence-forward", "rnn-sequence-loss",
                "random-randn" }
for _, name in ipairs(valid) do
  local path = "/api/v1/" .. name:gsub("^random%-", "random/"):gsub("^(%a+)%-(%a+)%-(%a+)$", "%1/%2/%3")
  table.insert(bodies, { path = path, body = read(examples .. "/" .. name .. ".json") })
end
-- invalid: ragged, NaN, unknown field, not JSON, wrong shape, over the nesting limit
local bad = {
  { path = "/api/v1/rnn/cell/forward", body = '{"xt": [[1, 2], [3]], "a_prev": [[1]], "parameters": {}}' },
  { path = "/api/v1/lstm/cell/forward", body = '{"xt": [[NaN]]}' },
  { path = "/api/v1/gru/sequence/forward", body = '{"x": [[[1]]], "a_pev": [[1]]}' },
  { path = "/api/v1/rnn/sequence/backward", body = '{"x": [[[1' },
  { path = "/api/v1/lstm/sequence/backward", body = '{"x": [[[1]]], "a0": [[1, 2]], "da": [[[1]]]}' },
  { path = "/api/v1/rnn/cell/forward", body = '{"xt": [[[[[[[[[[[[1]]]]]]]]]]]]}' },
}
for _, b in ipairs(bad) do table.insert(bodies, b) end

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  counts = {}
  n = 0
end

function request()
  n = n + 1
  local b = bodies[(n % #bodies) + 1]
  return wrk.format("POST", b.path, { ["Content-Type"] = "application/json" }, b.body)
end

function response(status, headers, body)
  counts[status] = (counts[status] or 0) + 1
end

function done(summary, latency, requests)
  local total = {}
  for _, t in ipairs(threads) do
    for status, c in pairs(t:get("counts")) do total[status] = (total[status] or 0) + c end
  end
  io.write("------------------------------\n")
  io.write(string.format("requests: %d in %.1f s, %.0f req/s\n", summary.requests, summary.duration / 1e6,
    summary.requests / (summary.duration / 1e6)))
  io.write(string.format("latency p50 %.2f ms, p90 %.2f ms, p99 %.2f ms, max %.2f ms\n",
    latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000, latency.max / 1000))
  local five = 0
  local keys = {}
  for status in pairs(total) do table.insert(keys, status) end
  table.sort(keys)
  for _, status in ipairs(keys) do
    io.write(string.format("status %d: %d\n", status, total[status]))
    if status >= 500 then five = five + total[status] end
  end
  local e = summary.errors
  io.write(string.format("5xx: %d; socket errors: connect %d, read %d, write %d, timeout %d\n",
    five, e.connect, e.read, e.write, e.timeout))
end
