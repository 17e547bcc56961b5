#!/usr/bin/env bash
# suite_search.sh — `vanban index` and `vanban search` from the command line:
# the seed fixtures, --json/--count/--sum output, exit codes, re-index and
# prune, readers during a write (WAL: every answer is the old or the new
# state, never a mix), and a killed or interrupted run leaving the index intact.
set -u
cd "$(dirname "$0")/.."
BUILD=${BUILD:-build}
V=${VANBAN:-$PWD/$BUILD/vanban}
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
GEN=$PWD/$BUILD/tools/genplans
if [ ! -x "$GEN" ]; then   # `make asan` builds `all` only: build the generator here
  GEN=$T/genplans
  ${CC:-cc} -std=c11 -O2 -I. tools/genplans.c -o "$GEN" || exit 1
fi
pass=0 fail=0
ok() { pass=$((pass + 1)); echo "ok   $1"; }
ko() { fail=$((fail + 1)); echo "FAIL $1"; }
check() { local name=$1; shift; if "$@"; then ok "$name"; else ko "$name"; fi; }

DB=$T/seeds.db
"$V" index --db "$DB" tests/search/plans tests/search/bad > "$T/idx.out" 2> "$T/idx.err"
rc=$?
check "index: bad files fail, exit 1" [ $rc = 1 ]
check "index: 5 added, 2 failed" grep -q "5 added, 0 replaced, 0 unchanged, 0 pruned, 2 failed" "$T/idx.out"
check "index: names the bad file" grep -q "not-a-plan.xml: .*not plan XML" "$T/idx.err"

"$V" search --db "$DB" da nang > "$T/o" ; rc=$?
check "search: da nang → Đà Nẵng, exit 0" bash -c "[ $rc = 0 ] && grep -q '\[Đà\] \[Nẵng' '$T/o'"
check "search: internet --year 2020 → one hit in 000" \
  bash -c "[ \"\$('$V' search --db '$DB' --count internet --year 2020)\" = 1 ]"
"$V" search --db "$DB" --json internet --year 2020 > "$T/j"
check "search --json: file, field, criterion, amount" \
  grep -q '"file":"[^"]*000-go-vap-mam-non.xml".*"field":"target".*"criterion":"3.5","amount":5000000' "$T/j"
"$V" search --db "$DB" internnet > "$T/o"
check "search: typo says so" grep -q 'no exact match; showing results for "internet"' "$T/o"
"$V" search --db "$DB" --no-typo internnet > "$T/o"; rc=$?
check "search: nothing found → exit 1" [ $rc = 1 ]
"$V" search --db "$DB" --sum budget --by school > "$T/o"
check "sum by school: Giồng Riềng 945 000 000" grep -q "945000000 đ .* TRƯỜNG THPT GIỒNG RIỀNG" "$T/o"
check "sum by school: total 973 000 000" grep -q "973000000 đ  total" "$T/o"
"$V" search --db "$DB" --sum budget --by criterion --criterion 3.3 --json > "$T/o"
check "sum --json by criterion 3.3" grep -q '^{"total":215000000,' "$T/o"
"$V" search --db "$DB" --signer "Dàm Thanh Lạc" --json > "$T/o"
check "search: --signer with diacritics" grep -q '001-giong-rieng-thpt.xml' "$T/o"
"$V" search --db "$DB" --bogus > /dev/null 2>&1; rc=$?
check "search: unknown option → exit 2" [ $rc = 2 ]
"$V" search --help > "$T/o"; rc=$?
check "search --help: examples, exit 0" bash -c "[ $rc = 0 ] && grep -q 'Examples:' '$T/o' && grep -q -- '--sum budget --by' '$T/o'"
"$V" index --help | grep -q -- "--prune"; check "index --help mentions --prune" [ $? = 0 ]
"$V" search --db "$T/none.db" x > /dev/null 2>&1; rc=$?
check "search: missing index → exit 1" [ $rc = 1 ]

# Re-index: unchanged skipped, changed replaced, removed pruned.
mkdir -p "$T/p" && cp tests/search/plans/*.xml "$T/p/"
"$V" index --db "$T/r.db" "$T/p" > /dev/null
out=$("$V" index --db "$T/r.db" "$T/p")
check "re-index: all unchanged" bash -c "echo '$out' | grep -q '0 added, 0 replaced, 5 unchanged'"
sed -i 's/Đà Nẵng/Hội An/g' "$T/p/005-variant-hoa-sen-da-nang.xml"
rm "$T/p/000-go-vap-mam-non.xml"
out=$("$V" index --db "$T/r.db" --prune "$T/p")
check "re-index: 1 replaced, 1 pruned" bash -c "echo '$out' | grep -q '0 added, 1 replaced, 3 unchanged, 1 pruned, 0 failed; 4 plans'"
check "re-index: old text gone, new text found" \
  bash -c "'$V' search --db '$T/r.db' --json hoi an | grep -q 005- && ! '$V' search --db '$T/r.db' --json --limit 50 'Đà Nẵng' | grep -q 005-"

# Two states of one collection: A, and B with every file rewritten.
"$GEN" 400 "$T/A" 1 && "$GEN" 400 "$T/B" 2
"$V" index --db "$T/b.db" "$T/B" > /dev/null
cp -r "$T/A" "$T/live"
"$V" index --db "$T/live.db" "$T/live" > /dev/null
QA=$("$V" search --db "$T/live.db" --count ke hoach --year 2020)
QB=$("$V" search --db "$T/b.db" --count ke hoach --year 2020)
check "states differ (A=$QA, B=$QB)" [ "$QA" != "$QB" ]

# Readers in a loop while a writer re-indexes A → B.
cp -r "$T/B/." "$T/live/"
reader() {
  while [ ! -e "$T/stop" ]; do
    w0=0; [ -e "$T/writing" ] && w0=1
    c=$("$V" search --db "$T/live.db" --count ke hoach --year 2020 2>&1)
    w1=0; [ -e "$T/writing" ] && w1=1
    echo "$w0$w1 $c"
  done > "$T/reads"
}
reader &
rpid=$!
sleep 0.3
touch "$T/writing"
"$V" index --db "$T/live.db" "$T/live" > "$T/w.out"
rm "$T/writing"
sleep 0.5
touch "$T/stop"
wait $rpid
bad=$(awk -v a="$QA" -v b="$QB" '$2 != a && $2 != b' "$T/reads" | wc -l)
during=$(awk -v a="$QA" '$1 == "11" && $2 == a' "$T/reads" | wc -l)
total=$(wc -l < "$T/reads")
check "WAL: $total reads, every one A or B (inconsistent: $bad)" [ "$bad" = 0 ]
check "WAL: $during reads during the write saw A" [ "$during" -ge 1 ]
check "WAL: after the commit readers see B" [ "$(tail -1 "$T/reads" | cut -d' ' -f2)" = "$QB" ]
check "writer: 400 replaced" grep -q "0 added, 400 replaced" "$T/w.out"

# A killed run (SIGKILL mid-way) and an interrupted one (SIGINT) change nothing.
cp -r "$T/A/." "$T/live/"
"$V" index --db "$T/live.db" "$T/live" > /dev/null
check "back to A" [ "$("$V" search --db "$T/live.db" --count ke hoach --year 2020)" = "$QA" ]
# The writer rewrites 1500 files (C), so that it is still running when the
# signal arrives even if this shell lags on a loaded machine.
"$GEN" 1500 "$T/C" 3
cp -r "$T/C/." "$T/live/"
for sig in KILL INT; do
  "$V" index -v --db "$T/live.db" "$T/live" > "$T/k.out" 2> "$T/k.err" &
  wpid=$!
  for _ in $(seq 2400); do   # up to 2 min on a loaded machine
    [ "$(grep -c '^indexed' "$T/k.err")" -ge 50 ] && break
    sleep 0.05
  done
  n=$(grep -c '^indexed' "$T/k.err")
  kill -$sig $wpid; wait $wpid 2> /dev/null; rc=$?
  cat "$T/k.err" | grep -v "^indexed" | head -5
  check "SIG$sig after $n files: exit $rc, index still A" \
    bash -c "[ $rc != 0 ] && [ $n -lt 1500 ] && [ \"\$('$V' search --db '$T/live.db' --count ke hoach --year 2020)\" = '$QA' ]"
done
check "SIGINT: says the index is unchanged" grep -q "interrupted: the index is unchanged" "$T/k.err"
rm -rf "$T/live" && cp -r "$T/B" "$T/live"
"$V" index --db "$T/live.db" "$T/live" > /dev/null
check "a full run afterwards reaches B" \
  [ "$("$V" search --db "$T/live.db" --count ke hoach --year 2020)" = "$QB" ]

echo "$pass passed, $fail failed"
[ "$fail" = 0 ]
