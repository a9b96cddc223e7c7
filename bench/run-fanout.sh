#!/usr/bin/env bash
# Launch fan-out and timer lateness against a real softclose process (figures printed, nothing
# asserted). Starts one server on a temporary data directory, then runs bench/loadgen:
#   - idle:  N=30 (10 rooms): timer lateness with almost nothing else going on;
#   - N=1000 and N=10000: launch fan-out (launch_round -> every participant has room + phase;
#     p50/p99/max, server CPU per delivered message) and the lateness of the two shared
#     deadlines that follow (practice -> soften, soften -> closed);
#   - with calls (N=1000 and N=10000 unless FANOUT_CALLS=0): right after the launch fan-out every
#     participant joins its room's call and the browsers' signalling burst follows (the joiner
#     offers to each peer already in the call, the peer answers, ~10 candidates each way); the
#     relay latency p50/p99/max, the burst's length, the server CPU per relayed signal and the
#     errors (0 expected) are printed on the `calls` lines.
# Takes about 3 minutes (each run waits out its practice, 10 s or 66 s for N=10000 with calls,
# and a 10 s soft close; joins are one fsync each, so their speed is the disk's).
#
# Environment: FANOUT_SIZES (default "1000 10000"), FANOUT_PRACTICE_S / FANOUT_SOFTEN_S (10),
# FANOUT_IDLE_N (30; 0 skips the idle run), FANOUT_JOIN_SPREAD_S (25: runs of 5,000 or more
# start their connections evenly over this many seconds), FANOUT_KEEPALIVE_S (10: seconds of
# idle watching after the largest run; 0 skips), FANOUT_CALLS (1: the call burst in every run
# but the idle one; 0 skips), FANOUT_CALLS_PRACTICE_S (default N/150, at least FANOUT_PRACTICE_S:
# the practice of a run with calls, so the burst ends before its deadline), FANOUT_DATA_PARENT
# (default $TMPDIR or /tmp: put the database on the disk you deploy on, since every commit is an
# fsync), SOFTCLOSE_BIN.
set -euo pipefail
cd "$(dirname "$0")/.."

SIZES=${FANOUT_SIZES:-"1000 10000"}
PRACTICE=${FANOUT_PRACTICE_S:-10}
SOFTEN=${FANOUT_SOFTEN_S:-10}
IDLE_N=${FANOUT_IDLE_N:-30}
SPREAD=${FANOUT_JOIN_SPREAD_S:-25}
KEEPALIVE=${FANOUT_KEEPALIVE_S:-10}
CALLS=${FANOUT_CALLS:-1}
BIN=${SOFTCLOSE_BIN:-build/softclose}
LOADGEN=build/rel/bench/loadgen

if [ -z "${SOFTCLOSE_BIN:-}" ]; then
  if ! make --no-print-directory build/softclose >/dev/null; then
    [ -x "$BIN" ] || { echo "run-fanout: cannot build $BIN" >&2; exit 1; }
    echo "run-fanout: warning: make build/softclose failed; measuring the existing $BIN" >&2
  fi
fi
mkdir -p "$(dirname "$LOADGEN")"
if [ ! -x "$LOADGEN" ] || [ bench/loadgen.c -nt "$LOADGEN" ]; then
  gcc -O2 -std=c11 -D_GNU_SOURCE -Wall -Wextra -Wshadow -o "$LOADGEN" bench/loadgen.c -ljansson -lm
fi

# Each side holds one descriptor per connection (server and loadgen alike).
max_n=$IDLE_N
for n in $SIZES; do [ "$n" -gt "$max_n" ] && max_n=$n; done
ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
if [ "$(ulimit -n)" != unlimited ] && [ "$(ulimit -n)" -lt $((max_n + 200)) ]; then
  echo "run-fanout: ulimit -n is $(ulimit -n); N=$max_n needs about $((max_n + 200))" >&2
  exit 1
fi

DATA=$(mktemp -d "${FANOUT_DATA_PARENT:-${TMPDIR:-/tmp}}/softclose-fanout-XXXXXX")
SERVER_PID=
cleanup() {
  if [ -n "$SERVER_PID" ] && kill -0 "$SERVER_PID" 2>/dev/null; then
    kill -TERM "$SERVER_PID" 2>/dev/null || true
    for _ in $(seq 100); do kill -0 "$SERVER_PID" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$SERVER_PID" 2>/dev/null || true
  fi
  rm -rf "$DATA"
}
trap cleanup EXIT

"$BIN" --port 0 --host 127.0.0.1 --port-file "$DATA/port" --data-dir "$DATA" --web-root web --log-level ${FANOUT_LOG_LEVEL:-info} \
  --join-per-minute-ip 10000000 --join-per-minute 1000000 --max-participants 100000 >"$DATA/server.log" 2>&1 &
SERVER_PID=$!
for _ in $(seq 200); do
  [ -s "$DATA/port" ] && break
  kill -0 "$SERVER_PID" 2>/dev/null || { echo "run-fanout: the server did not start:" >&2; cat "$DATA/server.log" >&2; exit 1; }
  sleep 0.05
done
PORT=$(tr -d '[:space:]' <"$DATA/port")
[ -n "$PORT" ] || { echo "run-fanout: no port file" >&2; exit 1; }

cpu=$(grep -m1 'model name' /proc/cpuinfo 2>/dev/null | sed 's/.*: //' || true)
mem=$(awk '/MemTotal/ {printf "%.1f GiB", $2 / 1048576}' /proc/meminfo 2>/dev/null || true)
fs=$(df -PT "$DATA" 2>/dev/null | awk 'NR == 2 {print $2}' || true)
echo "machine: $(nproc) CPUs (${cpu:-unknown}), ${mem:-? GiB} RAM, kernel $(uname -r), load average $(cut -d' ' -f1-3 /proc/loadavg);" \
     "server and load generator share it; database on ${fs:-?} (synchronous=FULL: one fsync per commit). Figures depend on the machine."

run() {   # run N LABEL
  # with calls the burst happens during practice: the practice lasts long enough for it to end
  # before the deadline (about 22 signals per person: 1.2 s per 1,000 people on a quiet 2-core
  # machine, up to 5 s when it is shared with a browser test run)
  local practice=$PRACTICE
  if [ "$CALLS" != 0 ] && [ "$2" != idle ]; then
    local need=${FANOUT_CALLS_PRACTICE_S:-$(($1 / 150))}
    [ "$need" -gt "$practice" ] && practice=$need
  fi
  local args=(--port "$PORT" --server-pid "$SERVER_PID" -n "$1" --practice "$practice" --soften "$SOFTEN")
  [ -n "$2" ] && args+=(--label "$2")
  # lws pings every connection 25 s after it connected (then every 25 s): joined in a burst, the
  # pings would come as one wave in the middle of the round. Spreading the joins over 25 s gives
  # the steady keepalive load of a class that arrived over time (it matters from a few thousand).
  [ "$1" -ge 5000 ] && args+=(--join-spread "$SPREAD")
  # for the largest run, also watch the server while only lws keepalive pings are going on
  [ "$1" -eq "$max_n" ] && [ "$KEEPALIVE" -gt 0 ] && args+=(--keepalive-window "$KEEPALIVE")
  # every browser joins its room's call after the launch: the signalling burst
  [ "$CALLS" != 0 ] && [ "$2" != idle ] && args+=(--calls)
  ${FANOUT_LOADGEN_PREFIX:-} "$LOADGEN" "${args[@]}" || { echo "run-fanout: loadgen N=$1 failed; server log:" >&2; tail -20 "$DATA/server.log" >&2; exit 1; }
  # the server's own account of the launch (plan / build while saving / save / queue)
  grep -o 'launch: round [0-9]*: .*' "$DATA/server.log" | tail -1 | sed 's/^/  server: /' || true
  sleep 1   # let the server finish closing the previous run's connections
}

[ "$IDLE_N" -gt 0 ] && run "$IDLE_N" idle
for n in $SIZES; do run "$n" ""; done

kill -TERM "$SERVER_PID"
rc=0
wait "$SERVER_PID" || rc=$?
SERVER_PID=
[ "$rc" -eq 0 ] || echo "run-fanout: the server exited with status $rc" >&2
if grep -qiE ' (E|W): ' "$DATA/server.log"; then
  echo "server log (warnings/errors):"
  grep -E ' (E|W): ' "$DATA/server.log" | head -20
fi
