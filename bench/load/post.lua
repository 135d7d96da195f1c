-- wrk script of the load harness (bench/load/README.md): POSTs the JSON body in the file $BENCH_BODY, and asks the
-- bench upstream for a pause between streamed events when $BENCH_GAP_MS is set.
local file = assert(io.open(os.getenv("BENCH_BODY"), "rb"))
wrk.method = "POST"
wrk.body = file:read("*a")
file:close()
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer sk-bench"
wrk.headers["anthropic-version"] = "2023-06-01"
local gap = os.getenv("BENCH_GAP_MS")
if gap ~= nil and gap ~= "" then wrk.headers["x-bench-gap-ms"] = gap end
