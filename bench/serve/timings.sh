#!/usr/bin/env bash
# The verdict's own `timings` through `guardrail serve`, to set beside DetectorBenchmarks and AttackBenchmarks.
# Starts serve (demo upstream, which echoes the last user message; audit off), sends BenchTexts.Answer as the user
# message N times after a warm-up, and prints the median of each timings entry. The echoed answer is "You said: " plus
# the same 1.5 KB text, so toxicity_ms covers the prompt and the answer (about twice Toxicity_Answer) and attack_ms the
# prompt alone.
#   bash bench/serve/timings.sh [requests=2000] [warmup=1000]
set -euo pipefail
cd "$(dirname "$0")/../.."
N=${1:-2000}; WARM=${2:-1000}; PORT=${PORT:-18480}; ADMIN=${ADMIN_PORT:-18481}
body=$(mktemp); out=$(mktemp); log=$(mktemp)
python3 - "$body" <<'PY'
import json, re, sys
src = open("bench/Guardrail.Bench/BenchTexts.cs", encoding="utf-8").read()
m = re.search(r'public const string Answer =(.*?);', src, re.S)
text = "".join(re.findall(r'"((?:[^"\\]|\\.)*)"', m.group(1)))
json.dump({"model": "demo", "messages": [{"role": "user", "content": text}]}, open(sys.argv[1], "w"))
PY
dotnet build -c Release src/Guardrail.Server -v q -nologo >/dev/null
GUARDRAIL_ADMIN_KEY=$(head -c 16 /dev/urandom | od -An -tx1 | tr -d ' \n') \
  dotnet src/Guardrail.Server/bin/Release/net10.0/guardrail.dll serve --listen "http://127.0.0.1:$PORT" \
  --admin-listen "http://127.0.0.1:$ADMIN" --audit off >"$log" 2>&1 &
pid=$!; trap 'kill $pid 2>/dev/null; rm -f "$body" "$out" "$log"' EXIT
for _ in $(seq 1 120); do curl -sf -o /dev/null "http://127.0.0.1:$ADMIN/healthz" && break; sleep 1; done
# One kept-alive connection, requests back to back (as a client under steady traffic sends them; a new process per request
# leaves the caches cold between requests and measures that instead).
python3 - "$body" "$out" "$PORT" "$WARM" "$N" <<'PY'
import http.client, json, sys
body, out, port, warm, n = open(sys.argv[1], "rb").read(), sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5])
conn = http.client.HTTPConnection("127.0.0.1", port)
with open(out, "w") as f:
    for i in range(warm + n):
        conn.request("POST", "/v1/chat/completions", body, {"content-type": "application/json"})
        reply = conn.getresponse().read()
        if i >= warm: f.write(json.dumps(json.loads(reply)["guardrail"]) + "\n")
PY
python3 - "$out" <<'PY'
import json, statistics, sys
rows = [json.loads(l)["timings"] for l in open(sys.argv[1]) if l.strip()]
for key in sorted({k for r in rows for k in r}):
    vals = [r[key] for r in rows if key in r]
    print(f"{key}: median {statistics.median(vals):.3f} ms over {len(vals)} requests")
PY
