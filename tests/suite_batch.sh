#!/usr/bin/env bash
# suite_batch.sh — `vanban convert -o OUTDIR PATH...` on trees: mirrored names,
# report, resume, kill -9 and SIGINT, shards, the bad-input corpus
# (tests/bad/gen.sh) with peak RSS, progress only on a TTY, exit codes.
# Ends with "N passed, N failed". BAD_BIG_MB (default 200) sizes the big file.
set -u
cd "$(dirname "$0")/.."
BUILD=${BUILD:-build}
V=${VANBAN:-$PWD/$BUILD/vanban}
export OMP_THREAD_LIMIT=1
T=$(mktemp -d /tmp/vb-batch.XXXXXX)
trap 'rm -rf "$T"' EXIT
pass=0 fail=0
ok() { pass=$((pass + 1)); echo "ok   $1"; }
ko() { fail=$((fail + 1)); echo "FAIL $1"; }
check() { local what=$1; shift; if "$@"; then ok "$what"; else ko "$what"; fi; }
asan() { [ "${BUILD%asan}" != "$BUILD" ]; }
SEEDS=(../shared/seeds/*.txt)
[ -e "${SEEDS[0]}" ] || SEEDS=(corpus/seed*/input.txt) # without ../shared: the committed copies

# docs DIR N — N small distinct plan-like text documents in subfolders
docs() {
  local d=$1 n=$2 i
  for ((i = 0; i < n; i++)); do
    mkdir -p "$d/khối $((i % 7))"
    { echo "Trường Tiểu học số $i"; cat "${SEEDS[$((i % ${#SEEDS[@]}))]}"; } \
      > "$d/khối $((i % 7))/kế hoạch $i.txt"
  done
}
no_temps() { [ -z "$(find "$1" -name '.vbtmp-*' 2>/dev/null)" ]; }
all_valid() { find "$1" -name '*.xml' -print0 | xargs -0 -r "$V" validate > /dev/null; }
count() { find "$1" -name '*.xml' | wc -l; }
status_of() { grep -F "\"path\":\"$2\"" "$1" | grep -o '"status":"[a-z]*"' | cut -d'"' -f4; }

# ---- 1. a tree with spaces and Vietnamese names, mirrored with extensions
mkdir -p "$T/t1/in/Thư mục A/con" "$T/t1/in/B"
cp "${SEEDS[0]}" "$T/t1/in/Thư mục A/kế hoạch 2024.txt"
cp "${SEEDS[0]}" "$T/t1/in/Thư mục A/con/b.txt"
cp "${SEEDS[0]}" "$T/t1/in/B/b.md"
"$V" convert -q -j 2 -o "$T/t1/out" --report "$T/t1/r.jsonl" "$T/t1/in" 2> "$T/t1/err"
check "tree converts with exit 0" [ $? = 0 ]
check "output mirrors the tree, keeping extensions" \
  test -f "$T/t1/out/Thư mục A/kế hoạch 2024.txt.xml" -a -f "$T/t1/out/Thư mục A/con/b.txt.xml" \
  -a -f "$T/t1/out/B/b.md.xml"
check "outputs validate" all_valid "$T/t1/out"
check "report has one line per input" [ "$(wc -l < "$T/t1/r.jsonl")" = 3 ]
check "report names status, pages, seconds, sha256" \
  grep -q '"status":"ok".*"pages":1.*"sha256":"[0-9a-f]\{64\}","seconds":' "$T/t1/r.jsonl"
check "quiet run prints nothing" [ ! -s "$T/t1/err" ]
check "no temp files left" no_temps "$T/t1/out"

# ---- 2. output names: same relative path from two roots clash; b.txt vs b.pdf don't
mkdir -p "$T/t2/a" "$T/t2/b"
cp "${SEEDS[0]}" "$T/t2/a/x.txt"; cp "${SEEDS[0]}" "$T/t2/b/x.txt"; cp "${SEEDS[0]}" "$T/t2/a/x.pdf"
"$V" convert -q -o "$T/t2/out" "$T/t2/a/x.txt" "$T/t2/b/x.txt" "$T/t2/a/x.pdf" 2> "$T/t2/err"
rc=$?
check "clashing output name: exit 1, the second input named" \
  [ $rc = 1 -a "$(grep -c "$T/t2/b/x.txt: output name taken: $T/t2/a/x.txt" "$T/t2/err")" = 1 ]
check "x.txt and x.pdf get different outputs" test -f "$T/t2/out/x.txt.xml"
mkdir -p "$T/t2/2019/sub" "$T/t2/2020/sub"
cp "${SEEDS[0]}" "$T/t2/2019/sub/x.txt"; cp "${SEEDS[0]}" "$T/t2/2020/sub/x.txt"
"$V" convert -q -o "$T/t2/years" "$T/t2/2019" "$T/t2/2020/"
rc=$?
check "several folders: each named below its own name, no clash" \
  test $rc = 0 -a -f "$T/t2/years/2019/sub/x.txt.xml" -a -f "$T/t2/years/2020/sub/x.txt.xml"
check "output folder inside the input is not walked" \
  bash -c '"$0" convert -q -o "$1/in/out" "$1/in" && "$0" convert -q -o "$1/in/out" "$1/in" &&
    [ ! -e "$1/in/out/out" ]' "$V" "$T/t1"

# ---- 3. the bad-input corpus next to good files, one run, peak RSS
B=$T/bad
BAD_BIG_MB=${BAD_BIG_MB:-200} bash tests/bad/gen.sh "$B" > /dev/null 2>&1
check "bad corpus generated" test -f "$B/big-no-newline.txt"
mkdir -p "$B/good"
for i in 1 2 3; do cp "${SEEDS[$((i % ${#SEEDS[@]}))]}" "$B/good/tốt $i.txt"; done
/usr/bin/time -v -o "$T/bad.time" "$V" convert -q -j 2 -o "$T/bad.out" --report "$T/bad.jsonl" \
  "$B" 2> "$T/bad.err" < /dev/null
rc=$?
check "bad corpus: exit 1 (some failed), no crash" [ $rc = 1 ]
check "bad corpus: the good files converted and validate" \
  test -f "$T/bad.out/good/tốt 1.txt.xml" -a -f "$T/bad.out/good/tốt 3.txt.xml"
all_valid "$T/bad.out" && ok "bad corpus: every output written validates" \
  || ko "bad corpus: every output written validates"
# each bad input: exactly one stderr line "vanban: PATH: reason", and a failed report line
for f in empty.txt truncated.pdf encrypted.pdf zero-pages.pdf random.pdf corrupt.jpg corrupt.png \
  huge-50000x50000.png huge-50000x50000.jpg big-no-newline.txt invalid-utf8.txt fifo.txt \
  dangling.txt loop/again; do
  n=$(grep -c "^vanban: $B/$f: [a-zA-Z].\{8,\}" "$T/bad.err")
  s=$(status_of "$T/bad.jsonl" "$B/$f")
  if [ "$f" = invalid-utf8.txt ] && [ "$s" = ok ]; then
    ok "bad: $f converted (invalid bytes replaced)"; continue
  fi
  check "bad: $f fails with one clear line naming it" [ "$n" = 1 -a "$s" = failed ]
done
s=$(status_of "$T/bad.jsonl" "$B/nested.html")
check "bad: nested.html converted or clearly refused" \
  [ "$s" = ok -o "$(grep -c "^vanban: $B/nested.html: " "$T/bad.err")" = 1 ]
check "bad: wording for librarians" bash -c \
  'grep -q "random.pdf: not a document: binary data" "$0" &&
   grep -q "empty.txt: empty file" "$0" && grep -q "fifo.txt: cannot convert a named pipe" "$0" &&
   grep -q "dangling.txt: broken link" "$0" && grep -q "again: folder loop" "$0" &&
   grep -q "big-no-newline.txt: text file too large: 200.0 MB" "$0"' "$T/bad.err"
check "bad: summary counts failures by kind" \
  grep -q '^vanban: failed: .*[0-9] empty input.*' "$T/bad.err"
check "bad: report counts every input" \
  [ "$(wc -l < "$T/bad.jsonl")" = "$(grep -c '"status"' "$T/bad.jsonl")" ]
rss=$(awk -F': ' '/Maximum resident/ {print $2}' "$T/bad.time")
echo "     peak RSS over the bad corpus (-j 2): ${rss:-?} KB"
if asan; then ok "bad: peak RSS (not asserted under ASan)"; else
  check "bad: peak RSS under 800 MB for 2 workers" [ "${rss:-999999999}" -lt 819200 ]; fi
# a long line within the limits converts with memory in proportion
head -c $((12 * 1024 * 1024)) /dev/zero | tr '\0' 'a' > "$T/long.txt"
/usr/bin/time -v -o "$T/long.time" "$V" convert -q -o "$T/long.out" "$T/long.txt" 2> "$T/long.err"
rc=$?
rss=$(awk -F': ' '/Maximum resident/ {print $2}' "$T/long.time")
echo "     peak RSS for a 12 MB line: ${rss:-?} KB"
check "a 12 MB line with no newline converts" [ $rc = 0 -a -f "$T/long.out/long.txt.xml" ]
asan || check "a 12 MB line stays under 400 MB" [ "${rss:-999999999}" -lt 409600 ]

# ---- 4. resume: unchanged inputs skipped, a changed input redone
R=$T/res
docs "$R/in" 40
"$V" convert -q -o "$R/out" "$R/in"
before=$(stat -c '%i' "$R/out/khối 1/kế hoạch 1.txt.xml")
echo "thêm một dòng" >> "$R/in/khối 2/kế hoạch 2.txt"
"$V" convert -q -o "$R/out" --resume --report "$R/r.jsonl" "$R/in"
check "resume: exit 0" [ $? = 0 ]
check "resume: 39 skipped, the changed one redone" \
  [ "$(grep -c '"status":"skipped"' "$R/r.jsonl")" = 39 -a \
    "$(status_of "$R/r.jsonl" "$R/in/khối 2/kế hoạch 2.txt")" = ok ]
check "resume: skipped output untouched" \
  [ "$(stat -c '%i' "$R/out/khối 1/kế hoạch 1.txt.xml")" = "$before" ]
check "resume: redone output has the new sha256" grep -q \
  "sha256=\"$(sha256sum "$R/in/khối 2/kế hoạch 2.txt" | cut -c1-64)\"" \
  "$R/out/khối 2/kế hoạch 2.txt.xml"

# ---- 5. kill -9 three times at random moments, then --resume
K=$T/kill
docs "$K/in" 300
"$V" convert -q -j 2 -o "$K/ref" "$K/in"
check "kill: reference run converts 300" [ "$(count "$K/ref")" = 300 ]
corrupt=0
for round in 1 2 3; do
  # kill when a random number of further outputs exist: always mid-run,
  # whatever the machine's speed (the moment within a file is random too)
  done_now=$(count "$K/out" 2> /dev/null || echo 0)
  target=$((done_now + 1 + RANDOM % ((300 - done_now) / 3 + 1)))
  "$V" convert -q -j 2 -o "$K/out" --resume "$K/in" 2> /dev/null &
  pid=$!
  while kill -0 $pid 2> /dev/null && [ "$(count "$K/out" 2> /dev/null)" -lt $target ]; do
    sleep 0.0$((RANDOM % 5 + 1))
  done
  kill -9 $pid 2> /dev/null
  wait $pid 2> /dev/null
  echo "     kill round $round: $(count "$K/out") of 300 outputs"
  all_valid "$K/out" || corrupt=1
done
check "kill: every output present after each kill validates" [ $corrupt = 0 ]
before_resume=$(count "$K/out")
"$V" convert -q -j 2 -o "$K/out" --resume --report "$K/r.jsonl" "$K/in"
check "kill: --resume exits 0" [ $? = 0 ]
check "kill: tree identical to the uninterrupted run" diff -r "$K/ref" "$K/out"
check "kill: no temp files left after resume" no_temps "$K/out"
check "kill: resume skipped what was done, converted the rest (300 lines)" \
  [ "$(grep -c '"status":"skipped"' "$K/r.jsonl")" = "$before_resume" -a \
    "$(grep -c '"status":"ok"' "$K/r.jsonl")" = $((300 - before_resume)) ]

# ---- 6. SIGINT and SIGTERM: stop taking work, summary, exit 128+signal
# Job control on: without it bash starts background jobs with SIGINT ignored.
# ready PID: waits until the run has blocked its signals (it takes them from then
# on; workers show the mask, the main thread is inside sigtimedwait)
ready() {
  local i
  for ((i = 0; i < 1000; i++)); do
    cat /proc/$1/task/*/status 2> /dev/null | grep -q '^SigBlk:.*[1-9a-f]' && return 0
    sleep 0.01
  done
}
set -m
for sig in INT TERM; do
  rm -rf "$K/sig"
  "$V" convert -j 1 -o "$K/sig" "$K/in" 2> "$K/sig.err" &
  pid=$!
  ready $pid
  sleep 0.05
  kill -$sig $pid
  wait $pid
  rc=$?
  want=$([ $sig = INT ] && echo 130 || echo 143)
  n=$(count "$K/sig")
  check "SIG$sig: exit $want, summary says interrupted ($n done)" \
    bash -c '[ "$0" = "$1" ] && grep -q "converted.*interrupted" "$2"' $rc $want "$K/sig.err"
  check "SIG$sig: outputs valid, no temp files" bash -c \
    'find "$1" -name "*.xml" -print0 | xargs -0 -r "$0" validate >/dev/null &&
     [ -z "$(find "$1" -name ".vbtmp-*")" ]' "$V" "$K/sig"
done

# a second signal abandons the file in flight: exit 130 at once, resume finishes
mkdir -p "$K/slow"
for i in 1 2 3; do cp "$T/long.txt" "$K/slow/long $i.txt"; done
rm -rf "$K/ab"
"$V" convert -j 1 -o "$K/ab" "$K/slow" 2> "$K/ab.err" &
pid=$!
ready $pid
sleep 0.05; kill -INT $pid; sleep 0.01; kill -INT $pid 2> /dev/null
wait $pid
rc=$?
set +m
check "second SIGINT: exit 130 ($(grep -o 'abandoning\|finishing' "$K/ab.err" | tr '\n' ' '))" [ $rc = 130 ]
"$V" convert -q -o "$K/ab" --resume "$K/slow"
rc=$?
check "after abandoning: --resume completes, no temp files" \
  bash -c '[ "$1" = 0 ] && [ "$(find "$0" -name "*.xml" | wc -l)" = 3 ] && [ -z "$(find "$0" -name ".vbtmp-*")" ]' "$K/ab" $rc

# ---- 7. shards: N runs, every input exactly once, union = the full run
S=$T/shard
for k in 0 1 2; do
  "$V" convert -q -o "$S/out" --shard $k/3 --report "$S/r$k.jsonl" "$K/in" || true
done
cat "$S"/r?.jsonl > "$S/all.jsonl"
check "shards: 300 report lines, each input once" \
  [ "$(wc -l < "$S/all.jsonl")" = 300 -a \
    "$(grep -o '"path":"[^"]*"' "$S/all.jsonl" | sort -u | wc -l)" = 300 ]
check "shards: each shard has some" [ -s "$S/r0.jsonl" -a -s "$S/r1.jsonl" -a -s "$S/r2.jsonl" ]
check "shards: union identical to the single run" diff -r "$K/ref" "$S/out"
# the hash is part of the interface: machines running different builds must agree
mkdir -p "$S/pin"
for f in a.txt b.txt "kế hoạch.txt"; do cp "${SEEDS[0]}" "$S/pin/$f"; done
"$V" convert -q -o "$S/pin0" --shard 0/2 "$S/pin"; "$V" convert -q -o "$S/pin1" --shard 1/2 "$S/pin"
check "shards: stable hash (SHA-256 of the relative path, first 64 bits mod N)" bash -c \
  '[ "$(cd "$0/pin0" && ls)" = "kế hoạch.txt.xml" ] && [ "$(cd "$0/pin1" && ls | tr "\n" " ")" = "a.txt.xml b.txt.xml " ]' "$S"
if command -v parallel > /dev/null; then
  parallel -j 3 "$V" convert -q -o "$S/par" --shard {}/3 --report "$S/p{}.jsonl" "$K/in" ::: 0 1 2
  check "shards under GNU parallel: identical to the single run" diff -r "$K/ref" "$S/par"
fi

# ---- 8. progress only on a terminal; usage errors exit 2
if command -v script > /dev/null; then
  script -qec "'$V' convert -o '$T/p1' '$R/in'" /dev/null > "$T/p.tty" 2>&1
  check "progress drawn on a terminal" grep -q 'files/s' "$T/p.tty"
  script -qec "'$V' convert -q -o '$T/p2' '$R/in'" /dev/null > "$T/p.q" 2>&1
  check "no progress with --quiet" bash -c '! grep -q "files/s" "$0"' "$T/p.q"
fi
"$V" convert -o "$T/p3" "$R/in" 2> "$T/p.notty"
check "no progress when stderr is not a terminal" bash -c '! grep -q "files/s" "$0"' "$T/p.notty"
check "summary on stderr" grep -q '^vanban: 40 converted, 0 failed, 0 skipped (of 40)' "$T/p.notty"
"$V" convert -o "$T/u" --shard 3/3 "$R/in" 2> /dev/null; check "--shard 3/3: exit 2" [ $? = 2 ]
"$V" convert --resume "${SEEDS[0]}" > /dev/null 2>&1; check "--resume without -o: exit 2" [ $? = 2 ]
"$V" convert -o "$T/u" -j 0 "$R/in" 2> /dev/null; check "-j 0: exit 2" [ $? = 2 ]
"$V" convert -o "$T/u" --max-file-size 12Q "$R/in" 2> /dev/null; check "bad size: exit 2" [ $? = 2 ]
"$V" convert -q -o "$T/u" --max-file-size 1K "$R/in" 2> "$T/u.err"
check "--max-file-size: files past it fail, naming the limit" \
  grep -q 'file too large: .* exceeds the 1.0 KB limit (--max-file-size)' "$T/u.err"

# ---- 8b. a full output disk stops the run instead of failing every file
mkdir -p "$T/tiny"
if mount -t tmpfs -o size=64k tmpfs "$T/tiny" 2> /dev/null; then
  "$V" convert -q -j 2 -o "$T/tiny/out" "$K/in" 2> "$T/tiny.err"
  rc=$?
  umount "$T/tiny"
  check "disk full: exit 1, stops with one explanation, the rest left for --resume" bash -c \
    '[ "$1" = 1 ] && [ "$(grep -c "No space left on device — stopping" "$0")" = 1 ] &&
     [ "$(grep -c "No space left" "$0")" -le 3 ] && grep -q "not done (of 300)" "$0"' "$T/tiny.err" $rc
else
  echo "skip disk full: cannot mount a tmpfs here"
fi

# ---- 9. single-file commands unchanged
"$V" convert "${SEEDS[0]}" > "$T/one.xml"
rc=$?
check "convert FILE: XML on stdout" bash -c '[ "$2" = 0 ] && "$0" validate "$1" >/dev/null' "$V" "$T/one.xml" $rc
"$V" convert - < "${SEEDS[0]}" | grep -q '<source path="-"'
check "convert -: reads standard input" [ $? = 0 ]
"$V" text "${SEEDS[0]}" > /dev/null; check "text FILE still works" [ $? = 0 ]

echo "$pass passed, $fail failed"
[ $fail = 0 ]
