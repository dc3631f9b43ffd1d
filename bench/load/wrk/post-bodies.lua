-- wrk script: POSTs the bodies of a file (one JSON body per line) in turn, each request
-- formatted once up front so that the generator does as little as possible per request, and
-- prints the figures as one JSON line at the end. Paths and file come from the environment.
local path = os.getenv("BENCH_WRK_PATH")
local file = os.getenv("BENCH_WRK_BODIES")
local prepared = {}
local next_index = 0

function init(args)
  for body in io.lines(file) do
    prepared[#prepared + 1] = wrk.format("POST", path, { ["Content-Type"] = "application/json" }, body)
  end
end

function request()
  next_index = next_index % #prepared + 1
  return prepared[next_index]
end

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    '{"requests":%d,"durationUs":%d,"bytes":%d,"connectErrors":%d,"readErrors":%d,"writeErrors":%d,"statusErrors":%d,"timeouts":%d,"p50Us":%d,"p99Us":%d,"maxUs":%d}\n',
    summary.requests, summary.duration, summary.bytes, e.connect, e.read, e.write, e.status, e.timeout,
    latency:percentile(50), latency:percentile(99), latency.max))
end
