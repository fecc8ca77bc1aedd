#!/usr/bin/env bash
# The hot on-sale harness: the seat-map measurement (bench/seat-map.sh: the gateway against nginx and against the
# same server's static bytes, and while holds are placed on the show read) and the hold measurement
# (bench/hold-contention.sh: the gateway against the chain's lock API and the lock transaction on PostgreSQL), one
# after the other on one build, then each goal with what was measured. Each script writes its own section of
# docs/benchmarks.md; their settings (BENCH_CORES, BENCH_POOL, ROUNDS, ...) pass through. REPORT_ONLY=1 writes the goals
# again from the last run's outputs (var/bench-hot-onsale/).
set -euo pipefail
cd "$(dirname "$0")/.."
. bin/jdk.sh
. bench/common.sh
OUT=var/bench-hot-onsale
mkdir -p "$OUT"
if [ "${REPORT_ONLY:-}" != 1 ]; then
  if [ "${MARQUEE_SKIP_BUILD:-}" != 1 ]; then
    mvn -B -ntp -q ${MARQUEE_OFFLINE:+-o} package -DskipTests
  fi
  echo "Seat maps (bench/seat-map.sh)..."
  MARQUEE_SKIP_BUILD=1 bench/seat-map.sh > "$OUT/seat-map.txt" 2>&1 || { tail -20 "$OUT/seat-map.txt" >&2; exit 1; }
  echo "Holds (bench/hold-contention.sh)..."
  MARQUEE_SKIP_BUILD=1 bench/hold-contention.sh > "$OUT/holds.txt" 2>&1 || { tail -20 "$OUT/holds.txt" >&2; exit 1; }
fi

table=$(python3 - "$OUT/seat-map.txt" "$OUT/holds.txt" <<'PY'
import re, sys
seat, holds = open(sys.argv[1]).read(), open(sys.argv[2]).read()

def rows(text):
    """The cells of each line of the Markdown tables in a script's output."""
    return [[c.strip() for c in line.strip().strip('|').split('|')] for line in text.splitlines() if line.startswith('|')]

def row(text, name):
    for cells in rows(text):
        if cells[0] == name:
            return cells
    raise SystemExit("no row '%s' in the output" % name)

# The median of the rounds' ratios from their request counts, not from the two-decimal ratios printed: 0.797 is not 0.8.
def median_of_rounds(ceiling_column):
    ratios = sorted(float(cells[1].split()[0]) / float(cells[ceiling_column])
                    for cells in rows(seat) if len(cells) == 6 and cells[0].isdigit())
    middle = len(ratios) // 2
    return ratios[middle] if len(ratios) % 2 else (ratios[middle - 1] + ratios[middle]) / 2
busy = row(seat, "gateway seat map while holds are placed on the show")
forty = row(holds, "gateway, 40 shows at once")
hot = row(holds, "gateway, one hot show (300 seats)")
chain40 = row(holds, "chain's HTTP lock API, 40 shows at once")
chain_hot = row(holds, "chain's HTTP lock API, one hot show")
cpu = lambda cell: float(cell.split()[0])
goals = [
    ("seat map × the same server's static bytes (median of rounds)", "≥ 0.80", median_of_rounds(2), lambda v: v >= 0.8),
    ("seat map × nginx (median of rounds)", "(either ceiling)", median_of_rounds(3), None),
    ("seat map p99 ms while holds are placed on the show", "≤ 20", float(busy[3]), lambda v: v <= 20),
    ("holds × the chain's lock API, 40 shows", "≥ 0.80", float(forty[6]) / float(chain40[6]), lambda v: v >= 0.8),
    ("holds × the chain's lock API, one hot show", "≥ 0.80", float(hot[6]) / float(chain_hot[6]), lambda v: v >= 0.8),
    ("hold p99 ms, 32 clients over 40 shows", "≤ 100", float(forty[8]), lambda v: v <= 100),
    ("gateway CPU per hold ÷ the chain's, 40 shows", "< 1", cpu(forty[9]) / cpu(forty[10]), lambda v: v < 1),
    ("seats held twice, counted from the chain's tables", "0", int(forty[11]) + int(hot[11]), lambda v: v == 0),
]
print("| goal | target | measured | met |\n| --- | --- | --- | --- |")
for name, target, value, met in goals:
    shown = ("%.3f" % value if value < 10 else "%.1f" % value) if isinstance(value, float) else str(value)
    print("| %s | %s | %s | %s |" % (name, target, shown, "–" if met is None else ("yes" if met(value) else "**no**")))
PY
)
summary=$(cat <<TXT
### Hot on-sale goals ($(date -u +%Y-%m-%d))

Command: \`bench/hot-onsale.sh\` (bench/seat-map.sh, then bench/hold-contention.sh with BENCH_CORES=${BENCH_CORES:-shared}, on one build
and one machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')). Each goal of issue 10 with what the two
runs measured; their own sections below give every figure.

$table
TXT
)
echo
echo "$summary"
write_section hot-onsale "$summary"
