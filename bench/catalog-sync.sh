#!/usr/bin/env bash
# Benchmark: sync a large sandbox chain (about 100,000 shows) into the gateway.
# Prints the full-sync time, an incremental sync's time, the gateway's memory after the sync, and a
# few read latencies on the large catalogue; writes them into docs/benchmarks.md.
#
#   bench/catalog-sync.sh            # gateway on PostgreSQL (127.0.0.1:5432), as in production
#   GATEWAY_DB=h2 bench/catalog-sync.sh   # gateway on its embedded H2
set -euo pipefail
cd "$(dirname "$0")/.."
. bin/jdk.sh
. bench/common.sh

SANDBOX_PORT=${SANDBOX_PORT:-9201}
GATEWAY_PORT=${GATEWAY_PORT:-8201}
GATEWAY_DB=${GATEWAY_DB:-postgres}
OUT=var/bench
mkdir -p "$OUT"

if [ "${MARQUEE_SKIP_BUILD:-}" != 1 ]; then
  mvn -B -ntp -q ${MARQUEE_OFFLINE:+-o} install -DskipTests
fi
SANDBOX_JAR=$(ls sandbox-theatre/target/sandbox-theatre-*-all.jar)
GATEWAY_JAR=$(ls gateway-app/target/gateway-app-*-all.jar)


echo "Starting a large sandbox chain (generating its catalogue)..."
createdb_if_missing marquee_bench_sandbox
java -Xmx2g -Dmicronaut.server.port="$SANDBOX_PORT" -Dsandbox.seed=7 -Dsandbox.size=large -Dsandbox.reset-on-start=true \
     -Ddatasources.default.url=jdbc:postgresql://127.0.0.1:5432/marquee_bench_sandbox -Ddatasources.default.username=postgres \
     -Ddatasources.default.password= -jar "$SANDBOX_JAR" > "$OUT/sandbox.log" 2>&1 &
pids+=($!)
wait_for "http://127.0.0.1:$SANDBOX_PORT/sandbox/v1/info" 600 "$OUT/sandbox.log"
info=$(curl -fsS "http://127.0.0.1:$SANDBOX_PORT/sandbox/v1/info")
shows=$(echo "$info" | python3 -c 'import json,sys; print(json.load(sys.stdin)["counts"]["shows"])')
halls=$(echo "$info" | python3 -c 'import json,sys; print(json.load(sys.stdin)["counts"]["halls"])')
echo "Sandbox has $shows shows in $halls halls"

db_props=()
if [ "$GATEWAY_DB" = postgres ]; then
  psql -h 127.0.0.1 -U postgres -qc "DROP DATABASE IF EXISTS marquee_bench_gateway" && createdb_if_missing marquee_bench_gateway
  db_props=(-Ddatasources.default.url=jdbc:postgresql://127.0.0.1:5432/marquee_bench_gateway -Ddatasources.default.username=postgres -Ddatasources.default.password=)
fi
cat > "$OUT/chains.yml" <<YAML
marquee:
  chains:
    bench:
      name: Benchmark Chain
      adapter: rest
      sync-interval: 15s
      settings:
        base-url: http://127.0.0.1:$SANDBOX_PORT
        request-timeout: 120s
YAML
echo "Starting the gateway (database: $GATEWAY_DB) and waiting for its first sync..."
java -Dmarquee.demo=true -Dmicronaut.server.port="$GATEWAY_PORT" -Dmicronaut.config.files="$OUT/chains.yml" "${db_props[@]}" \
     -jar "$GATEWAY_JAR" > "$OUT/gateway.log" 2>&1 &
gateway_pid=$!
pids+=($gateway_pid)

wait_for_line() { # regex seconds
  for _ in $(seq 1 $(( $2 * 2 ))); do
    line=$(grep -E "$1" "$OUT/gateway.log" | head -1 || true)
    [ -n "$line" ] && { echo "$line"; return 0; }
    kill -0 "$gateway_pid" 2>/dev/null || { tail -30 "$OUT/gateway.log" >&2; exit 1; }
    sleep 0.5
  done
  echo "timed out waiting for: $1" >&2; tail -30 "$OUT/gateway.log" >&2; exit 1
}
full=$(wait_for_line 'Synced chain bench \(full read\) in [0-9]+ ms' 900)
full_ms=$(echo "$full" | sed -E 's/.* in ([0-9]+) ms.*/\1/')
incremental=$(wait_for_line 'Synced chain bench \(incremental read\) in [0-9]+ ms' 120)
incremental_ms=$(echo "$incremental" | sed -E 's/.* in ([0-9]+) ms.*/\1/')

jcmd "$gateway_pid" GC.run > /dev/null
sleep 1
heap_kb=$(jcmd "$gateway_pid" GC.heap_info | grep -oE 'used [0-9]+K' | head -1 | grep -oE '[0-9]+')
rss_kb=$(grep VmRSS "/proc/$gateway_pid/status" | grep -oE '[0-9]+')

latency() { # path
  local best=999999 t
  for _ in 1 2 3 4 5; do
    t=$(curl -fsS -o /dev/null -w '%{time_total}' "http://127.0.0.1:$GATEWAY_PORT$1")
    t=$(python3 -c "print(round($t*1000,1))")
    best=$(python3 -c "print(min($best,$t))")
  done
  echo "$best"
}
city=$(curl -fsS "http://127.0.0.1:$GATEWAY_PORT/api/v1/cities" | python3 -c 'import json,sys; print(json.load(sys.stdin)["cities"][0]["id"])')
cities_ms=$(latency /api/v1/cities)
city_movies_ms=$(latency "/api/v1/cities/$city/movies")
search_ms=$(latency "/api/v1/search?q=intersteller")

cpu=$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')
summary=$(cat <<TXT
### Catalogue sync of a large chain ($(date -u +%Y-%m-%d))

Command: \`bench/catalog-sync.sh\` (gateway database: $GATEWAY_DB; sandbox on PostgreSQL; REST adapter; $(nproc) cores, $cpu).

| measure | value |
| --- | --- |
| shows in the chain | $shows (in $halls halls) |
| first (full) sync, read + write + in-memory rebuild | $full_ms ms |
| incremental sync with nothing changed | $incremental_ms ms |
| gateway heap used after sync (after a full GC) | $(( heap_kb / 1024 )) MiB |
| gateway resident memory (RSS) | $(( rss_kb / 1024 )) MiB |
| \`GET /api/v1/cities\` (best of 5) | $cities_ms ms |
| \`GET /api/v1/cities/$city/movies\` (best of 5) | $city_movies_ms ms |
| \`GET /api/v1/search?q=intersteller\` (best of 5) | $search_ms ms |
TXT
)
echo
echo "$summary"

write_section catalog-sync "$summary"
