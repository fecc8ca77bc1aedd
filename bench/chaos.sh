#!/usr/bin/env bash
# The chaos suite: "nothing lost, nothing paid twice" under faults. N bookings go through hold, checkout and
# payment at the sandbox's payment provider (which sends the signed webhook to the gateway), clients retrying
# with the same Idempotency-Key as real ones do, while the gateway is killed with SIGKILL and started again,
# RabbitMQ and PostgreSQL are restarted, and the chain is made slow, then timing out, then healed. Once the
# work has settled, bench/ChaosDriver.java counts invariants from the real tables (the gateway's database,
# the chain's and the payment provider's in the sandbox's database) and from the mails its own SMTP server
# (GreenMail) took, prints the figures and exits 1 if any invariant is broken. See docs/reliability.md.
#
# PostgreSQL and RabbitMQ are PRIVATE instances of this script: a cluster made with initdb under
# $CHAOS_OUT/pg (port $CHAOS_PG_PORT) and a RabbitMQ node of its own ($CHAOS_RABBIT_NODE, port
# $CHAOS_RABBIT_PORT). Restarting them is the point of the suite, and the machine's shared PostgreSQL and
# RabbitMQ serve other people's builds and tests, which must not see them go away. Everything this script
# starts is stopped when it exits, however it exits.
#
# Knobs (environment): CHAOS_BOOKINGS (60), CHAOS_SHOWS (4), CHAOS_SEATS (2 per booking), CHAOS_LATE_PAYERS
# (a tenth of the bookings: customers who pay after their hold ended and a rival booked their seats, so their
# payment must come back), CHAOS_KILLS (3),
# CHAOS_RABBIT_RESTARTS (1), CHAOS_PG_RESTARTS (1), CHAOS_SLOW_CHAIN (1: slow, then timing out, then healed;
# 0: off), CHAOS_LOAD_SECONDS (60: bookings start evenly over this), CHAOS_BURST (1: every customer holds and checks
# out first, then all pay at once, and the faults run over the CHAOS_BURST_SECONDS (20) that follow; no late payers), CHAOS_SETTLE_SECONDS (180: the most the
# settling may take), CHAOS_BROKER (rabbitmq, or embedded: the gateway's in-process broker, then
# CHAOS_EMBEDDED_STORE=1 keeps its messages on disk, 0 in memory), CHAOS_RECONCILE_AFTER (10m, the gateway's
# default: no booking is old enough for the reconciler within a run, so the messages alone must settle
# everything; 20s lets it take part), CHAOS_CONFIRM_GIVE_UP (20s), CHAOS_HOLD_TTL (45s), CHAOS_OUT (var/chaos),
# ports CHAOS_PG_PORT (55432),
# CHAOS_RABBIT_PORT (5690), CHAOS_RABBIT_DIST_PORT (25690), CHAOS_SANDBOX_PORT (9301), CHAOS_GATEWAY_PORT
# (8191), CHAOS_SMTP_PORT (2691), CHAOS_EMBEDDED_PORT (5695), CHAOS_RABBIT_NODE (marquee-chaos@localhost).
# Builds with Maven first unless MARQUEE_SKIP_BUILD=1; then the jars and class paths may be given:
# CHAOS_GATEWAY_JAR or CHAOS_GATEWAY_CLASSPATH (class path of the gateway's classes and dependencies),
# CHAOS_SANDBOX_JAR, CHAOS_DRIVER_CLASSPATH (gateway-app's test class path: GreenMail, Jackson, JDBC, AMQP), and
# CHAOS_GATEWAY_JAVA_OPTS, more options for the gateway's JVM (the test suite's class archive, which starts it faster).
#
# `bench/chaos.sh <op>` runs one step against the instances of a run under way; the driver calls these:
# gateway-start, gateway-kill, pg-restart, rabbit-restart.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD

OUT=$(mkdir -p "${CHAOS_OUT:-var/chaos}" && cd "${CHAOS_OUT:-var/chaos}" && pwd)
PG_PORT=${CHAOS_PG_PORT:-55432}
RABBIT_PORT=${CHAOS_RABBIT_PORT:-5690}
RABBIT_DIST_PORT=${CHAOS_RABBIT_DIST_PORT:-25690}
RABBIT_NODE=${CHAOS_RABBIT_NODE:-marquee-chaos@localhost}
SANDBOX_PORT=${CHAOS_SANDBOX_PORT:-9301}
GATEWAY_PORT=${CHAOS_GATEWAY_PORT:-8191}
SMTP_PORT=${CHAOS_SMTP_PORT:-2691}
EMBEDDED_PORT=${CHAOS_EMBEDDED_PORT:-5695}
BROKER=${CHAOS_BROKER:-rabbitmq}
PG_BIN=${CHAOS_PG_BIN:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)}
PG_DATA=$OUT/pg/data

pg_ctl_() { runuser -u postgres -- "$PG_BIN/pg_ctl" -D "$PG_DATA" -l "$OUT/pg/postgres.log" "$@"; }
pg_start() { pg_ctl_ -w -t 60 -o "-p $PG_PORT -k $OUT/pg -c listen_addresses=127.0.0.1" start >/dev/null; }
pg_stop() { pg_ctl_ -w -t 60 -m "${1:-fast}" stop >/dev/null 2>&1 || true; }
psql_() { psql -h 127.0.0.1 -p "$PG_PORT" -U postgres -v ON_ERROR_STOP=1 -qtA "$@"; }

# The private node reads none of the machine's RabbitMQ files: its own config, env file, plugins, data and logs.
rabbit_env() {
  export RABBITMQ_NODENAME=$RABBIT_NODE RABBITMQ_NODE_IP_ADDRESS=127.0.0.1 RABBITMQ_NODE_PORT=$RABBIT_PORT \
    RABBITMQ_DIST_PORT=$RABBIT_DIST_PORT RABBITMQ_MNESIA_BASE=$OUT/rabbit/mnesia RABBITMQ_LOG_BASE=$OUT/rabbit/log \
    RABBITMQ_ENABLED_PLUGINS_FILE=$OUT/rabbit/enabled_plugins RABBITMQ_CONFIG_FILE=$OUT/rabbit/rabbitmq.conf \
    RABBITMQ_CONF_ENV_FILE=$OUT/rabbit/rabbitmq-env.conf RABBITMQ_PID_FILE=$OUT/rabbit/node.pid
}
rabbitmqctl_() { rabbitmqctl -n "$RABBIT_NODE" "$@"; }
rabbit_start() {
  (rabbit_env && rabbitmq-server -detached) >/dev/null 2>&1
  for _ in $(seq 1 120); do rabbitmqctl_ -q await_startup -t 1 >/dev/null 2>&1 && return 0; sleep 0.5; done
  echo "the private RabbitMQ node $RABBIT_NODE did not start; see $OUT/rabbit/log" >&2
  return 1
}
rabbit_stop() { rabbitmqctl_ -q stop >/dev/null 2>&1 || true; }

gateway_command() {
  local java=(java -Xmx384m -XX:TieredStopAtLevel=1 ${CHAOS_GATEWAY_JAVA_OPTS:-} -Dmarquee.demo=true
    -Dmicronaut.server.port="$GATEWAY_PORT" -Dmicronaut.config.files="$OUT/gateway.yml")
  if [ -n "${CHAOS_GATEWAY_CLASSPATH:-}" ]; then
    echo "${java[@]}" -cp "$CHAOS_GATEWAY_CLASSPATH" dev.marquee.gateway.GatewayApplication
  else
    echo "${java[@]}" -jar "${CHAOS_GATEWAY_JAR:-$OUT/gateway.jar}"
  fi
}
# Starts the gateway and waits until it answers. Like a service manager, starts it again when it exits while
# starting (it stops at once when its database goes away during its migrations, as with a restart then).
gateway_start() {
  . bin/jdk.sh
  local attempt pid
  for attempt in 1 2 3; do
    # setsid: the gateway outlives the step that started it; its pid file is how it is found again.
    MARQUEE_DB_URL=jdbc:postgresql://127.0.0.1:$PG_PORT/chaos_gateway MARQUEE_DB_USER=postgres MARQUEE_DB_PASSWORD= \
      setsid $(gateway_command) >> "$OUT/gateway.log" 2>&1 < /dev/null &
    pid=$!
    echo "$pid" > "$OUT/gateway.pid"
    for _ in $(seq 1 480); do
      curl -fsS -o /dev/null "http://127.0.0.1:$GATEWAY_PORT/health" 2>/dev/null && return 0
      kill -0 "$pid" 2>/dev/null || break
      sleep 0.25
    done
    if kill -0 "$pid" 2>/dev/null; then
      echo "the gateway did not answer within 120 s; see $OUT/gateway.log" >&2
      return 1
    fi
    echo "$(date -u +%T) the gateway exited while starting (attempt $attempt); starting it again" | tee -a "$OUT/gateway.log" >&2
    sleep 1
  done
  echo "the gateway exited at every start; see $OUT/gateway.log" >&2
  return 1
}
# Kills, with SIGKILL, the process in a pid file of this run if it is still the one listening on the port given
# (a pid left by one that exited may belong to another process by now), and waits until it is gone.
kill_ours() { # pid-file port
  local pid
  pid=$(cat "$1" 2>/dev/null) || return 0
  tr '\0' ' ' 2>/dev/null < "/proc/$pid/cmdline" | grep -q -- "-Dmicronaut.server.port=$2 " || return 0
  kill -9 "$pid" 2>/dev/null || true
  while kill -0 "$pid" 2>/dev/null; do sleep 0.1; done
}
gateway_kill() {
  kill_ours "$OUT/gateway.pid" "$GATEWAY_PORT"
  echo "$(date -u +%T) gateway killed with SIGKILL" >> "$OUT/gateway.log"
}

case "${1:-}" in
  gateway-start) gateway_start; exit ;;
  gateway-kill) gateway_kill; exit ;;
  pg-restart) # immediate: the server stops as on a crash and recovers from its WAL at the start
    pg_stop immediate; sleep "${CHAOS_PG_DOWN_SECONDS:-3}"; pg_start; exit ;;
  rabbit-restart)
    rabbit_stop; sleep "${CHAOS_RABBIT_DOWN_SECONDS:-2}"; rabbit_start; exit ;;
  "") ;;
  *) echo "usage: bench/chaos.sh [gateway-start|gateway-kill|pg-restart|rabbit-restart]" >&2; exit 2 ;;
esac

. bin/jdk.sh
. bench/common.sh

# What an earlier run in this folder left running when it was killed too hard for its trap: its own cluster
# (by data folder), its own node (by the name it wrote down) and its own gateway (by pid file and port).
stop_leftovers() {
  local node
  [ -f "$PG_DATA/postmaster.pid" ] && pg_stop immediate
  node=$(cat "$OUT/rabbit/node" 2>/dev/null) && rabbitmqctl -n "$node" -q stop >/dev/null 2>&1
  kill_ours "$OUT/gateway.pid" "$GATEWAY_PORT"
  kill_ours "$OUT/sandbox.pid" "$SANDBOX_PORT"
  return 0
}
stop_leftovers

port_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
ports=("$PG_PORT" "$SANDBOX_PORT" "$GATEWAY_PORT" "$SMTP_PORT")
if [ "$BROKER" = rabbitmq ]; then ports+=("$RABBIT_PORT" "$RABBIT_DIST_PORT"); else ports+=("$EMBEDDED_PORT"); fi
for port in "${ports[@]}"; do
  port_free "$port" || { echo "port $port is in use; is another chaos run going on? (see the CHAOS_*_PORT knobs)" >&2; exit 2; }
done

stop_everything() {
  gateway_kill
  pg_stop immediate
  [ "$BROKER" = rabbitmq ] && rabbit_stop
  return 0
}
on_exit=stop_everything

# One Maven run builds the jars and writes the driver's class path: gateway-app's test dependencies hold GreenMail,
# Jackson, the JDBC driver and the AMQP client (siblings resolve to their jars only when packaged in the same run).
if [ "${MARQUEE_SKIP_BUILD:-}" != 1 ] || [ -z "${CHAOS_DRIVER_CLASSPATH:-}" ]; then
  echo "Building"
  mvn -B -ntp -q ${MARQUEE_OFFLINE:+-o} -pl gateway-app -am package -DskipTests dependency:build-classpath \
      -Dmdep.includeScope=test -Dmdep.outputFile="$OUT/classpath.txt"
  CHAOS_DRIVER_CLASSPATH=$(cat "$OUT/classpath.txt")
fi
SANDBOX_JAR=${CHAOS_SANDBOX_JAR:-$(ls "$ROOT"/sandbox-theatre/target/sandbox-theatre-*-all.jar)}
if [ -z "${CHAOS_GATEWAY_JAR:-}" ] && [ -z "${CHAOS_GATEWAY_CLASSPATH:-}" ]; then
  cp "$(ls "$ROOT"/gateway-app/target/gateway-app-*-all.jar)" "$OUT/gateway.jar"
fi
rm -f "$OUT"/*.log "$OUT"/*.pid

echo "Starting a private PostgreSQL on port $PG_PORT"
rm -rf "$OUT/pg"
mkdir -p "$OUT/pg"
chown postgres "$OUT/pg"
runuser -u postgres -- "$PG_BIN/initdb" -D "$PG_DATA" -U postgres -A trust -E UTF8 --no-sync > "$OUT/pg/initdb.log"
pg_start
psql_ -c "CREATE DATABASE chaos_gateway" -c "CREATE DATABASE chaos_chain"

if [ "$BROKER" = rabbitmq ]; then
  echo "Starting a private RabbitMQ node $RABBIT_NODE on port $RABBIT_PORT"
  rm -rf "$OUT/rabbit"
  mkdir -p "$OUT/rabbit/mnesia" "$OUT/rabbit/log"
  echo '[].' > "$OUT/rabbit/enabled_plugins"
  echo "listeners.tcp.local = 127.0.0.1:$RABBIT_PORT" > "$OUT/rabbit/rabbitmq.conf"
  printf 'ERL_EPMD_ADDRESS=127.0.0.1\nexport ERL_FLAGS="-kernel inet_dist_use_interface {127,0,0,1}"\n' > "$OUT/rabbit/rabbitmq-env.conf"
  echo "$RABBIT_NODE" > "$OUT/rabbit/node"
  chown -R rabbitmq:rabbitmq "$OUT/rabbit"
  rabbit_start
  BROKER_URI=amqp://guest:guest@127.0.0.1:$RABBIT_PORT
  MESSAGING="broker: external
    uri: $BROKER_URI"
else
  BROKER_URI=amqp://guest:guest@127.0.0.1:$EMBEDDED_PORT
  STORE=
  if [ "${CHAOS_EMBEDDED_STORE:-1}" = 1 ]; then STORE=$OUT/broker-store; rm -rf "$STORE"; fi
  MESSAGING="broker: embedded
    embedded-port: $EMBEDDED_PORT
    embedded-store: '$STORE'"
fi

echo "Starting the sandbox chain and payment provider on port $SANDBOX_PORT"
java -Xmx384m -XX:TieredStopAtLevel=1 -Dmicronaut.server.port="$SANDBOX_PORT" -Dsandbox.seed=23 -Dsandbox.size=small \
     -Dsandbox.reset-on-start=true -Dsandbox.payments.webhook-max-backoff=2s -Dsandbox.payments.webhook-max-attempts=60 \
     -Ddatasources.default.url="jdbc:postgresql://127.0.0.1:$PG_PORT/chaos_chain" \
     -Ddatasources.default.username=postgres -Ddatasources.default.password= \
     -jar "$SANDBOX_JAR" > "$OUT/sandbox.log" 2>&1 &
pids+=($!)
echo $! > "$OUT/sandbox.pid"
wait_for "http://127.0.0.1:$SANDBOX_PORT/sandbox/v1/info" 180 "$OUT/sandbox.log"

# Short timelines: holds, reconciliation, give-up and retries in seconds rather than minutes, so that a run
# of a minute or two goes through every path a fault can push a booking down.
cat > "$OUT/gateway.yml" <<YAML
marquee:
  # Health's details (the driver reads the deliveries in progress) open to this key, checked often enough to be fresh.
  operator:
    key: chaos-operator-key-of-the-run
  health:
    interval: 200ms
  # The drivers' API key, and limits far above what a benchmark sends (they measure the gateway, not its refusals).
  api-clients:
    demo-key: ${MARQUEE_API_KEY:-bench-api-key-of-the-drivers}
  limits:
    writes-per-key: 100000000
    writes-per-address: 100000000
  holds:
    ttl: ${CHAOS_HOLD_TTL:-45s}
    chain-margin: 10s
    idempotency-lease: 10s
  bookings:
    confirm-give-up-after: ${CHAOS_CONFIRM_GIVE_UP:-20s}
    reconcile-after: ${CHAOS_RECONCILE_AFTER:-10m}
    reconcile-interval: 5s
    sweep-interval: 5s
  payments:
    provider-url: http://127.0.0.1:$SANDBOX_PORT
    notify-url: http://127.0.0.1:$GATEWAY_PORT/api/v1/payments/webhook
    request-timeout: 5s
  messaging:
    $MESSAGING
    retry-backoff: 500ms
    retry-backoff-cap: 5s
  mail:
    transport: smtp
    host: 127.0.0.1
    port: $SMTP_PORT
    timeout: 2s
    retry-after: 2s
    claim-lease: 10s
  chains:
    chaos:
      name: Chaos Cinemas
      adapter: rest
      sync-interval: 1h
      settings:
        base-url: http://127.0.0.1:$SANDBOX_PORT
        request-timeout: 3s
      breaker:
        open-duration: 5s
YAML

cat > "$OUT/logback.xml" <<'XML'
<configuration>
  <appender name="err" class="ch.qos.logback.core.ConsoleAppender"><target>System.err</target>
    <encoder><pattern>%d{HH:mm:ss.SSS} %-5level %logger{20} %msg%n</pattern></encoder></appender>
  <root level="WARN"><appender-ref ref="err"/></root>
</configuration>
XML

export CHAOS_OUT=$OUT CHAOS_PG_PORT=$PG_PORT CHAOS_RABBIT_PORT=$RABBIT_PORT CHAOS_RABBIT_DIST_PORT=$RABBIT_DIST_PORT \
  CHAOS_RABBIT_NODE=$RABBIT_NODE CHAOS_GATEWAY_PORT=$GATEWAY_PORT CHAOS_PG_BIN=$PG_BIN CHAOS_BROKER=$BROKER
[ -n "${CHAOS_GATEWAY_CLASSPATH:-}" ] && export CHAOS_GATEWAY_CLASSPATH
[ -n "${CHAOS_GATEWAY_JAR:-}" ] && export CHAOS_GATEWAY_JAR

echo "Starting the gateway on port $GATEWAY_PORT ($BROKER broker, from $([ -n "${CHAOS_GATEWAY_CLASSPATH:-}" ] && echo its classes || echo its jar))"
bash bench/chaos.sh gateway-start

[ "$BROKER" = rabbitmq ] || { CHAOS_RABBIT_RESTARTS=0; }
set +e
java -Dlogback.configurationFile="$OUT/logback.xml" \
  -Dbookings="${CHAOS_BOOKINGS:-60}" -Dshows="${CHAOS_SHOWS:-4}" -Dseats="${CHAOS_SEATS:-2}" \
  -DlatePayers="${CHAOS_LATE_PAYERS:-$(( ${CHAOS_BOOKINGS:-60} / 10 ))}" \
  -Dkills="${CHAOS_KILLS:-3}" -DrabbitRestarts="${CHAOS_RABBIT_RESTARTS:-1}" -DpgRestarts="${CHAOS_PG_RESTARTS:-1}" \
  -DslowChain="${CHAOS_SLOW_CHAIN:-1}" -DloadSeconds="${CHAOS_LOAD_SECONDS:-60}" -DsettleSeconds="${CHAOS_SETTLE_SECONDS:-180}" \
  -Dburst="$([ "${CHAOS_BURST:-0}" = 1 ] && echo true || echo false)" -DburstSeconds="${CHAOS_BURST_SECONDS:-20}" \
  -Dgateway="http://127.0.0.1:$GATEWAY_PORT" -Dsandbox="http://127.0.0.1:$SANDBOX_PORT" -Dsmtp="$SMTP_PORT" \
  -DgatewayDb="jdbc:postgresql://127.0.0.1:$PG_PORT/chaos_gateway" -DchainDb="jdbc:postgresql://127.0.0.1:$PG_PORT/chaos_chain" \
  -Dbroker="$BROKER_URI" -Dops="$ROOT/bench/chaos.sh" -DgatewayLog="$OUT/gateway.log" \
  -cp "$CHAOS_DRIVER_CLASSPATH" bench/ChaosDriver.java 2> "$OUT/driver.log"
status=$?
set -e
# 1: invariants broken; anything else: the run itself failed (the driver says why).
[ $status -le 1 ] || { echo "the chaos run failed ($status); see $OUT/driver.log" >&2; tail -20 "$OUT/driver.log" >&2; }
exit $status
