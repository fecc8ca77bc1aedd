# Sourced by the benchmark scripts: processes they start are stopped on exit (a script may set
# on_exit to a function of its own to run after that), databases made fresh, services waited for,
# and each script's section of docs/benchmarks.md written between its markers.

pids=()
on_exit=
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  if [ -n "$on_exit" ]; then "$on_exit"; fi
}
trap cleanup EXIT

fresh_db() { # name
  psql -h 127.0.0.1 -U postgres -qc "DROP DATABASE IF EXISTS $1" && psql -h 127.0.0.1 -U postgres -qc "CREATE DATABASE $1"
}

createdb_if_missing() { # name
  psql -h 127.0.0.1 -U postgres -tAc "SELECT 1 FROM pg_database WHERE datname = '$1'" | grep -q 1 \
    || psql -h 127.0.0.1 -U postgres -qc "CREATE DATABASE $1"
}

wait_for() { # url seconds log
  for _ in $(seq 1 $(( $2 * 2 ))); do curl -fsS -o /dev/null "$1" 2>/dev/null && return 0; sleep 0.5; done
  echo "no answer from $1; see $3" >&2; tail -20 "$3" >&2; exit 1
}

write_section() { # name text: replaces the text between <!-- name:begin --> and <!-- name:end -->
  local doc=docs/benchmarks.md
  [ -f "$doc" ] || printf '# Benchmarks\n\nFigures measured on this project'"'"'s development machine. Each section names the script that produced it.\n' > "$doc"
  python3 - "$doc" "$1" "$2" <<'PY'
import re, sys
path, name, section = sys.argv[1], sys.argv[2], sys.argv[3]
text = open(path).read()
begin, end = "<!-- %s:begin -->" % name, "<!-- %s:end -->" % name
block = begin + "\n" + section + "\n" + end
if begin in text:
    text = re.sub(re.escape(begin) + ".*?" + re.escape(end), lambda m: block, text, flags=re.S)
else:
    text = text.rstrip("\n") + "\n\n" + block + "\n"
open(path, "w").write(text)
PY
  echo "Written to $doc"
}
