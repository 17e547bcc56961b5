#!/usr/bin/env bash
# suite_extract.sh — the text path end to end through the CLI: bad inputs
# (empty, binary: one-line error, exit 1; not a plan: valid XML + warning,
# exit 0), the seed checks of the foundation issue that are about structure,
# `vanban text`, other encodings and line ends. Ends "N passed, N failed".
set -u
cd "$(dirname "$0")/.."
V=${VANBAN:-build/vanban}
C=corpus
pass=0 fail=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL: $*"; }
check() { # check NAME COMMAND...
  local name=$1; shift
  if "$@"; then ok; else bad "$name"; fi
}
has() { grep -qF -- "$2" "$1"; }
count() { grep -oF -- "$2" "$1" | wc -l; }

# ---- bad input ------------------------------------------------------------
: > "$tmp/empty.txt"
"$V" convert "$tmp/empty.txt" > "$tmp/out" 2> "$tmp/err"; rc=$?
check "empty file: exit 1" test $rc = 1
check "empty file: one-line error" test "$(wc -l < "$tmp/err")" = 1
check "empty file: no XML" test ! -s "$tmp/out"
head -c 4096 /dev/urandom > "$tmp/bin.dat"; printf '\0\0\0\x01' >> "$tmp/bin.dat"
"$V" convert "$tmp/bin.dat" > "$tmp/out" 2> "$tmp/err"; rc=$?
check "binary file: exit 1" test $rc = 1
check "binary file: one-line error" test "$(wc -l < "$tmp/err")" = 1
"$V" convert $C/synth-not-a-plan/input.txt > "$tmp/np.xml" 2> "$tmp/err"; rc=$?
check "not a plan: exit 0" test $rc = 0
check "not a plan: warning" has "$tmp/np.xml" 'code="not-a-plan"'
check "not a plan: valid" "$V" validate "$tmp/np.xml" > /dev/null

# ---- seed 000 ----------------------------------------------------------------
x=$tmp/000.xml
"$V" convert $C/seed000-mn-go-vap-2020/input.txt > "$x"
check "000 date" has "$x" '<date when="2020-08-10">'
check "000 place" has "$x" '<place>Gò Vấp</place>'
check "000 school year" has "$x" '<schoolYear from="2020" to="2021">'
check "000 signature" has "$x" '<name>Nguyễn Thị Hoàng Mai</name>'
check "000 three recipients" test "$(count "$x" '<recipient>') $(count "$x" '<recipient ')" = "2 1"
check "000 no bookmark" test "$(grep -ci bookmark "$x")" = 0
check "000 VI after III" has "$x" '<section label="VI" ordinal="4" role="organization">'
check "000 warning out of order" has "$x" 'code="section-out-of-order"'
check "000 citation" has "$x" '<citation kind="thong-tu" number="19/2018/TT-BGDĐT" date="2018-08-22"/>'

# ---- seed 001 ----------------------------------------------------------------
x=$tmp/001.xml
"$V" convert $C/seed001-thpt-giong-rieng-2024/input.txt > "$x"
check "001 school year" has "$x" '<schoolYear from="2024" to="2025">'
check "001 signature" has "$x" '<name>Dàm Thanh Lạc</name>'
check "001 recipients purposes" test "$(count "$x" 'purpose="để th/h"')" = 2

# ---- seed 003 ----------------------------------------------------------------
x=$tmp/003.xml
"$V" convert $C/seed003-thcs-nguyen-trung-truc-2020/input.txt > "$x"
check "003 number" has "$x" '<number>122/KH-NTT</number>'
check "003 date" has "$x" '<date when="2020-09-25">'
check "003 no markup" test "$(grep -cE '&lt;/?(p|b)&gt;|\*\*|<p>[^<]*&lt;' "$x")" = 0
check "003 sub-roles" has "$x" '<role label="b" name="Đối với các thành viên khác">'
check "003 official letter" has "$x" 'kind="cong-van" number="5932/BGDĐT-QLCL" date="2018-12-28"'

# ---- seed 004 ----------------------------------------------------------------
x=$tmp/004.xml
"$V" convert $C/seed004-th-nguyen-thanh-tuyen-2022/input.txt > "$x"
check "004 signature" has "$x" '<name>Nguyễn Hoàng Lâm</name>'
check "004 four recipients" test "$(count "$x" '<recipient>')" = 4
check "004 re-joined item" has "$x" 'theo kết luận của Đoàn đánh giá ngoài, đồng thời'
check "004 closing" has "$x" '<closing>Trên đây là kế hoạch'

# ---- vanban text ---------------------------------------------------------------
"$V" text $C/seed003-thcs-nguyen-trung-truc-2020/input.txt > "$tmp/003.txt"
check "text 003: no markup" test "$(grep -cE '<p>|<b>|\*\*|^#' "$tmp/003.txt")" = 0
check "text 003: table rows" test "$(grep -c $'\t' "$tmp/003.txt")" -ge 10
"$V" text $C/seed004-th-nguyen-thanh-tuyen-2022/input.txt > "$tmp/004.txt"
check "text 004: paragraph re-joined" grep -q '^1\. Xây dựng kế hoạch khắc phục tồn tại, .* đã chỉ ra\.$' "$tmp/004.txt"
check "text 004: no blank-line wrap" test "$(grep -c '^$' "$tmp/004.txt")" -le 4

# ---- encodings, line ends, stdin ------------------------------------------------
in=$C/seed000-mn-go-vap-2020/input.txt
{ printf '\xff\xfe'; sed 's/$/\r/' "$in" | iconv -f UTF-8 -t UTF-16LE; } > "$tmp/u16.txt"
"$V" convert "$tmp/u16.txt" > "$tmp/u16.xml"; rc=$?
check "utf-16 crlf: exit 0" test $rc = 0
check "utf-16 crlf: same date" has "$tmp/u16.xml" '<date when="2020-08-10">'
check "utf-16 crlf: same signer" has "$tmp/u16.xml" '<name>Nguyễn Thị Hoàng Mai</name>'
"$V" convert - < "$in" > "$tmp/stdin.xml"; rc=$?
check "stdin: exit 0" test $rc = 0
check "stdin: same body" cmp -s <(sed 1,3d "$tmp/stdin.xml") <(sed 1,3d "$tmp/000.xml")

# ---- the schema rejects what the contract forbids --------------------------------
sed 's/when="2020-08-10"/when="10\/08\/2020"/' "$tmp/000.xml" > "$tmp/baddate.xml"
check "schema: bad date rejected" test "$("$V" validate "$tmp/baddate.xml" >/dev/null 2>&1; echo $?)" = 1
sed 's/role="organization"/role="misc"/' "$tmp/000.xml" > "$tmp/badrole.xml"
check "schema: bad role rejected" test "$("$V" validate "$tmp/badrole.xml" >/dev/null 2>&1; echo $?)" = 1

echo "$pass passed, $fail failed"
[ "$fail" = 0 ]
