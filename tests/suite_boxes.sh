#!/usr/bin/env bash
# suite_boxes.sh — word boxes (<w bbox>) on a born-digital PDF and on its scan
# (corpus/scan-plan-1): a field's boxes lie where the clean PDF's text layer
# prints it (read with poppler's pdftotext -bbox, not with vanban's own
# MuPDF reader), every box lies inside its page, OCR'd words carry their
# confidence and text-layer words none, and the XML without its <w> tags is
# exactly the XML written with --boxes none (so the search index reads the
# same text: checked with vanban index/search too).
set -u
cd "$(dirname "$0")/.."
BUILD=${BUILD:-build}
V=${VANBAN:-$PWD/$BUILD/vanban}
C=corpus/scan-plan-1
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
export OMP_THREAD_LIMIT=1
pass=0 fail=0
ok() { pass=$((pass + 1)); echo "ok   $1"; }
ko() { fail=$((fail + 1)); echo "FAIL $1"; }
check() { local name=$1; shift; if "$@"; then ok "$name"; else ko "$name"; fi; }

# el NAME: an XPath step for the element NAME of the plan namespace
el() { printf "*[local-name()='%s']" "$1"; }
xp() { xmllint --xpath "$1" "$2" 2>/dev/null; }

# union FILE XPATH: "x0 y0 x1 y1" of the @bbox attributes XPATH selects
union() {
  xp "$2/@bbox" "$1" | tr '"' '\n' | awk 'NF == 4 {
      if (!n || $1 < a) a = $1; if (!n || $2 < b) b = $2
      if (!n || $3 > c) c = $3; if (!n || $4 > d) d = $4; n++ }
    END { if (n) print a, b, c, d }'
}

# ref WORDS...: the union, in points, of the first run of these words in the
# clean PDF's text layer (pdftotext -bbox; poppler may interleave a
# neighbouring cell's words, so up to 8 others may come between), and the
# page size in points
ref() {
  pdftotext -bbox "$C/clean.pdf" - | awk -v want="$*" '
    /<page width=/ { match($0, /width="[0-9.]+"/); W = substr($0, RSTART + 7, RLENGTH - 8)
                     match($0, /height="[0-9.]+"/); H = substr($0, RSTART + 8, RLENGTH - 9) }
    /<word / { n++; t = $0; sub(/.*">/, "", t); sub(/<\/word>.*/, "", t); w[n] = t
               split($0, q, "\""); x0[n] = q[2]; y0[n] = q[4]; x1[n] = q[6]; y1[n] = q[8] }
    END { k = split(want, ws, " ")
      for (i = 1; i <= n; i++) {
        if (w[i] != ws[1]) continue
        a = x0[i]; b = y0[i]; c = x1[i]; d = y1[i]
        m = 2
        for (j = i + 1; j <= n && j <= i + 8 + k && m <= k; j++) {
          if (w[j] != ws[m]) continue
          m++
          if (x0[j] < a) a = x0[j]; if (y0[j] < b) b = y0[j]
          if (x1[j] > c) c = x1[j]; if (y1[j] > d) d = y1[j] }
        if (m > k) { print a, b, c, d, W, H; exit } } }'
}

# near FILE XPATH TOL WORDS...: the union of the boxes XPATH selects in FILE,
# as a share of its page's size, is within TOL of where pdftotext finds WORDS
# (as a share of the PDF page) on every side
near() {
  local f=$1 path=$2 tol=$3; shift 3
  local u r pw ph
  u=$(union "$f" "$path"); r=$(ref "$@")
  pw=$(xp "string(//$(el source)/$(el page)[1]/@width)" "$f")
  ph=$(xp "string(//$(el source)/$(el page)[1]/@height)" "$f")
  [ -n "$u" ] && [ -n "$r" ] || { echo "  no boxes ($u) or no reference ($r)"; return 1; }
  echo "  boxes $u in ${pw}x$ph; text layer $r (points)"
  awk -v u="$u" -v r="$r" -v pw="$pw" -v ph="$ph" -v tol="$tol" 'BEGIN {
    split(u, a, " "); split(r, b, " ")
    for (i = 1; i <= 4; i++) {
      d = a[i] / (i % 2 ? pw : ph) - b[i] / (i % 2 ? b[5] : b[6])
      if (d < -tol || d > tol) { printf "  side %d off by %.4f of the page\n", i, d; exit 1 } } }'
}

# inside FILE: every bbox has x0 <= x1, y0 <= y1 and lies in its page
inside() {
  local pw ph
  pw=$(xp "string(//$(el source)/$(el page)[1]/@width)" "$1")
  ph=$(xp "string(//$(el source)/$(el page)[1]/@height)" "$1")
  xp "//$(el w)/@bbox" "$1" | tr '"' '\n' | awk -v W="$pw" -v H="$ph" 'NF == 4 {
      n++; if ($1 < 0 || $2 < 0 || $1 > $3 || $2 > $4 || $3 > W || $4 > H) bad++ }
    END { printf "  %d boxes, %d outside %sx%s\n", n, bad, W, H; exit !(n > 0 && W > 0 && !bad) }'
}

strip_w() { sed 's/<w [^>]*>//g; s/<\/w>//g' "$1"; }

for f in clean scan; do
  mkdir -p "$T/on" "$T/off"
  "$V" convert "$C/$f.pdf" > "$T/on/$f.xml"
  check "$f: converts with boxes (validated)" [ -s "$T/on/$f.xml" ]
  "$V" convert --boxes none "$C/$f.pdf" > "$T/off/$f.xml"
  check "$f: converts with --boxes none" [ -s "$T/off/$f.xml" ]
  check "$f: --boxes none writes no <w>" [ "$(xp "count(//$(el w))" "$T/off/$f.xml")" = 0 ]
  check "$f: still valid" "$V" validate "$T/on/$f.xml"
  check "$f: string values as with --boxes none" diff <(strip_w "$T/on/$f.xml") "$T/off/$f.xml"
  check "$f: every box inside its page" inside "$T/on/$f.xml"
  check "$f: one source/page, @page on criteria" \
    [ "$(xp "count(//$(el source)/$(el page))" "$T/on/$f.xml")" = 1 -a \
      "$(xp "count(//$(el criterion)[not(@page)])" "$T/on/$f.xml")" = 0 ]
done

# where the fields are: the school (header/issuer) and criterion 5.1's budget
# ("5 triệu đồng", two lines of its cell); the text layer gives the truth
iss="//$(el header)/$(el issuer)/$(el w)"
bud="//$(el criterion)[@ids='5.1']/$(el budget)//$(el w)"
check "clean: issuer has 5 word boxes" [ "$(xp "count($iss)" "$T/on/clean.xml")" = 5 ]
check "clean: issuer boxes where the text layer has it (0.5%)" \
  near "$T/on/clean.xml" "$iss" 0.005 TRƯỜNG TIỂU HỌC KIM ĐỒNG
check "clean: budget 5.1 boxes where the text layer has it (0.5%)" \
  near "$T/on/clean.xml" "$bud" 0.005 5 triệu đồng
check "clean: text-layer words have no conf" [ "$(xp "count(//$(el w)[@conf])" "$T/on/clean.xml")" = 0 ]
check "clean: source/page path text-layer at 300 dpi" \
  [ "$(xp "string(//$(el source)/$(el page)/@path)" "$T/on/clean.xml")" = text-layer -a \
    "$(xp "string(//$(el source)/$(el page)/@dpi)" "$T/on/clean.xml")" = 300 ]
# the scan is shifted, skewed and deskewed: a looser fit, still one field
check "scan: issuer boxes where the clean text layer has it (3%)" \
  near "$T/on/scan.xml" "$iss" 0.03 TRƯỜNG TIỂU HỌC KIM ĐỒNG
check "scan: budget 5.1 boxes where the clean text layer has it (3%)" \
  near "$T/on/scan.xml" "$bud" 0.03 5 triệu đồng
check "scan: every OCR'd word has a conf" \
  [ "$(xp "count(//$(el w)[not(@conf)])" "$T/on/scan.xml")" = 0 ]
check "scan: source/page path ocr with its reason" \
  [ "$(xp "string(//$(el source)/$(el page)/@path)" "$T/on/scan.xml")" = ocr -a \
    -n "$(xp "string(//$(el source)/$(el page)/@reason)" "$T/on/scan.xml")" ]

# the search index reads the same text with and without boxes
"$V" index --db "$T/on.db" "$T/on" > /dev/null && "$V" index --db "$T/off.db" "$T/off" > /dev/null
check "index: both index" [ -s "$T/on.db" -a -s "$T/off.db" ]
for q in "triệu" "kim dong" "ke hoach tuyen sinh"; do
  a=$("$V" search --db "$T/on.db" --json $q | sed "s#$T/on#D#g")
  b=$("$V" search --db "$T/off.db" --json $q | sed "s#$T/off#D#g")
  check "search '$q': same hits with and without boxes" [ -n "$a" -a "$a" = "$b" ]
done

echo "$pass passed, $fail failed"
[ "$fail" = 0 ]
