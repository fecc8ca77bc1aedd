#!/usr/bin/env bash
# Benchmark: contested seat holds. Many clients race for the seats of one hot show (300 seats,
# thousands of attempts) and of many shows at once, through the gateway (REST adapter to a sandbox
# chain, both on PostgreSQL), and the chain's own lock transaction run straight on PostgreSQL in the
# same run for comparison. Prints holds/s, p50/p99 latency and seats held twice; writes docs/benchmarks.md.
set -euo pipefail
cd "$(dirname "$0")/.."
. bin/jdk.sh
. bench/common.sh

SANDBOX_PORT=${SANDBOX_PORT:-9211}
GATEWAY_PORT=${GATEWAY_PORT:-8211}
OUT=var/bench-holds
mkdir -p "$OUT"
if [ "${MARQUEE_SKIP_BUILD:-}" != 1 ]; then
  mvn -B -ntp -q ${MARQUEE_OFFLINE:+-o} install -DskipTests
fi
cp "$(ls sandbox-theatre/target/sandbox-theatre-*-all.jar)" "$OUT/sandbox.jar"
cp "$(ls gateway-app/target/gateway-app-*-all.jar)" "$OUT/gateway.jar"


fresh_db marquee_bench_holds_chain
fresh_db marquee_bench_holds_gateway
CHAIN_DB=jdbc:postgresql://127.0.0.1:5432/marquee_bench_holds_chain
java -Dmicronaut.server.port="$SANDBOX_PORT" -Dsandbox.seed=5 -Dsandbox.size=medium -Dsandbox.reset-on-start=true \
     -Ddatasources.default.url=$CHAIN_DB -Ddatasources.default.username=postgres -Ddatasources.default.password= \
     -jar "$OUT/sandbox.jar" > "$OUT/sandbox.log" 2>&1 &
pids+=($!)
wait_for "http://127.0.0.1:$SANDBOX_PORT/sandbox/v1/info" 300 "$OUT/sandbox.log"

cat > "$OUT/chains.yml" <<YAML
marquee:
  holds:
    requests-per-minute: 100000000
  chains:
    bench:
      name: Benchmark Chain
      adapter: rest
      sync-interval: 1h
      seat-map-ttl: 0s
      settings:
        base-url: http://127.0.0.1:$SANDBOX_PORT
YAML
java -Dmicronaut.server.port="$GATEWAY_PORT" -Dmicronaut.config.files="$OUT/chains.yml" \
     -Ddatasources.default.url=jdbc:postgresql://127.0.0.1:5432/marquee_bench_holds_gateway \
     -Ddatasources.default.username=postgres -Ddatasources.default.password= \
     -jar "$OUT/gateway.jar" > "$OUT/gateway.log" 2>&1 &
pids+=($!)
wait_for "http://127.0.0.1:$GATEWAY_PORT/health" 120 "$OUT/gateway.log"
for _ in $(seq 1 240); do grep -q 'Synced chain bench' "$OUT/gateway.log" && break; sleep 0.5; done

echo "Racing (${ATTEMPTS:-3000} attempts per run, ${CLIENTS:-32} concurrent clients)..."
table=$(java -Dattempts="${ATTEMPTS:-3000}" -Dclients="${CLIENTS:-32}" -cp "$OUT/gateway.jar" bench/HoldBench.java \
  "http://127.0.0.1:$GATEWAY_PORT" "$CHAIN_DB" "http://127.0.0.1:$SANDBOX_PORT" 2> "$OUT/bench.err")

cpu=$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')
summary=$(cat <<TXT
### Contested seat holds ($(date -u +%Y-%m-%d))

Command: \`bench/hold-contention.sh\` (${ATTEMPTS:-3000} attempts per run, ${CLIENTS:-32} concurrent clients, each
attempt 1 to 3 random seats of the run's shows; gateway, sandbox chain and load generator on one
machine with $(nproc) cores, $cpu; PostgreSQL $(psql -h 127.0.0.1 -U postgres -tAc 'SHOW server_version')).
"chain's HTTP lock API" is the sandbox chain's own \`POST /theatre/v1/locks\` without the gateway;
"PostgreSQL lock transaction" is the chain's lock recipe from contracts/sandbox-schema.md run straight
over JDBC: the ceiling the chain's own database puts on any gateway. Holds last 5 minutes, so won seats
stay taken for the whole run and later attempts on a hot show mostly conflict.

$table
TXT
)
echo
echo "$summary"
write_section hold-contention "$summary"
