# Sourced by bin/run-embedded and bin/run-cluster: the build, three sandbox chains and the gateway settings that name
# them (a demo: the sandbox's published payment secrets and the demo keys the README shows).
# Expects SANDBOX_PORTS (three ports); sets SANDBOX_JAR, GATEWAY_JAR and FRESH; started processes go into pids
# and are stopped on exit.

CHAIN_IDS=(aurora lumen starlight)
CHAIN_NAMES=("Aurora Cinemas" "Lumen Pictures" "Starlight Screens")
# WRITE_DELAY=0: a commit is on disk before it is answered.
H2_MODE="MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;WRITE_DELAY=0"

pids=()
stop_all() {
  trap - EXIT INT TERM
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
}
trap stop_all EXIT INT TERM

wait_for() { # url name logfile
  for _ in $(seq 1 360); do # 3 minutes: a first start on a busy machine is slow
    if curl -fsS -o /dev/null "$1" 2>/dev/null; then return 0; fi
    sleep 0.5
  done
  echo "$2 did not come up; last lines of $3:" >&2
  tail -30 "$3" >&2
  exit 1
}

build_jars() { # run_dir: builds unless MARQUEE_SKIP_BUILD=1, then runs copies so a rebuild cannot pull classes from under them
  local mvn=(mvn -B -ntp -q)
  [ "${MARQUEE_OFFLINE:-}" = 1 ] && mvn+=(-o)
  if [ "${MARQUEE_SKIP_BUILD:-}" != 1 ]; then
    echo "Building (first time: a few minutes while Maven fetches dependencies)..."
    "${mvn[@]}" package -DskipTests
  fi
  cp "$(ls sandbox-theatre/target/sandbox-theatre-*-all.jar)" "$1/sandbox-theatre.jar"
  cp "$(ls gateway-app/target/gateway-app-*-all.jar)" "$1/gateway-app.jar"
  SANDBOX_JAR=$1/sandbox-theatre.jar
  GATEWAY_JAR=$1/gateway-app.jar
}

start_sandboxes() { # run_dir data_dir gateway_url [yaml lines under marquee:]: starts the chains, writes run_dir/chains.yml
  local run_dir=$1 data_dir=$2 gateway_url=$3 extra=${4:-} chains_file=$1/chains.yml
  FRESH=false
  if [ ! -f "$data_dir/created" ]; then
    rm -rf "$data_dir"
    mkdir -p "$data_dir"
    touch "$data_dir/created"
    FRESH=true
  fi
  # The first sandbox also plays the payment provider; its webhooks come back through gateway_url.
  cat > "$chains_file" <<YAML
marquee:
  # Demo mode: these settings (the sandbox's payment secrets, the demo keys below, and for ./marquee run H2, the
  # embedded broker and mail to files) are for trying Marquee out; without it the gateway refuses to start on them.
  demo: true
$extra
  payments:
    provider-url: http://127.0.0.1:${SANDBOX_PORTS[0]}
    notify-url: $gateway_url/api/v1/payments/webhook
    # The payment page sends the customer back to the web app's booking page.
    return-url: ${MARQUEE_PUBLIC_URL:-${gateway_url/127.0.0.1/localhost}}/bookings/{bookingId}
  # The operator API (queue mode for hot on-sales); a demo key, as the README says.
  operator:
    key: ${MARQUEE_OPERATOR_KEY:-demo-operator-key-change-me}
  # Writes (holds, checkouts, cancellations, joins) need an API key; a demo key, as the README says.
  api-clients:
    demo-key: ${MARQUEE_DEMO_API_KEY:-demo-api-key-change-me}
  checkin:
    venues:
      aurora-1001:
        cinema-id: "aurora:1001"
        staff-key: ${MARQUEE_DEMO_STAFF_KEY:-demo-staff-key-aurora-1001}
  chains:
YAML
  local i port
  for i in 0 1 2; do
    port=${SANDBOX_PORTS[$i]}
    # Each sandbox chain keeps its own embedded database, a file under data_dir.
    java -Dmicronaut.server.port="$port" -Dsandbox.seed="$((i + 1))" -Dsandbox.chain-name="${CHAIN_NAMES[$i]}" \
         -Dsandbox.size="${MARQUEE_SANDBOX_SIZE:-medium}" -Dsandbox.reset-on-start="$FRESH" \
         -Ddatasources.default.url="jdbc:h2:file:$PWD/$data_dir/sandbox-${CHAIN_IDS[$i]};$H2_MODE" \
         -jar "$SANDBOX_JAR" > "$run_dir/sandbox-${CHAIN_IDS[$i]}.log" 2>&1 &
    pids+=($!)
    cat >> "$chains_file" <<YAML
    ${CHAIN_IDS[$i]}:
      name: ${CHAIN_NAMES[$i]}
      adapter: rest
      sync-interval: ${MARQUEE_SYNC_INTERVAL:-30s}
      settings:
        base-url: http://127.0.0.1:$port
YAML
  done
  for i in 0 1 2; do
    wait_for "http://127.0.0.1:${SANDBOX_PORTS[$i]}/sandbox/v1/info" "Sandbox chain ${CHAIN_IDS[$i]}" "$run_dir/sandbox-${CHAIN_IDS[$i]}.log"
    echo "Sandbox chain ${CHAIN_NAMES[$i]} on http://127.0.0.1:${SANDBOX_PORTS[$i]}"
  done
}
