#!/usr/bin/env bash
# Recovery after kill -9 with live rooms (issue 10): one softclose, N participants joined (spread
# over 25 s) and one round launched (practice 600 s, so every room is open: N/3 rooms), everyone
# still connected. Then, RECOVERY_RUNS times: kill -9 the server and start it again on the same
# port and database; bench/recovery-probe.mjs spawns it and times spawn -> the facilitator's
# `hello` answered with `welcome`. Printed: each restart (with the server's own "ready in" figure
# and the database size), then the median and spread. Target: <= 500 ms at N = 10,000 (3,334 rooms).
# Environment: RECOVERY_N (default 10000), RECOVERY_RUNS (3), RECOVERY_DATA_PARENT (default $TMPDIR or /tmp).
set -euo pipefail
cd "$(dirname "$0")/.."
N=${RECOVERY_N:-10000}
RUNS=${RECOVERY_RUNS:-3}
LOADGEN=build/rel/bench/loadgen
make --no-print-directory -s build/softclose >/dev/null
mkdir -p build/rel/bench
gcc -O2 -std=c11 -D_GNU_SOURCE -Wall -Wextra -Wshadow -o "$LOADGEN" bench/loadgen.c -ljansson -lm
ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
echo "machine: $(nproc) CPUs, $(awk '/MemTotal/ {printf "%.1f GiB", $2 / 1048576}' /proc/meminfo) RAM, load average $(cut -d' ' -f1-3 /proc/loadavg)"

DATA=$(mktemp -d "${RECOVERY_DATA_PARENT:-${TMPDIR:-/tmp}}/softclose-recovery-XXXXXX")
PID=
LG=
cleanup() {
  [ -n "$LG" ] && kill -KILL "$LG" 2>/dev/null || true
  [ -n "$PID" ] && kill -KILL "$PID" 2>/dev/null || true
  rm -rf "$DATA"
}
trap cleanup EXIT
SERVER_ARGS=(--host 127.0.0.1 --data-dir "$DATA" --web-root web --log-level error
             --join-per-minute-ip 10000000 --join-per-minute 1000000 --max-participants 100000)

build/softclose --port 0 --port-file "$DATA/port" "${SERVER_ARGS[@]}" >"$DATA/server.log" 2>&1 &
PID=$!
for _ in $(seq 200); do [ -s "$DATA/port" ] && break; sleep 0.05; done
[ -s "$DATA/port" ] || { echo "run-recovery: softclose did not start" >&2; cat "$DATA/server.log" >&2; exit 1; }
PORT=$(tr -d '[:space:]' <"$DATA/port")
args=(--port "$PORT" --server-pid "$PID" -n "$N" --practice 600 --soften 60 --no-lateness --hold-file "$DATA/hold")
[ "$N" -ge 5000 ] && args+=(--join-spread 25)
"$LOADGEN" "${args[@]}" >"$DATA/loadgen.log" 2>&1 &
LG=$!
disown "$LG"
for _ in $(seq 3000); do [ -s "$DATA/hold" ] && break; kill -0 "$LG" 2>/dev/null || break; sleep 0.1; done
[ -s "$DATA/hold" ] || { echo "run-recovery: the load generator did not launch the round" >&2; tail -5 "$DATA/loadgen.log" >&2; exit 1; }
grep '^fanout' "$DATA/loadgen.log" | sed 's/^/  /'
read -r CODE TOKEN <"$DATA/hold"
ROOMS=$(sed -n 's/^fanout.*rooms=\([0-9]*\).*/\1/p' "$DATA/loadgen.log")
sleep 2   # let the server finish writing the launch's overview and settle

times=""
for r in $(seq "$RUNS"); do
  kill -KILL "$PID"
  while kill -0 "$PID" 2>/dev/null; do sleep 0.01; done
  [ "$r" = 1 ] && { kill -KILL "$LG" 2>/dev/null || true; LG=; }
  db_kb=$(du -k "$DATA/softclose.db" | cut -f1); wal_kb=$(du -k "$DATA/softclose.db-wal" 2>/dev/null | cut -f1 || echo 0)
  out=$(node bench/recovery-probe.mjs --port "$PORT" --token "$TOKEN" --log "$DATA/server.log" -- \
        build/softclose --port "$PORT" "${SERVER_ARGS[@]}") || { echo "run-recovery: restart $r failed" >&2; tail -5 "$DATA/server.log" >&2; exit 1; }
  PID=$(echo "$out" | sed -n 's/.*(server pid \([0-9]*\)).*/\1/p')
  ms=$(echo "$out" | sed -n 's/.*-> welcome to hello \([0-9.]*\) ms.*/\1/p')
  for _ in $(seq 100); do grep -q 'ready in' "$DATA/server.log" && break; sleep 0.05; done
  ready=$(grep -o 'ready in [0-9]* ms' "$DATA/server.log" | tail -1)
  echo "  restart $r after kill -9 (N=$N, session $CODE, database ${db_kb} kB + WAL ${wal_kb:-0} kB): $(echo "$out" | sed 's/ (server pid.*//; s/^recovery: //'); server: $ready"
  times+="$ms "
done
echo "$times" | tr ' ' '\n' | grep . | sort -g | awk -v n="$N" -v runs="$RUNS" -v rooms="${ROOMS:-?}" '{a[NR]=$1} END {
  m = (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2
  printf "recovery N=%d (%s rooms open): kill -9 -> welcome to hello, median of %d restarts %.1f ms (%.1f-%.1f); target <= 500 ms: %s\n",
         n, rooms, runs, m, a[1], a[NR], m <= 500 ? "met" : "NOT met" }'
