#!/usr/bin/env bash
# suite_fuzz.sh — replays every kept fuzz input (tests/fuzz/regress/<target>/:
# crashers found by `make fuzz`, fixed since) and the seeds through each
# target's replay binary ($BUILD/fuzz-replay/<target>, ordinary compiler,
# sanitizers under make asan). A target whose replay crashes fails.
set -u
cd "$(dirname "$0")/.."
BUILD=${BUILD:-build}
pass=0 fail=0
for src in tests/fuzz/fuzz_*.c; do
  t=$(basename "$src" .c)
  bin=$BUILD/fuzz-replay/$t
  if [ ! -x "$bin" ]; then
    echo "FAIL $t: $bin not built"; fail=$((fail + 1)); continue
  fi
  files=()
  for d in "tests/fuzz/regress/$t" "tests/fuzz/seeds/$t"; do
    [ -d "$d" ] && while IFS= read -r -d '' f; do files+=("$f"); done \
      < <(find "$d" -type f ! -name '.*' -print0)
  done
  # a few seeds every target gets: plans, empty, binary, markup
  files+=(../shared/seeds/*.txt tests/bad/gen.sh)
  printf '' > "${TMPDIR:-/tmp}/vb-fuzz-empty.$$"; files+=("${TMPDIR:-/tmp}/vb-fuzz-empty.$$")
  existing=()
  for f in "${files[@]}"; do [ -f "$f" ] && existing+=("$f"); done
  if out=$("$bin" "${existing[@]}" 2>&1); then
    echo "ok   $t: $out"; pass=$((pass + 1))
  else
    echo "FAIL $t"; echo "$out" | tail -20; fail=$((fail + 1))
  fi
  rm -f "${TMPDIR:-/tmp}/vb-fuzz-empty.$$"
done
echo "$pass passed, $fail failed"
[ $fail = 0 ]
