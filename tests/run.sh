#!/usr/bin/env bash
# run.sh — every test: the cmocka unit tests (build/tests/test_*), the corpus
# runner (tests/corpus.sh) and the script suites (tests/suite_*.sh, each
# printing "N passed, N failed"). Ends with one "N passed, N failed" line.
set -u
cd "$(dirname "$0")/.."
BUILD=${BUILD:-build}
export BUILD VANBAN="$PWD/$BUILD/vanban" OMP_THREAD_LIMIT=1
pass=0 fail=0 failed=()
log=$(mktemp -d)
trap 'rm -rf "$log"' EXIT

for t in "$BUILD"/tests/test_*; do
  [ -x "$t" ] && [ "${t%.d}" = "$t" ] && [ "${t%.o}" = "$t" ] || continue
  name=$(basename "$t")
  "$t" > "$log/$name.out" 2>&1
  rc=$?
  p=$(grep -ho '\[  PASSED  \] [0-9]* test' "$log/$name.out" | awk '{s+=$4} END {print s+0}')
  f=$(grep -ho '\[  FAILED  \] [0-9]* test' "$log/$name.out" | awk '{s+=$4} END {print s+0}')
  p=${p:-0} f=${f:-0}
  if [ $rc -ne 0 ] && [ "$f" = 0 ]; then f=1; fi   # crashed before its summary
  pass=$((pass + p)) fail=$((fail + f))
  if [ "$f" != 0 ]; then failed+=("$name"); cat "$log/$name.out"; fi
  printf '%-32s %3s passed, %s failed\n' "$name" "$p" "$f"
done

for s in tests/corpus.sh tests/suite_*.sh; do
  [ -f "$s" ] || continue
  name=$(basename "$s" .sh)
  bash "$s" > "$log/$name.out" 2>&1
  rc=$?
  line=$(grep -E '^[0-9]+ passed, [0-9]+ failed' "$log/$name.out" | tail -1)
  p=$(echo "$line" | awk '{print $1}') f=$(echo "$line" | awk '{print $3}')
  p=${p:-0} f=${f:-0}
  if [ $rc -ne 0 ] && [ "$f" = 0 ]; then f=1; fi
  pass=$((pass + p)) fail=$((fail + f))
  if [ "$f" != 0 ]; then failed+=("$name"); cat "$log/$name.out"; fi
  printf '%-32s %3s passed, %s failed\n' "$name" "$p" "$f"
done

[ ${#failed[@]} -gt 0 ] && echo "failing: ${failed[*]}"
echo "$pass passed, $fail failed"
[ "$fail" = 0 ]
