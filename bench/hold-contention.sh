#!/usr/bin/env bash
# Benchmark: contested seat holds. Many clients race for the seats of 40 shows at once and of one hot show
# (300 seats, thousands of attempts) through the gateway (REST adapter to a sandbox chain, both on PostgreSQL),
# and, in the same run, against its ceilings: the chain's own lock API and the chain's lock transaction straight
# on PostgreSQL. Prints holds/s, p50/p99 latency, CPU time per attempt of the gateway and of the chain, seats held
# twice counted from the chain's tables, and the ratios; writes docs/benchmarks.md.
#
# MARQUEE_SKIP_BUILD=1 uses the jars already built; GATEWAY_JAR and SANDBOX_JAR run other builds (to compare two);
# BENCH_DB names its databases and SANDBOX_PORT, GATEWAY_PORT, BROKER_PORT its ports (so two checkouts can run at
# once); BENCH_JFR=1 records the gateway with JFR.
#
# BENCH_CORES=split gives the gateway a core of its own (taskset): the chain and the load generator share the other,
# in every run, and PostgreSQL runs on either. That is a chain on its own machine with the gateway in front of it on
# another, so the ratio says what the gateway takes from the chain's speed; with the default (shared) every
# process competes for the same cores, and an attempt through the gateway pays for the gateway's CPU and the chain's.
set -euo pipefail
cd "$(dirname "$0")/.."
. bin/jdk.sh
. bench/common.sh

SANDBOX_PORT=${SANDBOX_PORT:-9211}
GATEWAY_PORT=${GATEWAY_PORT:-8211}
BROKER_PORT=${BROKER_PORT:-5673} # the gateway's embedded AMQP broker
BENCH_DB=${BENCH_DB:-marquee_bench_holds}
# Connections to PostgreSQL of the gateway's pool, the chain's pool and the straight lock transaction's, each.
BENCH_POOL=${BENCH_POOL:-16}
OUT=var/bench-holds
BENCH_CORES=${BENCH_CORES:-shared}
gateway_cores=(); chain_cores=(); section=hold-contention; cores_note="gateway, sandbox chain and load generator on one
machine with $(nproc) cores, all sharing them"
if [ "$BENCH_CORES" = split ]; then
  gateway_cores=(taskset -c 0); chain_cores=(taskset -c 1); section=hold-contention-split
  cores_note="gateway, sandbox chain and load generator on one machine with $(nproc) cores: the gateway alone on
core 0, the chain and the load generator on core 1 in every run (\`taskset\`), PostgreSQL on either"
fi
mkdir -p "$OUT"
if [ "${MARQUEE_SKIP_BUILD:-}" != 1 ]; then
  mvn -B -ntp -q ${MARQUEE_OFFLINE:+-o} package -DskipTests
fi
cp "${SANDBOX_JAR:-$(ls sandbox-theatre/target/sandbox-theatre-*-all.jar)}" "$OUT/sandbox.jar"
cp "${GATEWAY_JAR:-$(ls gateway-app/target/gateway-app-*-all.jar)}" "$OUT/gateway.jar"

fresh_db "${BENCH_DB}_chain"
fresh_db "${BENCH_DB}_gateway"
CHAIN_DB=jdbc:postgresql://127.0.0.1:5432/${BENCH_DB}_chain
GATEWAY_DB=jdbc:postgresql://127.0.0.1:5432/${BENCH_DB}_gateway
${chain_cores[@]+"${chain_cores[@]}"} java -Dmicronaut.server.port="$SANDBOX_PORT" -Dsandbox.seed=5 -Dsandbox.size=medium -Dsandbox.reset-on-start=true \
     -Ddatasources.default.url=$CHAIN_DB -Ddatasources.default.username=postgres -Ddatasources.default.password= \
     -Ddatasources.default.maximum-pool-size="$BENCH_POOL" \
     -jar "$OUT/sandbox.jar" > "$OUT/sandbox.log" 2>&1 &
pids+=($!)
chain_pid=$!
wait_for "http://127.0.0.1:$SANDBOX_PORT/sandbox/v1/info" 300 "$OUT/sandbox.log"

cat > "$OUT/chains.yml" <<YAML
marquee:
  # The drivers' API key, and limits far above what a benchmark sends (they measure the gateway, not its refusals).
  api-clients:
    demo-key: ${MARQUEE_API_KEY:-bench-api-key-of-the-drivers}
  limits:
    writes-per-key: 100000000
    writes-per-address: 100000000
  chains:
    bench:
      name: Benchmark Chain
      adapter: rest
      sync-interval: 1h
      # The seat maps keep the default freshness (2 s). With 0 s, the maps the benchmark reads to pick its shows
      # were read again from the chain every 100 ms ahead of readers for the rest of the run, 14% of the
      # gateway's CPU and many reads at the chain, none of them part of placing a hold.
      settings:
        base-url: http://127.0.0.1:$SANDBOX_PORT
YAML
# Thousands of attempts a second on one show must not switch its waiting room on: that is another measurement.
jfr=()
if [ "${BENCH_JFR:-}" = 1 ]; then jfr=(-XX:StartFlightRecording=filename=$OUT/gateway.jfr,settings=profile); fi
# GATEWAY_JAVA_OPTS: more options for the gateway's JVM (settings to compare, such as -Dmarquee.limits.store=local).
MARQUEE_QUEUE_SURGE_ATTEMPTS=0 ${gateway_cores[@]+"${gateway_cores[@]}"} java ${jfr[@]+"${jfr[@]}"} ${GATEWAY_JAVA_OPTS:-} -Dmarquee.demo=true -Dmicronaut.server.port="$GATEWAY_PORT" -Dmicronaut.config.files="$OUT/chains.yml" \
     -Dmarquee.messaging.embedded-port="$BROKER_PORT" \
     -Ddatasources.default.url=$GATEWAY_DB \
     -Ddatasources.default.username=postgres -Ddatasources.default.password= \
     -Ddatasources.default.maximum-pool-size="$BENCH_POOL" \
     -jar "$OUT/gateway.jar" > "$OUT/gateway.log" 2>&1 &
pids+=($!)
gateway_pid=$!
wait_for "http://127.0.0.1:$GATEWAY_PORT/health" 120 "$OUT/gateway.log"
for _ in $(seq 1 240); do grep -q 'Synced chain bench' "$OUT/gateway.log" && break; sleep 0.5; done

echo "Racing (${ATTEMPTS:-3000} attempts per run, ${CLIENTS:-32} concurrent clients)..."
load_before=$(cut -d' ' -f1-3 /proc/loadavg)
table=$(${chain_cores[@]+"${chain_cores[@]}"} java -Draw.connections="$BENCH_POOL" -Dwarmup="${WARMUP:-24000}" -Dattempts="${ATTEMPTS:-3000}" -Dclients="${CLIENTS:-32}" -Dgateway.pid="$gateway_pid" -Dchain.pid="$chain_pid" \
  -Dclock.ticks="$(getconf CLK_TCK)" -cp "$OUT/gateway.jar" bench/HoldBench.java \
  "http://127.0.0.1:$GATEWAY_PORT" "$CHAIN_DB" "http://127.0.0.1:$SANDBOX_PORT" "$GATEWAY_DB" 2> "$OUT/bench.err")
load_after=$(cut -d' ' -f1-3 /proc/loadavg)

cpu=$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')
summary=$(cat <<TXT
### Contested seat holds ($(date -u +%Y-%m-%d))

Command: \`BENCH_CORES=$BENCH_CORES BENCH_POOL=$BENCH_POOL bench/hold-contention.sh\` (${ATTEMPTS:-3000} attempts per run, ${CLIENTS:-32} concurrent clients, each
attempt 1 to 3 random seats of the run's shows; $cores_note; $cpu; PostgreSQL $(psql -h 127.0.0.1 -U postgres -tAc 'SHOW server_version')).
"chain's HTTP lock API" is the sandbox chain's own \`POST /theatre/v1/locks\` without the gateway;
"PostgreSQL lock transaction" is the chain's lock recipe from contracts/sandbox-schema.md run straight
over JDBC (a pool of $BENCH_POOL connections, as gateway and chain have each): the ceiling the chain's own database
puts on any gateway. Holds last 5 minutes, so won seats stay taken for the whole run and later attempts on a hot
show mostly conflict. Gateway and chain are warmed first (${WARMUP:-24000} attempts each on shows of their own, each
won hold released at once). CPU ms per attempt is the process's user + system time over the run (/proc/<pid>/stat)
divided by its attempts, its JIT compiler threads' share in brackets; "machine busy" is the whole machine's
(/proc/stat), other work on it included. Seats held twice, won seats that the chain gives another lock, and live
chain locks that are no hold the gateway knows are counted from the chain's and the gateway's tables after each run.
Load average (1, 5, 15 min) before the run: $load_before; after: $load_after.

$table
TXT
)
echo
echo "$summary"
write_section "$section" "$summary"
