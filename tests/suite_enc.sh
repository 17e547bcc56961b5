#!/usr/bin/env bash
# suite_enc.sh — `vanban decode` from the command line: the shared vectors
# with auto detection, --detect, refusals and their exit codes, stdin,
# tone style. Ends with "N passed, N failed".
set -u
cd "$(dirname "$0")/.."
V=${VANBAN:-build/vanban}
D=tests/data/encodings
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pass=0 fail=0
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL: $*"; }

for f in tcvn3.bin vni.bin cp1258.bin cp1258-tone-decomposed.bin mojibake-utf8-as-cp1252.txt; do
  if "$V" decode "$D/$f" | cmp -s - "$D/expected.txt"; then ok; else bad "decode $f"; fi
done
for f in viscii.bin vps.bin viqr.txt; do
  if "$V" decode --from auto "$D/$f" | cmp -s - "$D/expected-hyphen.txt"; then ok; else bad "decode $f"; fi
done

# the shared vectors themselves, as their manifest pairs them
S=../shared/encodings/vectors
if [ -f "$S/MANIFEST.tsv" ]; then
  while IFS=$'\t' read -r f _ want _; do
    [ "$f" = file ] || [ "$want" = - ] && continue
    "$V" decode --from auto "$S/$f" | cmp -s - "$S/${want%% *}" && ok || bad "shared vector $f"
  done < "$S/MANIFEST.tsv"
fi

# the language model: named and missing is an error; $VB_MODEL missing is
# said, and detection goes on without it (a VN1 "Ý" then reads as TCVN3)
printf '\xa4ng l\xb5 nh\xb9\x63 s\xdc ng\xad\xeai \x16, s\xb8ng t\xb8\x63 nhi\xd2u b\xb6n nh\xb9\x63.\n' > "$tmp/vn1.txt"
out=$("$V" decode --detect "$tmp/vn1.txt")
[[ "$out" == *$'\tvn1\t'* && "$out" == *"language model prefers vn1"* ]] && ok || bad "model: $out"
[ "$("$V" decode "$tmp/vn1.txt")" = "Ông là nhạc sĩ người Ý, sáng tác nhiều bản nhạc." ] && ok || bad "model: text"
"$V" decode --model /nonexistent.lm "$tmp/vn1.txt" > /dev/null 2>&1; [ $? = 1 ] && ok || bad "--model missing"
out=$(VB_MODEL=/nonexistent.lm "$V" decode --detect "$tmp/vn1.txt" 2> "$tmp/err")
grep -q "without a language model" "$tmp/err" && [[ "$out" == *"no language model"* ]] && ok || bad "no model: $out"

out=$("$V" decode --detect "$D/vni.bin")
[[ "$out" == *$'\tvni\t'* && "$out" == *"valid syllables"* ]] && ok || bad "--detect vni: $out"

"$V" decode - < "$D/tcvn3.bin" | cmp -s - "$D/expected.txt" && ok || bad "stdin"
"$V" decode --from vn3 "$D/tcvn3.bin" -o "$tmp/out.txt" && cmp -s "$tmp/out.txt" "$D/expected.txt" && ok || bad "-o with alias"

printf 'The committee met on Tuesday to discuss the budget and the new building plans.\n' > "$tmp/en.txt"
"$V" decode "$tmp/en.txt" > /dev/null 2> "$tmp/err"; rc=$?
[ $rc = 1 ] && grep -q "not Vietnamese" "$tmp/err" && ok || bad "English: rc=$rc $(cat "$tmp/err")"
head -c 2048 "$V" > "$tmp/bin"
"$V" decode "$tmp/bin" > /dev/null 2> "$tmp/err"; rc=$?
[ $rc = 1 ] && grep -q "binary" "$tmp/err" && ok || bad "binary: rc=$rc"
"$V" decode --from klingon "$D/tcvn3.bin" > /dev/null 2>&1; [ $? = 2 ] && ok || bad "unknown --from"
"$V" decode --help | grep -q "tcvn3" && ok || bad "--help"

printf 'H\xdfa b\xd7nh v\xb5 th\xf1y l\xeei\n' > "$tmp/t.bin"
[ "$("$V" decode --tone-style new "$tmp/t.bin")" = "Hoà bình và thuỷ lợi" ] && ok || bad "tone-style new"

# mixed: TCVN3 heading in capitals above a UTF-8 body, CRLF kept
{ printf 'K\xd5 HO\xb9CH C\xb6I TI\xd5N CH\xcaT L\xa6\xeeNG\r\n'; cat "$D/expected.txt"; } > "$tmp/mixed.txt"
{ printf 'KẾ HOẠCH CẢI TIẾN CHẤT LƯỢNG\r\n'; cat "$D/expected.txt"; } > "$tmp/want.txt"
"$V" decode "$tmp/mixed.txt" | cmp -s - "$tmp/want.txt" && ok || bad "mixed heading"

# the committed tables are what the generator makes of the shared TSVs
if [ -d ../shared/encodings/tables ]; then
  sh tools/gen_enc_tables.sh ../shared/encodings/tables > "$tmp/tables.c" &&
    cmp -s "$tmp/tables.c" normalize/enc_tables.c && ok || bad "normalize/enc_tables.c is stale (make enc-tables)"
fi

echo "$pass passed, $fail failed"
[ "$fail" = 0 ]
