#!/usr/bin/env bash
# Benchmark: seat-map reads. In one run on one machine: wrk (64 connections, 15 s) against the gateway's
# GET /api/v1/shows/{id}/seats, against two ceilings serving the very same bytes (nginx, as a static file; and a
# route of the gateway's own server that answers them from memory, GET /benchmark/static), and against the gateway
# again while holds are placed and released on that same show (a second wrk, 4 connections, every answer a change
# of the map). Prints requests/s, p50/p99 and the ratios to both ceilings; writes docs/benchmarks.md.
set -euo pipefail
cd "$(dirname "$0")/.."
. bin/jdk.sh
. bench/common.sh

SANDBOX_PORT=${SANDBOX_PORT:-9221}
GATEWAY_PORT=${GATEWAY_PORT:-8221}
NGINX_PORT=${NGINX_PORT:-8222}
CONNECTIONS=${CONNECTIONS:-64}
DURATION=${DURATION:-15s}
HOLD_CONNECTIONS=${HOLD_CONNECTIONS:-4}
OUT=var/bench-seatmap
mkdir -p "$OUT"
OUT_ABS=$(cd "$OUT" && pwd)
for tool in wrk nginx; do
  command -v $tool > /dev/null || { echo "$tool is needed: apt-get install -y wrk nginx" >&2; exit 1; }
done
if [ "${MARQUEE_SKIP_BUILD:-}" != 1 ]; then
  mvn -B -ntp -q ${MARQUEE_OFFLINE:+-o} package -DskipTests
fi
cp "$(ls sandbox-theatre/target/sandbox-theatre-*-all.jar)" "$OUT/sandbox.jar"
cp "$(ls gateway-app/target/gateway-app-*-all.jar)" "$OUT/gateway.jar"

fresh_db marquee_bench_seatmap_chain
fresh_db marquee_bench_seatmap_gateway
CHAIN_DB=jdbc:postgresql://127.0.0.1:5432/marquee_bench_seatmap_chain
java -Dmicronaut.server.port="$SANDBOX_PORT" -Dsandbox.seed=5 -Dsandbox.size=medium -Dsandbox.reset-on-start=true \
     -Ddatasources.default.url=$CHAIN_DB -Ddatasources.default.username=postgres -Ddatasources.default.password= \
     -jar "$OUT/sandbox.jar" > "$OUT/sandbox.log" 2>&1 &
pids+=($!)
wait_for "http://127.0.0.1:$SANDBOX_PORT/sandbox/v1/info" 300 "$OUT/sandbox.log"

cat > "$OUT/chains.yml" <<YAML
marquee:
  # The drivers' API key, and limits far above what a benchmark sends (they measure the gateway, not its refusals).
  api-clients:
    demo-key: ${MARQUEE_API_KEY:-bench-api-key-of-the-drivers}
  limits:
    writes-per-key: 100000000
    writes-per-address: 100000000
  holds:
    max-seats-per-email: 1000
  chains:
    bench:
      name: Benchmark Chain
      adapter: rest
      sync-interval: 1h
      settings:
        base-url: http://127.0.0.1:$SANDBOX_PORT
YAML
# The gateway's own ceiling route serves www/seats.json, written below from the gateway's answer.
java -Dmarquee.demo=true -Dmicronaut.server.port="$GATEWAY_PORT" -Dmicronaut.config.files="$OUT/chains.yml" \
     -Dmarquee.benchmark.static-file="$OUT_ABS/www/seats.json" \
     -Ddatasources.default.url=jdbc:postgresql://127.0.0.1:5432/marquee_bench_seatmap_gateway \
     -Ddatasources.default.username=postgres -Ddatasources.default.password= \
     -jar "$OUT/gateway.jar" > "$OUT/gateway.log" 2>&1 &
gateway_pid=$!
pids+=($gateway_pid)
wait_for "http://127.0.0.1:$GATEWAY_PORT/health" 120 "$OUT/gateway.log"
for _ in $(seq 1 240); do grep -q 'Synced chain bench' "$OUT/gateway.log" && break; sleep 0.5; done

# The show on sale whose hall is closest to the 322 seats of the issue's measurement.
show=$(psql -h 127.0.0.1 -U postgres -d marquee_bench_seatmap_gateway -tAc "SELECT s.id FROM shows s JOIN halls h ON h.id = s.hall_id
  WHERE s.status = 'SCHEDULED' AND s.starts_at > now() + interval '3 hours' ORDER BY abs(h.capacity - 322), s.id LIMIT 1")
url="http://127.0.0.1:$GATEWAY_PORT/api/v1/shows/$show/seats"
mkdir -p "$OUT/www"
curl -fsS "$url" -o "$OUT/www/seats.json"
seats=$(python3 -c "import json,sys; print(len(json.load(open(sys.argv[1]))['seats']))" "$OUT/www/seats.json")
bytes=$(stat -c %s "$OUT/www/seats.json")
echo "Show $show: $seats seats, $bytes bytes"
curl -fsS -D "$OUT/headers.txt" -o /dev/null "$url"

chmod -R a+rX "$OUT_ABS/www"
cat > "$OUT/nginx.conf" <<NGINX
worker_processes auto;
pid $OUT_ABS/nginx.pid;
error_log $OUT_ABS/nginx.error.log;
events { worker_connections 4096; }
http {
  access_log off;
  sendfile on;
  tcp_nopush on;
  keepalive_requests 1000000;
  server {
    listen 127.0.0.1:$NGINX_PORT;
    root $OUT_ABS/www;
    location / { default_type application/json; }
  }
}
NGINX
nginx -c "$OUT_ABS/nginx.conf" -g 'daemon off;' &
pids+=($!)
wait_for "http://127.0.0.1:$NGINX_PORT/seats.json" 20 "$OUT/nginx.error.log"
cmp -s <(curl -fsS "http://127.0.0.1:$NGINX_PORT/seats.json") "$OUT/www/seats.json" || { echo "nginx serves other bytes" >&2; exit 1; }

# Holds on the show's seats, each released by the next request of its wrk thread: every answer changes the map.
python3 - "$OUT_ABS/www/seats.json" "$show" > "$OUT/holds.lua" <<'PY'
import json, sys
seats = [s["id"] for s in json.load(open(sys.argv[1]))["seats"] if s["status"] == "AVAILABLE" and "price" in s]
print("local seats = {" + ",".join('"%s"' % s for s in seats) + "}")
print('local show = "%s"' % sys.argv[2])
print(r'''
local releases = {}
local counter = 0
local placed, taken, released, other = 0, 0, 0, 0
math.randomseed(os.time() + tonumber(tostring({}):sub(8), 16))
request = function()
  counter = counter + 1
  local r = table.remove(releases)
  if r then
    return wrk.format("DELETE", "/api/v1/holds/" .. r.id, {["Authorization"] = "Bearer " .. r.token,
      ["X-Api-Key"] = "bench-api-key-of-the-drivers"})
  end
  local seat = seats[math.random(#seats)]
  local body = '{"showId":"' .. show .. '","seatIds":["' .. seat .. '"],"email":"bench' .. math.random(1000000) .. '@example.org"}'
  return wrk.format("POST", "/api/v1/holds", {["Content-Type"] = "application/json",
    ["Idempotency-Key"] = "k" .. math.random(1000000000) .. "-" .. counter, ["X-Api-Key"] = "bench-api-key-of-the-drivers"}, body)
end
response = function(status, headers, body)
  if status == 201 then
    placed = placed + 1
    local id = body:match('"holdId":"([^"]+)"')
    local token = body:match('"token":"([^"]+)"')
    if id and token then table.insert(releases, {id = id, token = token}) end
  elseif status == 409 then taken = taken + 1
  elseif status == 200 then released = released + 1
  else other = other + 1 end
end
''')
PY

run_wrk() { # label url [extra wrk args]
  local label=$1 target=$2; shift 2
  wrk -t2 -c"$CONNECTIONS" -d"$DURATION" --latency "$@" "$target" > "$OUT/wrk-$label.txt"
}
rps() { awk '/Requests\/sec/ {print $2}' "$OUT/wrk-$1.txt"; }
pct() { # label percent -> milliseconds
  awk -v p="$2%" '$1 == p {v=$2; if (v ~ /us$/) {sub(/us/,"",v); v=v/1000} else if (v ~ /ms$/) {sub(/ms/,"",v)} else if (v ~ /s$/) {sub(/s/,"",v); v=v*1000}; printf "%.2f", v}' "$OUT/wrk-$1.txt"
}
version_number() { curl -fsS "$url" | python3 -c "import json,sys; print(json.load(sys.stdin)['version'].split('.')[1])"; }

load_before=$(cut -d' ' -f1-3 /proc/loadavg)
static_url="http://127.0.0.1:$GATEWAY_PORT/benchmark/static"
nginx_url="http://127.0.0.1:$NGINX_PORT/seats.json"
cmp -s <(curl -fsS "$static_url") "$OUT/www/seats.json" || { echo "the gateway's static route serves other bytes" >&2; exit 1; }
echo "Warming up the gateway (seat map and its own static route)..."
wrk -t2 -c"$CONNECTIONS" -d20s "$url" > /dev/null
wrk -t2 -c"$CONNECTIONS" -d10s "$static_url" > /dev/null
wrk -t1 -c8 -d3s "$nginx_url" > /dev/null
# The control's show (below), which the hold path is warmed on too: the first phase with holds would otherwise also
# pay for the hold path's first compilation and the beans it makes on first use, and the control would not.
other=$(psql -h 127.0.0.1 -U postgres -d marquee_bench_seatmap_gateway -tAc "SELECT s.id FROM shows s JOIN halls h ON h.id = s.hall_id
  WHERE s.status = 'SCHEDULED' AND s.starts_at > now() + interval '3 hours' AND s.id <> '$show' ORDER BY abs(h.capacity - 322), s.id LIMIT 1")
sed "s/\"$show\"/\"$other\"/" "$OUT/holds.lua" > "$OUT/holds-other.lua"
echo "Warming up the hold path (holds on $other)..."
wrk -t1 -c"$HOLD_CONNECTIONS" -d15s -s "$OUT/holds-other.lua" "http://127.0.0.1:$GATEWAY_PORT" > /dev/null
echo "Gateway seat map, $CONNECTIONS connections, $DURATION..."
run_wrk gateway "$url"
echo "nginx, the same bytes as a static file..."
run_wrk nginx "$nginx_url"
echo "The gateway's own server, the same bytes from memory (GET /benchmark/static)..."
run_wrk static "$static_url"
# BENCH_JFR=1 records the gateway (JFR) through the measured phases, each to a file of its own.
jfr_phase() { # start|stop name
  if [ "${BENCH_JFR:-}" = 1 ]; then
    if [ "$1" = start ]; then jcmd "$gateway_pid" JFR.start name="$2" settings=profile > /dev/null
    else jcmd "$gateway_pid" JFR.stop name="$2" filename="$OUT_ABS/$2.jfr" > /dev/null; fi
  fi
}
# The three again in turns of 10 s: a ratio from neighbouring turns is less at the mercy of the machine's moment.
ROUNDS=${ROUNDS:-3}
round_rows=""
for round in $(seq 1 "$ROUNDS"); do
  echo "Round $round of $ROUNDS: seat map, the same server's static bytes, nginx (10 s each)..."
  jfr_phase start "round-$round-gateway"
  wrk -t2 -c"$CONNECTIONS" -d10s --latency "$url" > "$OUT/wrk-round-$round-gateway.txt"
  jfr_phase stop "round-$round-gateway"
  jfr_phase start "round-$round-static"
  wrk -t2 -c"$CONNECTIONS" -d10s --latency "$static_url" > "$OUT/wrk-round-$round-static.txt"
  jfr_phase stop "round-$round-static"
  wrk -t2 -c"$CONNECTIONS" -d10s --latency "$nginx_url" > "$OUT/wrk-round-$round-nginx.txt"
done
echo "Gateway seat map while holds are placed and released on the show..."
v_before=$(version_number)
jfr_phase start holds-same-show
wrk -t1 -c"$HOLD_CONNECTIONS" -d"$DURATION" --latency -s "$OUT/holds.lua" "http://127.0.0.1:$GATEWAY_PORT" > "$OUT/wrk-holds.txt" &
holds_wrk=$!
run_wrk gateway-holds "$url"
wait $holds_wrk
jfr_phase stop holds-same-show
v_after=$(version_number)
load_after=$(cut -d' ' -f1-3 /proc/loadavg)
# The control: the same holds on another show, so the map read is never changed by them. Reads that drop as much
# here as above lose to the hold path's work on the machine, not to the seat map's updates.
echo "Gateway seat map while the same holds are placed on another show ($other)..."
jfr_phase start holds-other-show
wrk -t1 -c"$HOLD_CONNECTIONS" -d"$DURATION" --latency -s "$OUT/holds-other.lua" "http://127.0.0.1:$GATEWAY_PORT" > "$OUT/wrk-holds-other.txt" &
holds_wrk=$!
run_wrk gateway-holds-other "$url"
wait $holds_wrk
jfr_phase stop holds-other-show
echo "Gateway seat map gzip (Accept-Encoding: gzip)..."
run_wrk gateway-gzip "$url" -H "Accept-Encoding: gzip"
echo "Gateway seat map revalidated (If-None-Match: the current ETag, 304)..."
etag=$(curl -fsS -D - -o /dev/null "$url" | awk 'tolower($1) == "etag:" {print $2}' | tr -d '\r')
run_wrk gateway-304 "$url" -H "If-None-Match: $etag"

ratio() { python3 -c "print('%.2f' % (float('$1') / float('$2')))"; }
nginx_rps=$(rps nginx)
hold_rps=$(awk '/Requests\/sec/ {print $2}' "$OUT/wrk-holds.txt")
hold_p99=$(pct holds 99)
versions=$(( v_after - v_before ))
others=$(ps -eo pcpu,args --sort=-pcpu | awk -v out="$OUT" 'NR > 1 && $1 > 5 && !/wrk|nginx/ && index($0, out) == 0' | wc -l)
cpu=$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')
static_rps=$(rps static)
row() { # label name
  printf '| %s | %s | %s | %s | %s | %s |\n' "$2" "$(rps "$1")" "$(pct "$1" 50)" "$(pct "$1" 99)" "$(ratio "$(rps "$1")" "$nginx_rps")" \
    "$(ratio "$(rps "$1")" "$static_rps")"
}
table=$(cat <<TXT
| what | requests/s | p50 ms | p99 ms | × nginx | × the same server's static bytes |
| --- | --- | --- | --- | --- | --- |
$(row nginx "nginx, the same bytes as a static file (ceiling)")
$(row static "the gateway's own server, the same bytes from memory (ceiling)")
$(row gateway "gateway seat map")
$(row gateway-holds "gateway seat map while holds are placed on the show")
$(row gateway-holds-other "control: gateway seat map while holds are placed on another show")
$(row gateway-gzip "gateway seat map, gzip")
$(row gateway-304 "gateway seat map, If-None-Match → 304")
TXT
)
rounds=$(python3 - "$OUT" "$ROUNDS" <<'PY'
import re, statistics, sys
out, n = sys.argv[1], int(sys.argv[2])
def read(round_, what):
    text = open("%s/wrk-round-%d-%s.txt" % (out, round_, what)).read()
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", text).group(1))
    v, unit = re.search(r"^\s+99%\s+([\d.]+)(us|ms|s)", text, re.M).groups()
    return rps, float(v) * {"us": 0.001, "ms": 1, "s": 1000}[unit]
rows, to_static, to_nginx = [], [], []
for r in range(1, n + 1):
    g, s, x = read(r, "gateway"), read(r, "static"), read(r, "nginx")
    to_static.append(g[0] / s[0]); to_nginx.append(g[0] / x[0])
    rows.append("| %d | %.0f (p99 %.2f ms) | %.0f | %.0f | %.2f | %.2f |" % (r, g[0], g[1], s[0], x[0], g[0] / s[0], g[0] / x[0]))
print("| round | gateway seat map, requests/s | the same server's static bytes | nginx | seat map × static bytes | seat map × nginx |")
print("| --- | --- | --- | --- | --- | --- |")
print("\n".join(rows))
print("| median | | | | %.2f | %.2f |" % (statistics.median(to_static), statistics.median(to_nginx)))
PY
)
summary=$(cat <<TXT
### Seat-map reads ($(date -u +%Y-%m-%d))

Command: \`bench/seat-map.sh\` (wrk -t2 -c$CONNECTIONS -d$DURATION; show \`$show\`, $seats seats, $bytes bytes of JSON;
gateway on PostgreSQL $(psql -h 127.0.0.1 -U postgres -tAc 'SHOW server_version' | cut -d' ' -f1) with the REST adapter to a sandbox chain;
gateway, sandbox, nginx and wrk on one machine with $(nproc) cores, $cpu; load average $load_before before,
$load_after after the hold run$( [ "$others" -gt 0 ] && echo "; the machine was shared: $others other processes above 5 % CPU at the end")).
nginx serves the very bytes the gateway answered, as a static file; the gateway's own server answers them too, from
memory, on a route that does nothing else (\`GET /benchmark/static\`, the same headers). "while holds are placed": a second wrk
(1 thread, $HOLD_CONNECTIONS connections) placed one-seat holds on the same show and released each won hold
with its next request, $hold_rps requests/s (p99 $hold_p99 ms), making $versions new versions of the map in $DURATION.
The control places the same holds on another show ($(awk '/Requests\/sec/ {print $2}' "$OUT/wrk-holds-other.txt") requests/s), so nothing changes the map read.
The hold path is warmed first (15 s of the control's holds), as the reads are.

$table

The same three in $ROUNDS rounds of 10 s each (seat map, then the same server's static bytes, then nginx), each ratio
from one round's neighbouring runs:

$rounds
TXT
)
echo
echo "$summary"
write_section seat-map "$summary"
