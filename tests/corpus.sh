#!/usr/bin/env bash
# corpus.sh — the regression corpus: for each corpus/<case>/ with an input.*
# and an expected.xml, `vanban convert` must produce exactly expected.xml,
# and expected.xml itself must validate. Inputs are given with their
# repository path, which is what <source path> records.
set -u
cd "$(dirname "$0")/.."
V=${VANBAN:-build/vanban}
pass=0 fail=0
for d in corpus/*/; do
  c=${d%/}
  in=$(ls "$c"/input.* 2>/dev/null | head -1)
  [ -n "$in" ] && [ -f "$c/expected.xml" ] || continue
  if ! "$V" validate "$c/expected.xml" > /dev/null; then
    echo "FAIL $c: expected.xml does not validate"; fail=$((fail + 1)); continue
  fi
  out=$(mktemp)
  if "$V" convert "$in" > "$out" && diff -u "$c/expected.xml" "$out" > "$out.diff"; then
    pass=$((pass + 1))
  else
    echo "FAIL $c"; head -60 "$out.diff"; fail=$((fail + 1))
  fi
  rm -f "$out" "$out.diff"
done
echo "$pass passed, $fail failed"
[ "$fail" = 0 ]
