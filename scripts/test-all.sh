#!/usr/bin/env bash
# Runs every suite in order and prints one closing line CI can read: "N passed, N failed".
# Suites: unit (cmocka, ASan+UBSan), verify-unit (the systemd unit and make install), webunit (node:test, the browser's
# DOM-free modules), softening evaluation, integration (node:test + ws against
# the sanitized server), browser (playwright-core + Debian chromium), and a short fuzz run.
set -u
cd "$(dirname "$0")/.."
pass=0; fail=0
log=$(mktemp)
count_node() {  # reads node:test's "# pass N" / "# fail N" summary
  local p f
  p=$(sed -n 's/^ℹ pass \([0-9]*\)$/\1/p; s/^# pass \([0-9]*\)$/\1/p' "$log" | tail -1)
  f=$(sed -n 's/^ℹ fail \([0-9]*\)$/\1/p; s/^# fail \([0-9]*\)$/\1/p' "$log" | tail -1)
  pass=$((pass + ${p:-0})); fail=$((fail + ${f:-0}))
  if [ "$1" -ne 0 ] && [ "${f:-0}" -eq 0 ]; then fail=$((fail + 1)); echo "test-all: $2 exited $1 without a failing test" ; fi
}
run_suite() {  # name, command...
  local name=$1; shift
  echo "=== $name"
  "$@" 2>&1 | tee "$log"
  return "${PIPESTATUS[0]}"
}

run_suite unit make --no-print-directory unit; rc=$?
p=$(sed -n 's/^unit: \([0-9]*\) passed, \([0-9]*\) failed$/\1/p' "$log" | tail -1)
f=$(sed -n 's/^unit: \([0-9]*\) passed, \([0-9]*\) failed$/\2/p' "$log" | tail -1)
pass=$((pass + ${p:-0})); fail=$((fail + ${f:-0}))
[ $rc -ne 0 ] && [ "${f:-0}" -eq 0 ] && { fail=$((fail + 1)); echo "test-all: unit build or run failed"; }

run_suite verify-unit make --no-print-directory verify-unit; rc=$?
p=$(sed -n 's/^verify-unit: \([0-9]*\) passed, \([0-9]*\) failed$/\1/p' "$log" | tail -1)
f=$(sed -n 's/^verify-unit: \([0-9]*\) passed, \([0-9]*\) failed$/\2/p' "$log" | tail -1)
pass=$((pass + ${p:-0})); fail=$((fail + ${f:-0}))
[ $rc -ne 0 ] && [ "${f:-0}" -eq 0 ] && { fail=$((fail + 1)); echo "test-all: verify-unit build or run failed"; }

run_suite webunit make --no-print-directory webunit; rc=$?
count_node $rc webunit

if [ -f tests/soften/eval.tsv ]; then
  run_suite eval-soften make --no-print-directory eval-soften; rc=$?
  if [ $rc -eq 0 ]; then pass=$((pass + 1)); else fail=$((fail + 1)); fi
fi

run_suite integration make --no-print-directory integration; rc=$?
count_node $rc integration

run_suite e2e make --no-print-directory e2e; rc=$?
count_node $rc e2e

if [ -f tests/fuzz/fuzz_handlers.c ]; then
  run_suite fuzz make --no-print-directory fuzz-smoke; rc=$?
  if [ $rc -eq 0 ]; then pass=$((pass + 1)); else fail=$((fail + 1)); fi
fi
rm -f "$log"
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
