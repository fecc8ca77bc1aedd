#!/usr/bin/env bash
# Benchmark: the database side of recording a hold while one show's holds pile up, as on a long on-sale. pgbench sends
# the gateway's hold transaction on PostgreSQL (the key's read, then the quota row, the hold with its per-email seat
# count, its seats, the kept answer, the seat-map notice and the commit), every hold on one show, in rounds; after
# each round it prints transactions/s, the machine's CPU time per transaction and how many holds the show has. Two
# ways of counting an email's seats at the show, one after the other on the same schema (the gateway's migrations):
# by show and email as columns (before migration V18, with its index), and by held_by (now). Writes docs/benchmarks.md.
#
# ROUNDS (5), SECONDS_PER_ROUND (8) and CLIENTS (4) change the run.
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/common.sh

DB=marquee_bench_holdcount
ROUNDS=${ROUNDS:-5}
SECONDS_PER_ROUND=${SECONDS_PER_ROUND:-8}
CLIENTS=${CLIENTS:-4}
OUT=var/bench-holdcount
mkdir -p "$OUT"
PGBENCH=$(command -v pgbench || ls /usr/lib/postgresql/*/bin/pgbench | tail -1)

# The gateway's schema, from its migrations in version order.
fresh_db "$DB"
for migration in $(ls gateway-app/src/main/resources/db/migration/V*.sql | sort -V); do
  psql -h 127.0.0.1 -U postgres -d "$DB" -q -v ON_ERROR_STOP=1 -f "$migration" > /dev/null
done

# One hold of two seats by a new email on show bench:1, with the count either way. :r makes the ids.
transaction() { # count-shape
  local insert
  if [ "$1" = columns ]; then
    insert="INSERT INTO holds (id, show_id, chain_id, email, status, lock_ref, token_hash, created_at, expires_at, chain_expires_at)
  SELECT 'hld_' || :r, 'bench:1', 'bench', 'fan' || :r || '@example.com', 'HELD', 'lock-' || :r, repeat('a', 64), now(),
  now() + interval '5 minutes', now() + interval '6 minutes'
  WHERE (SELECT COUNT(*) FROM hold_seats s JOIN holds h ON h.id = s.hold_id WHERE h.show_id = 'bench:1'
  AND h.email = 'fan' || :r || '@example.com' AND h.ended_at IS NULL AND h.expires_at > now()) + 2 <= 10;"
  else
    insert="INSERT INTO holds (id, show_id, chain_id, email, status, lock_ref, token_hash, created_at, expires_at, chain_expires_at, held_by)
  SELECT 'hld_' || :r, 'bench:1', 'bench', 'fan' || :r || '@example.com', 'HELD', 'lock-' || :r, repeat('a', 64), now(),
  now() + interval '5 minutes', now() + interval '6 minutes', 'bench:1' || chr(31) || 'fan' || :r || '@example.com'
  WHERE (SELECT COUNT(*) FROM holds h JOIN hold_seats s ON s.hold_id = h.id
  WHERE h.held_by = 'bench:1' || chr(31) || 'fan' || :r || '@example.com' AND h.ended_at IS NULL AND h.expires_at > now()) + 2 <= 10;"
  fi
  cat <<SQL
\\set r random(1, 9000000000000000000)
\\set s random(1, 300)
SELECT request_hash, resource_id, state, response_status, response_body, locked_until, expires_at FROM idempotency_keys WHERE idem_key = 'key' || :r;
BEGIN;
INSERT INTO hold_quotas (email, show_id) VALUES ('fan' || :r || '@example.com', 'bench:1') ON CONFLICT (email, show_id) DO UPDATE SET email = EXCLUDED.email;
$(echo "$insert" | tr '\n' ' ')
INSERT INTO hold_seats (hold_id, seat_id, row_label, seat_number, category, price, currency) SELECT v.hold_id, v.seat_id, v.row_label, v.seat_number, v.category, v.price, v.currency FROM (VALUES ('hld_' || :r, 'A-' || :s, 'A', 1, 'standard', 12.50, 'EUR'), ('hld_' || :r, 'B-' || :s, 'B', 1, 'standard', 12.50, 'EUR')) AS v (hold_id, seat_id, row_label, seat_number, category, price, currency) WHERE EXISTS (SELECT 1 FROM holds WHERE id = 'hld_' || :r);
INSERT INTO idempotency_keys (idem_key, request_hash, resource_id, state, created_at, locked_until, expires_at, response_status, response_body) VALUES ('key' || :r, repeat('b', 64), 'hld_' || :r, 'COMPLETED', now(), now(), now() + interval '24 hours', 201, repeat('c', 400));
SELECT pg_notify('marquee_bench_holdcount', 'c|bench|1|bench:1');
COMMIT;
SQL
}

busy() { awk '/^cpu /{print $2+$3+$4+$7+$8}' /proc/stat; }

rows=""
for shape in columns held_by; do
  psql -h 127.0.0.1 -U postgres -d "$DB" -q -c "TRUNCATE hold_seats, holds, hold_quotas, idempotency_keys CASCADE" 2>/dev/null
  if [ "$shape" = columns ]; then
    psql -h 127.0.0.1 -U postgres -d "$DB" -q -c "CREATE INDEX holds_show_email ON holds (show_id, email, status)"
  else
    psql -h 127.0.0.1 -U postgres -d "$DB" -q -c "DROP INDEX IF EXISTS holds_show_email"
  fi
  transaction "$shape" > "$OUT/$shape.sql"
  for round in $(seq 1 "$ROUNDS"); do
    before=$(busy)
    "$PGBENCH" -h 127.0.0.1 -U postgres -n -M prepared -c "$CLIENTS" -T "$SECONDS_PER_ROUND" -f "$OUT/$shape.sql" "$DB" > "$OUT/round.txt" 2>&1
    after=$(busy)
    done_tx=$(awk '/actually processed/ {print $NF}' "$OUT/round.txt")
    tps=$(grep -o 'tps = [0-9.]*' "$OUT/round.txt" | head -1 | cut -d' ' -f3)
    holds=$(psql -h 127.0.0.1 -U postgres -d "$DB" -tAc "SELECT count(*) FROM holds")
    cpu=$(python3 -c "print(f'{($after - $before) * 1000 / $(getconf CLK_TCK) / $done_tx:.2f}')")
    name=$([ "$shape" = columns ] && echo "by show and email (before V18)" || echo "by held_by")
    rows+="| $name | $round | $holds | ${tps%.*} | $cpu |"$'\n'
    echo "$name, round $round: $holds holds on the show, ${tps%.*} transactions/s, $cpu ms of CPU each"
  done
done

cpu_model=$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')
summary=$(cat <<TXT
### Recording holds while one show's holds pile up ($(date -u +%Y-%m-%d))

Command: \`bench/hold-count.sh\` (pgbench, $CLIENTS clients, rounds of $SECONDS_PER_ROUND s, prepared statements; the
gateway's hold transaction on PostgreSQL $(psql -h 127.0.0.1 -U postgres -tAc 'SHOW server_version'), every hold on one show and by a new
email; $(nproc) cores, $cpu_model). CPU is the whole machine's per transaction (PostgreSQL and pgbench); "holds" is
how many the show has after the round.

| count of the email's seats at the show | round | holds on the show | transactions/s | CPU ms per transaction |
| --- | --- | --- | --- | --- |
${rows%$'\n'}
TXT
)
echo
echo "$summary"
write_section hold-count "$summary"
