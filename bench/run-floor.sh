#!/usr/bin/env bash
# softclose beside the floor (issue 10): the same load generator (bench/loadgen) against softclose,
# against bench/floor.c, a bare libwebsockets 4.1 server with no application logic that sends
# the same bytes per person (room and phase padded to what softclose sent in this run's first
# softclose launch), and against bench/floor-node.mjs, its twin on Node's `ws` 8. Each run starts a fresh server, joins N participants (spread over 25 s from
# 5,000, as in run-fanout.sh), launches one round (practice 10 s, soften 10 s) and reads:
#   - launch fan-out: the last participant holding room + phase (ms after launch_round);
#   - memory: server RSS growth from before the joins to after the launch, per participant (kB);
#   - timer lateness at the first shared deadline, p99 (ms; N/3 rooms share it): when the phase
#     message arrived; and, for softclose, when the screen switches ("on screen"): a browser that
#     had the step announced ahead (phase.next) switches at the deadline on its own clock, so its
#     lateness is how late the announcement arrived, if at all. The floor and node-ws announce
#     nothing: their screens switch when the message arrives.
# Runs alternate (softclose, floor, node-ws, softclose, …); printed: each run (softclose's also with
# SQLite's heap and the database size from /metrics), then medians with the spread and the ratios.
# Last, an idle deadline: one room (N=3) on softclose, lateness p99.
# Targets (issue 10): fan-out <= 1.0x the floor and <= 0.6x node-ws at 10,000; <= 6 kB per
# participant at 10,000 and 18,000; lateness p99 <= 20 ms at a deadline shared by N/3 rooms, <= 5 ms idle.
# Environment: FLOOR_SIZES (default "10000 18000"), FLOOR_RUNS (3), FLOOR_KINDS (default
# "softclose floor node-ws"), FLOOR_DATA_PARENT (default $TMPDIR or /tmp).
set -euo pipefail
cd "$(dirname "$0")/.."
SIZES=${FLOOR_SIZES:-10000 18000}
KINDS=${FLOOR_KINDS:-softclose floor node-ws}
RUNS=${FLOOR_RUNS:-3}
LOADGEN=build/rel/bench/loadgen
FLOOR=build/rel/bench/floor
make --no-print-directory -s build/softclose >/dev/null
mkdir -p build/rel/bench
gcc -O2 -std=c11 -D_GNU_SOURCE -Wall -Wextra -Wshadow -o "$LOADGEN" bench/loadgen.c -ljansson -lm
gcc -O2 -std=c11 -D_GNU_SOURCE -Wall -Wextra -Wshadow -o "$FLOOR" bench/floor.c -lwebsockets -ljansson
ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
echo "machine: $(nproc) CPUs, $(awk '/MemTotal/ {printf "%.1f GiB", $2 / 1048576}' /proc/meminfo) RAM, load average $(cut -d' ' -f1-3 /proc/loadavg); server and load generator share it"

PID=
DATA=
stop_server() {
  if [ -n "$PID" ] && kill -0 "$PID" 2>/dev/null; then
    kill -TERM "$PID" 2>/dev/null || true
    for _ in $(seq 100); do kill -0 "$PID" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$PID" 2>/dev/null || true
  fi
  PID=
  [ -n "$DATA" ] && rm -rf "$DATA"
  DATA=
}
trap stop_server EXIT

start_server() {   # softclose|floor|node-ws ROOM_BYTES PHASE_BYTES
  DATA=$(mktemp -d "${FLOOR_DATA_PARENT:-${TMPDIR:-/tmp}}/softclose-floor-XXXXXX")
  if [ "$1" = softclose ]; then
    build/softclose --port 0 --host 127.0.0.1 --port-file "$DATA/port" --data-dir "$DATA" --web-root web --log-level error \
      --join-per-minute-ip 10000000 --join-per-minute 1000000 --max-participants 100000 >"$DATA/server.log" 2>&1 &
  elif [ "$1" = floor ]; then
    "$FLOOR" --port 0 --port-file "$DATA/port" --room-bytes "$2" --phase-bytes "$3" --rx-bytes 1024 >"$DATA/server.log" 2>&1 &
  else
    node bench/floor-node.mjs --port 0 --port-file "$DATA/port" --room-bytes "$2" --phase-bytes "$3" >"$DATA/server.log" 2>&1 &
  fi
  PID=$!
  for _ in $(seq 200); do [ -s "$DATA/port" ] && break; sleep 0.05; done
  [ -s "$DATA/port" ] || { echo "run-floor: $1 did not start" >&2; cat "$DATA/server.log" >&2; exit 1; }
}

median() { sort -g | awk '{a[NR]=$1} END {if (NR%2) print a[(NR+1)/2]; else printf "%.2f\n", (a[NR/2]+a[NR/2+1])/2}'; }
spread() { sort -g | awk 'NR==1{lo=$1} {hi=$1} END{printf "%s-%s", lo, hi}'; }

for n in $SIZES; do
  room_b=700; phase_b=200
  declare -A fan mem late screen
  for kind in $KINDS; do fan[$kind]=""; mem[$kind]=""; late[$kind]=""; screen[$kind]=""; done
  for r in $(seq "$RUNS"); do
    for kind in $KINDS; do
      start_server "$kind" "$room_b" "$phase_b"
      args=(--port "$(tr -d '[:space:]' <"$DATA/port")" --server-pid "$PID" -n "$n" --practice 10 --soften 10)
      [ "$n" -ge 5000 ] && args+=(--join-spread 25)
      out=$("$LOADGEN" "${args[@]}" 2>&1) || { echo "run-floor: loadgen against $kind failed:" >&2; echo "$out" | tail -5 >&2; exit 1; }
      f=$(echo "$out" | sed -n 's/^fanout N=[0-9]*: room+phase to last participant \([0-9.]*\) ms.*/\1/p')
      m=$(echo "$out" | sed -n 's/^memory N=.*: \([0-9.]*\) kB per participant$/\1/p')
      l=$(echo "$out" | sed -n 's/^timer lateness N=.*(practice deadline -> soften received.*p99 \([0-9.]*\) ms.*/\1/p' | head -1)
      sc=$(echo "$out" | sed -n 's/^  on screen: \([0-9]*\) of \([0-9]*\) had.*switch lateness p50 [0-9.]* ms, p99 \([0-9.]*\) ms.*/\3 ms (\1 of \2 announced ahead)/p' | head -1)
      [ "$kind" = softclose ] || sc="$l ms (nothing announced ahead)"
      if [ "$kind" = softclose ] && [ "$r" = 1 ]; then
        room_b=$(echo "$out" | sed -n 's/^launch bytes N=[0-9]*: room \([0-9]*\) B and phase \([0-9]*\) B.*/\1/p')
        phase_b=$(echo "$out" | sed -n 's/^launch bytes N=[0-9]*: room \([0-9]*\) B and phase \([0-9]*\) B.*/\2/p')
      fi
      extra=
      if [ "$kind" = softclose ]; then
        port=$(tr -d '[:space:]' <"$DATA/port")
        extra=$(node -e "fetch('http://127.0.0.1:$port/metrics').then(r => r.text()).then(t => process.stdout.write(t))" 2>&1 |
          awk '/^softclose_sqlite_memory_bytes / {m = $2} /^softclose_database_bytes / {d = $2}
               END {if (m == "") print "; /metrics not read"; else printf "; SQLite heap %.1f MiB, database %.1f MiB\n", m / 1048576, d / 1048576}')
      fi
      printf '  N=%s run %s %-9s: fan-out last %7s ms, %6s kB per participant, lateness p99 %5s ms, on screen p99 %s%s\n' \
        "$n" "$r" "$kind" "${f:-?}" "${m:-?}" "${l:-?}" "${sc:-?}" "$extra"
      fan[$kind]+="${f:-nan} "; mem[$kind]+="${m:-nan} "; late[$kind]+="${l:-nan} "; screen[$kind]+="${sc%% *} "
      stop_server
      sleep 1
    done
  done
  echo "N=$n, median of $RUNS runs (spread); the floor and node-ws sent room $room_b B + phase $phase_b B per person, as softclose did:"
  for kind in $KINDS; do
    printf '  %-9s fan-out last %s ms (%s), memory %s kB per participant (%s), lateness p99 %s ms (%s), on screen p99 %s ms (%s)\n' "$kind" \
      "$(echo ${fan[$kind]} | tr ' ' '\n' | median)" "$(echo ${fan[$kind]} | tr ' ' '\n' | spread)" \
      "$(echo ${mem[$kind]} | tr ' ' '\n' | median)" "$(echo ${mem[$kind]} | tr ' ' '\n' | spread)" \
      "$(echo ${late[$kind]} | tr ' ' '\n' | median)" "$(echo ${late[$kind]} | tr ' ' '\n' | spread)" \
      "$(echo ${screen[$kind]} | tr ' ' '\n' | median)" "$(echo ${screen[$kind]} | tr ' ' '\n' | spread)"
  done
  med() { echo ${1:-nan} | tr ' ' '\n' | median; }
  sf=$(med "${fan[softclose]:-}"); ff=$(med "${fan[floor]:-}"); nf=$(med "${fan[node-ws]:-}")
  sm=$(med "${mem[softclose]:-}"); fm=$(med "${mem[floor]:-}"); nm=$(med "${mem[node-ws]:-}")
  sl=$(med "${late[softclose]:-}"); ss=$(med "${screen[softclose]:-}"); fl=$(med "${late[floor]:-}")
  awk -v n="$n" -v sf="$sf" -v ff="$ff" -v nf="$nf" -v sm="$sm" -v fm="$fm" -v nm="$nm" -v sl="$sl" -v ss="$ss" -v fl="$fl" 'function ok(c) { return c ? "met" : "NOT met" } BEGIN {
    if (ff != "nan" && ff > 0) printf "  softclose / floor: fan-out %.2fx%s, memory %.2fx (%.2f kB vs %.2f kB)\n", sf/ff, n == 10000 ? " (target <= 1.0x: " ok(sf <= ff) ")" : "", sm/fm, sm, fm
    if (nf != "nan" && nf > 0) printf "  softclose / node-ws: fan-out %.2fx%s, memory %.2fx (%.2f kB vs %.2f kB)\n", sf/nf, n == 10000 ? " (target <= 0.6x: " ok(sf <= 0.6 * nf) ")" : "", sm/nm, sm, nm
    printf "  softclose targets at N=%d: %.2f kB per participant (<= 6 kB: %s); at a deadline shared by N/3 rooms, on screen p99 %.1f ms (<= 20 ms: %s)\n", n, sm, ok(sm <= 6), ss, ok(ss <= 20)
    printf "  (the server'\''s phase message itself, which confirms the switch, arrives p99 %.1f ms after the deadline; the floor'\''s %.1f ms)\n", sl, fl }'
done

# the idle deadline: one room, nothing else happening
start_server softclose 0 0
out=$("$LOADGEN" --port "$(tr -d '[:space:]' <"$DATA/port")" --server-pid "$PID" -n 3 --practice 10 --soften 10 2>&1) || { echo "run-floor: idle run failed" >&2; echo "$out" | tail -5 >&2; exit 1; }
stop_server
l=$(echo "$out" | sed -n 's/^timer lateness N=.*(practice deadline -> soften received.*p99 \([0-9.]*\) ms.*/\1/p' | head -1)
awk -v l="${l:-nan}" 'BEGIN { printf "idle deadline (one room, N=3): softclose lateness p99 %.1f ms, the phase message'\''s arrival (target <= 5 ms: %s)\n", l, l <= 5 ? "met" : "NOT met" }'
