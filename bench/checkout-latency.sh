#!/usr/bin/env bash
# Benchmark: from the payment webhook reaching the gateway to the ticket email accepted by SMTP. The gateway
# (PostgreSQL, RabbitMQ, SMTP mail) runs against one sandbox chain; bench/CheckoutLatencyBench.java makes
# holds and checkouts, then plays the payment provider (signed payment.succeeded webhooks, at a steady rate
# and all at once) and the mail server (GreenMail in-process). Prints p50/p90/p99/max and emails/s, and the
# ceilings of the pipeline's parts each alone, measured in the same run; with INSTANCES=2 a last burst goes
# to two gateway instances. Writes docs/benchmarks.md.
set -euo pipefail
cd "$(dirname "$0")/.."
. bin/jdk.sh
. bench/common.sh

SANDBOX_PORT=${SANDBOX_PORT:-9201}
GATEWAY_PORT=${GATEWAY_PORT:-8091}
SMTP_PORT=${SMTP_PORT:-2591}
BOOKINGS=${BOOKINGS:-500}
RATE=${RATE:-50}
BURST=${BURST:-1000}
SEATS=${SEATS:-2}
INSTANCES=${INSTANCES:-1}
SANDBOX_SIZE=${SANDBOX_SIZE:-medium}
# BENCH_NAME names this run's databases, queues and folder, so that runs from two checkouts can share the machine.
BENCH_NAME=${BENCH_NAME:-checkout}
PREFIX=marquee-bench-$BENCH_NAME
OUT=var/bench-$BENCH_NAME
# Extra JVM options for the gateway, such as a flight recording: GATEWAY_JAVA_OPTS=-XX:StartFlightRecording=...
GATEWAY_JAVA_OPTS=${GATEWAY_JAVA_OPTS:-}
mkdir -p "$OUT"

pg_up() { pg_isready -h 127.0.0.1 -p 5432 -q 2>/dev/null; }
if ! pg_up; then
  echo "Starting PostgreSQL"
  pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | head -1)" main start || true
  for _ in $(seq 1 60); do pg_up && break; sleep 1; done
fi
pg_up || { echo "PostgreSQL is not reachable on 127.0.0.1:5432" >&2; exit 1; }
rabbit_up() { rabbitmq-diagnostics -q ping >/dev/null 2>&1; }
if ! rabbit_up; then
  echo "Starting RabbitMQ"
  rabbitmq-server -detached || true
  for _ in $(seq 1 60); do rabbit_up && break; sleep 1; done
fi
rabbit_up || { echo "RabbitMQ is not reachable" >&2; exit 1; }

if [ "${MARQUEE_SKIP_BUILD:-}" != 1 ]; then
  mvn -B -ntp -q ${MARQUEE_OFFLINE:+-o} package -DskipTests
fi
# The benchmark's own class path: gateway-app's test dependencies hold GreenMail, Jackson and Angus Mail. The
# project's own modules are resolved in the reactor (nothing is installed), so they are compiled first.
mvn -B -ntp -q ${MARQUEE_OFFLINE:+-o} -pl gateway-app -am -DskipTests test-compile dependency:build-classpath -Dmdep.includeScope=test \
    -Dmdep.outputFile="$PWD/$OUT/classpath.txt"
cp "$(ls sandbox-theatre/target/sandbox-theatre-*-all.jar)" "$OUT/sandbox.jar"
# GATEWAY_JAR runs another build of the gateway (an earlier commit's, to compare) against the same benchmark.
cp "${GATEWAY_JAR:-$(ls gateway-app/target/gateway-app-*-all.jar)}" "$OUT/gateway.jar"

# This run's queues only, so that no other gateway on the same broker takes its messages, and none are left.
drop_queues() {
  local q
  for q in $(rabbitmqctl -q list_queues name 2>/dev/null | grep "^$PREFIX\." || true); do
    rabbitmqctl -q delete_queue "$q" >/dev/null 2>&1 || true
  done
}
on_exit=drop_queues
drop_queues

fresh_db "marquee_bench_${BENCH_NAME//-/_}_chain"
fresh_db "marquee_bench_${BENCH_NAME//-/_}_gateway"
java -Dmicronaut.server.port="$SANDBOX_PORT" -Dsandbox.seed=11 -Dsandbox.size="$SANDBOX_SIZE" -Dsandbox.reset-on-start=true \
     -Ddatasources.default.url="jdbc:postgresql://127.0.0.1:5432/marquee_bench_${BENCH_NAME//-/_}_chain" \
     -Ddatasources.default.username=postgres -Ddatasources.default.password= \
     -jar "$OUT/sandbox.jar" > "$OUT/sandbox.log" 2>&1 &
pids+=($!)
wait_for "http://127.0.0.1:$SANDBOX_PORT/sandbox/v1/info" 300 "$OUT/sandbox.log"

cat > "$OUT/gateway.yml" <<YAML
marquee:
  # The drivers' API key, and limits far above what a benchmark sends (they measure the gateway, not its refusals).
  api-clients:
    demo-key: ${MARQUEE_API_KEY:-bench-api-key-of-the-drivers}
  limits:
    writes-per-key: 100000000
    writes-per-address: 100000000
  payments:
    provider-url: http://127.0.0.1:$SANDBOX_PORT
    notify-url: http://127.0.0.1:$GATEWAY_PORT/api/v1/payments/webhook
  messaging:
    broker: external
    uri: amqp://guest:guest@127.0.0.1:5672
    exchange: $PREFIX
    queue-prefix: $PREFIX.
  mail:
    transport: smtp
    host: 127.0.0.1
    port: $SMTP_PORT
  chains:
    bench:
      name: Benchmark Chain
      adapter: rest
      sync-interval: 1h
      settings:
        base-url: http://127.0.0.1:$SANDBOX_PORT
YAML
export MARQUEE_DB_URL="jdbc:postgresql://127.0.0.1:5432/marquee_bench_${BENCH_NAME//-/_}_gateway" MARQUEE_DB_USER=postgres MARQUEE_DB_PASSWORD=
java $GATEWAY_JAVA_OPTS -Dmarquee.demo=true -Dmicronaut.server.port="$GATEWAY_PORT" -Dmicronaut.config.files="$OUT/gateway.yml" \
     -jar "$OUT/gateway.jar" > "$OUT/gateway.log" 2>&1 &
gateway_pid=$!
pids+=($gateway_pid)
wait_for "http://127.0.0.1:$GATEWAY_PORT/health" 120 "$OUT/gateway.log"
for _ in $(seq 1 240); do grep -q 'Synced chain bench' "$OUT/gateway.log" && break; sleep 0.5; done

cat > "$OUT/logback.xml" <<'XML'
<configuration>
  <appender name="err" class="ch.qos.logback.core.ConsoleAppender"><target>System.err</target>
    <encoder><pattern>%d{HH:mm:ss.SSS} %-5level %logger{20} %msg%n</pattern></encoder></appender>
  <root level="WARN"><appender-ref ref="err"/></root>
</configuration>
XML
# A second instance on the same database and queues, started by the benchmark for its last run only.
second=()
if [ "$INSTANCES" = 2 ]; then
  second=(-DsecondGateway="java -Dmarquee.demo=true -Dmicronaut.server.port=$((GATEWAY_PORT + 1)) -Dmicronaut.config.files=$OUT/gateway.yml -jar $OUT/gateway.jar"
          -DsecondGatewayUrl="http://127.0.0.1:$((GATEWAY_PORT + 1))" -DsecondGatewayLog="$OUT/gateway-2.log")
fi
cpu_seconds() { awk '{printf "%.0f", ($14 + $15) / 100}' "/proc/$1/stat" 2>/dev/null || echo '?'; }
load_before=$(cut -d' ' -f1-3 /proc/loadavg)
echo "Checking out bookings, then sending their payment webhooks ($BOOKINGS at $RATE/s, then $BURST at once), with the ceilings..."
# The benchmark's mail server (GreenMail) parses every email with Jakarta Mail, which finds its stream provider
# through a class-path scan each time unless it is named (as the gateway names it; see MailTransports).
table=$(java -Djakarta.mail.util.StreamProvider=org.eclipse.angus.mail.util.MailStreamProvider -DgatewayPid="$gateway_pid" -DchainPid="${pids[0]}" -Dbookings="$BOOKINGS" -Drate="$RATE" -Dburst="$BURST" -Dseats="$SEATS" -DqueuePrefix="$PREFIX." "${second[@]}" \
  -Dlogback.configurationFile="$OUT/logback.xml" -cp "$(cat "$OUT/classpath.txt"):gateway-app/target/classes" \
  bench/CheckoutLatencyBench.java "http://127.0.0.1:$GATEWAY_PORT" "$SMTP_PORT" "amqp://guest:guest@127.0.0.1:5672" \
  "http://127.0.0.1:$SANDBOX_PORT" 2> "$OUT/bench.err") || { tail -20 "$OUT/bench.err" >&2; exit 1; }
load_after=$(cut -d' ' -f1-3 /proc/loadavg)
gateway_cpu=$(cpu_seconds "$gateway_pid")
chain_cpu=$(cpu_seconds "${pids[0]}")
warnings=$(grep -cE ' (WARN|ERROR) ' "$OUT/gateway.log" || true)

cpu=$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')
summary=$(cat <<TXT
### Payment webhook to ticket email ($(date -u +%Y-%m-%d))

Command: \`bench/checkout-latency.sh\` ($BOOKINGS bookings at $RATE webhooks/s, then $BURST at once$( [ "$INSTANCES" = 2 ] && echo ", then $BURST at once to two instances"),
$SEATS seats each, one sandbox chain (size $SANDBOX_SIZE, REST adapter); gateway on PostgreSQL $(psql -h 127.0.0.1 -U postgres -tAc 'SHOW server_version' | cut -d' ' -f1),
RabbitMQ $(rabbitmqctl -q version 2>/dev/null || echo '?') and SMTP, default settings (16 consumers per queue with prefetch 4, an
idle outbox looked at every 25 ms, 16 confirmations at once per chain); gateway, chain, PostgreSQL, RabbitMQ and load
generator on one machine with $(nproc) cores, $cpu, shared with other work: load average $load_before (1, 5, 15 min)
before the run and $load_after after it. The gateway used $gateway_cpu s of CPU and the chain $chain_cpu s over the whole
run, setup included.
The benchmark plays the payment provider and the mail server: latency runs from just before it POSTs a
signed \`payment.succeeded\` to the moment GreenMail, in the same JVM, takes the ticket email's DATA for
that booking's address. In between: the webhook stored with its outbox row, the relay's publish, the
chain's confirm, tickets issued, \`booking.confirmed\` published and consumed, the email with its QR codes
rendered and sent. Holds and checkouts are made before each run and are not timed; a warm-up of 30
bookings runs first and is not reported. "emails/s" is emails over the time from the first webhook
to the last email. Gateway log lines at WARN or above during the run: $warnings.

The ceilings are each part alone, measured in the same run just before the steady run, by the same process: what the
pipeline would reach if that part were all it did. The last column is the burst's emails/s as a share of it.

$table
TXT
)
echo
echo "$summary"
write_section checkout-latency "$summary"
