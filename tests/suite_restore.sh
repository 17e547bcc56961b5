#!/usr/bin/env bash
# suite_restore.sh — the restoration regression corpus: every tests/restore/
# NAME.in through `vanban restore` (the committed model) must give NAME.out
# exactly; correctly written seed plans (when ../shared is present) must come
# back unchanged. Ends with "N passed, N failed".
set -u
cd "$(dirname "$0")/.."
V=${VANBAN:-build/vanban}
pass=0 fail=0
for in in tests/restore/*.in; do
  exp=${in%.in}.out
  out=$(mktemp)
  if "$V" restore "$in" > "$out" && cmp -s "$exp" "$out"; then
    pass=$((pass + 1))
  else
    echo "FAIL $in"; diff "$exp" "$out" | head -20; fail=$((fail + 1))
  fi
  rm -f "$out"
done
# Clean input is never made worse: the correctly written seeds pass
# through; in 004 (glyph dropout) only the fragments of broken words change.
words() { tr -s ' \t' '\n\n' < "$1"; }
for f in ../shared/seeds/000_*.txt ../shared/seeds/001_*.txt ../shared/seeds/003_*.txt \
         ../shared/seeds/004_*.txt; do
  [ -f "$f" ] || continue
  out=$(mktemp)
  "$V" restore "$f" > "$out"
  lost=$(diff <(words "$f") <(words "$out") | sed -n 's/^< //p' | awk '{ gsub(/[[:punct:]]/, ""); if (length($0) > 2) print }' | head -5)
  changed=$(diff "$f" "$out" | grep -c '^>')
  case $f in *004_*) ok=1 ;; *) [ "$changed" = 0 ] && ok=1 || ok=0 ;; esac
  if [ -z "$lost" ] && [ "$ok" = 1 ]; then
    pass=$((pass + 1))
  else
    echo "FAIL correctly written tokens changed in $f:"; echo "$lost"; fail=$((fail + 1))
  fi
  rm -f "$out"
done
# ... and through `vanban text` (which restores when a document needs it):
# the same text as with --no-restore.
for f in ../shared/seeds/000_*.txt ../shared/seeds/001_*.txt ../shared/seeds/003_*.txt; do
  [ -f "$f" ] || continue
  if cmp -s <("$V" text "$f" 2>/dev/null) <("$V" text --no-restore "$f" 2>/dev/null); then
    pass=$((pass + 1))
  else
    echo "FAIL vanban text changed $f"; fail=$((fail + 1))
  fi
done
# A missing model is an error with a message, not a crash.
if ! "$V" restore --model /nonexistent.lm tests/restore/stripped.in > /dev/null 2>&1; then
  pass=$((pass + 1))
else
  echo "FAIL: a missing model should fail"; fail=$((fail + 1))
fi
# model info names the format; model adapt learns a name the model lacks.
if "$V" model info | grep -q '^format: *VBLM'; then pass=$((pass + 1)); else
  echo "FAIL: model info"; fail=$((fail + 1)); fi
tmp=$(mktemp -d)
printf 'Trường Mầm non xã Pom Lót, huyện Điện Biên.\nNhà trường xã Pom Lót.\n' > "$tmp/plan.txt"
if "$V" model adapt -o "$tmp/a.tsv" "$tmp" 2> /dev/null &&
   [ "$(echo 'Nha truong xa Pom Lot' | "$V" restore --adapt "$tmp/a.tsv" -)" = "Nhà trường xã Pom Lót" ]; then
  pass=$((pass + 1))
else
  echo "FAIL: model adapt"; fail=$((fail + 1))
fi
rm -rf "$tmp"
echo "$pass passed, $fail failed"
[ "$fail" = 0 ]
