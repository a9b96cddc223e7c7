#!/usr/bin/env bash
# Many writers at once (issue 14), figures printed side by side: the same bench/typists.mjs runs
# against this build and against the baseline — the last build before group commit, where every
# draft save was its own transaction and fsync on the service thread (commit f5034f1^, built from
# git into build/baseline; skipped with a note when git or that commit is not available).
#   - 1,000 fast typists, 10 saves a second each (about 10,000 offered per second);
#   - 10,000 people in the soft close, 3,000 of them typing one save a second each.
# Each line: saves sent, acknowledged (draft_saved is sent only after the commit), refused,
# unanswered, and a bystander's ping p50/p99/max from a process of its own. Targets: every save
# acknowledged, ping p99 <= 20 ms (and p50 <= 5 ms at 10,000). synchronous=FULL in both builds.
# Environment: WRITERS_SECONDS (10), WRITERS_BASELINE (f5034f1^; "none" skips it),
# TYPISTS_DATA_PARENT (where the databases go; default $TMPDIR or /tmp).
set -euo pipefail
cd "$(dirname "$0")/.."
S=${WRITERS_SECONDS:-10}
BASE_REF=${WRITERS_BASELINE:-f5034f1^}
make --no-print-directory -s build/softclose >/dev/null

BASE_BIN=""
if [ "$BASE_REF" != none ] && git rev-parse --verify -q "$BASE_REF^{commit}" >/dev/null 2>&1; then
  want=$(git rev-parse "$BASE_REF^{commit}")
  if [ ! -x build/baseline/build/softclose ] || [ "$(cat build/baseline/.commit 2>/dev/null)" != "$want" ]; then
    rm -rf build/baseline && mkdir -p build/baseline
    git archive "$want" | tar -x -C build/baseline
    make --no-print-directory -s -C build/baseline build/softclose >/dev/null
    echo "$want" > build/baseline/.commit
  fi
  BASE_BIN=build/baseline/build/softclose
else
  echo "run-writers: baseline $BASE_REF not available (no git history?); printing this build only"
fi

echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB; $S s of typing per line"
run() {   # label, typists, rate, idle
  echo "-- $1"
  [ -n "$BASE_BIN" ] && node bench/typists.mjs "$2" "$3" "$S" "$BASE_BIN" "$4" | sed 's/^typists: [^:]*:/  before (one fsync per save):/'
  node bench/typists.mjs "$2" "$3" "$S" build/softclose "$4" | sed 's/^typists: [^:]*:/  now (group commit):         /'
}
run "1,000 fast typists x 10 saves/s" 1000 10 0
run "10,000 in the soft close, 3,000 typing x 1 save/s" 3000 1 7000
