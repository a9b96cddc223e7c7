#!/usr/bin/env bash
# Runs each cmocka unit-test binary (built with ASan+UBSan) and sums the results.
set -u
pass=0; fail=0
for b in "$@"; do
  out=$("$b" 2>&1); rc=$?
  echo "$out"
  p=$(echo "$out" | sed -n 's/^\[  PASSED  \] \([0-9]*\) test.*/\1/p' | tail -1)
  f=$(echo "$out" | sed -n 's/^\[  FAILED  \] \([0-9]*\) test.*/\1/p' | tail -1)
  pass=$((pass + ${p:-0})); fail=$((fail + ${f:-0}))
  if [ $rc -ne 0 ] && [ -z "$f" ]; then fail=$((fail + 1)); echo "unit: $b exited $rc"; fi
done
echo "unit: $pass passed, $fail failed"
[ $fail -eq 0 ]
