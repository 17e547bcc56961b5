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
