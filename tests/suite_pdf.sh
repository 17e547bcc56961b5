#!/usr/bin/env bash
# suite_pdf.sh — PDFs and scans through the CLI: the clean PDF and the scan
# of a plan (corpus/scan-plan-2: tests/pdf/make_plan.py 36 7 --vary
# --first=48, synth-scan at 300 dpi; its row numbers 50-54 are ones Tesseract
# misreads in a cell of their own) give the same plan structure; a scanned
# page of running text (corpus/scan-text-1: tests/pdf/make_text.py 60000
# 300002, synth-scan at 200 dpi; typed monospaced paragraphs, whose word
# spaces line up down the page, and justified ones) reads as its paragraphs,
# in order, none cut up — vanban reads it at CER 0.006, `tesseract -l vie`
# at 0.015, the bound here; a scanned page of a table without rules
# (corpus/scan-unruled-2: make_plan.py 27 25 --vary --unruled, page 1 of
# its 300-dpi synth-scan) reads as rows of cells; --timeout
# fails the one file that runs out of time, with a clear message, and the
# batch goes on. Ends with "N passed, N failed".
set -u
cd "$(dirname "$0")/.."
BUILD=${BUILD:-build}
V=${VANBAN:-$PWD/$BUILD/vanban}
export OMP_THREAD_LIMIT=1
T=$(mktemp -d /tmp/vb-pdf.XXXXXX)
trap 'rm -rf "$T"' EXIT
pass=0 fail=0
ok() { pass=$((pass + 1)); echo "ok   $1"; }
ko() { fail=$((fail + 1)); echo "FAIL $1"; }
check() { local what=$1; shift; if "$@"; then ok "$what"; else ko "$what"; fi; }

# ---- clean PDF vs its scan: same row numbers, criteria, budgets, timelines, header date, number
"$V" convert corpus/scan-plan-2/clean.pdf > "$T/clean.xml"
"$V" convert -j 2 corpus/scan-plan-2/scan.pdf > "$T/scan.xml"
python3 tests/pdf/compare.py scan-plan-2 "$T/clean.xml" "$T/scan.xml"
check "scan has the clean PDF's plan structure" [ $? = 0 ]
check "the clean plan has criteria to compare" [ "$(grep -c '<criterion ids=' "$T/clean.xml")" = 7 ]

# ---- a phone-style photo of a page with a ruled table (corpus/scan-phone-table-1:
# make_plan.py 61 8 --vary, page 1 of its synth-scan shrunk to ~100 dpi and
# blurred, as tests/pdf/cer.sh makes them): the grey page's text around the
# table is read too, not only the table
"$V" text corpus/scan-phone-table-1/phone-1.jpg > "$T/phone.txt" 2> /dev/null
check "phone-style page: the text above its table is read (header, title, section I)" \
  bash -c 'grep -q "Hạnh phúc" "$0" && grep -q "CẢI TIẾN CHẤT LƯỢNG" "$0" && grep -q "MỤC ĐÍCH" "$0"' "$T/phone.txt"

# ---- running text is text, not a table: paragraphs whole and in order
"$V" text corpus/scan-text-1/clean.pdf > "$T/text-clean.txt"
check "text layer of the running-text page reads as its source" \
  cmp -s corpus/scan-text-1/expected.txt "$T/text-clean.txt"
"$V" text corpus/scan-text-1/scan.jpg > "$T/text-scan.txt"
check "scanned running text: its paragraphs in order, CER <= 0.015" \
  python3 tests/pdf/textcheck.py corpus/scan-text-1/expected.txt "$T/text-scan.txt" 0.015 0.1

# ---- a scanned table without rules: rows of cells, not text lines run across them
"$V" text corpus/scan-unruled-2/scan-1.jpg > "$T/unruled.txt"
check "scanned unruled table: its header and rows 1-9, seven cells each" \
  [ "$(awk -F'\t' 'NF == 7 && ($1 == "TT" || $1 ~ /^[1-9]$/) && ($1 == "TT" || $2 ~ /^Tiêu chí [0-9.]+$/)' \
       "$T/unruled.txt" | wc -l)" = 10 ]

# ---- --timeout: the scan runs out of time, the text file beside it converts
mkdir -p "$T/in"
cp corpus/scan-plan-1/scan.pdf "$T/in/scan.pdf"
cp corpus/seed000-mn-go-vap-2020/input.txt "$T/in/plan.txt"
"$V" convert -q -j 2 --timeout 0.05 -o "$T/out" "$T/in" 2> "$T/err"
rc=$?
check "timed-out file: exit 1" [ $rc = 1 ]
check "timed-out file named with the limit" grep -q "scan.pdf: timed out after 0.05 s" "$T/err"
check "the other file converts" test -s "$T/out/plan.txt.xml"
check "no output for the timed-out file" test ! -e "$T/out/scan.pdf.xml"
"$V" convert --timeout 60 corpus/scan-plan-1/scan.pdf > "$T/s.xml" 2> "$T/err2"
check "a generous timeout changes nothing" [ $? = 0 -a -s "$T/s.xml" ]
# its heading "III." reads "II.": the sequence I, II, _, (end) says III
check "a misread Roman numeral of a scanned heading is put right" \
  grep -q '<section label="III" ordinal="3" role="organization"' "$T/s.xml"
check "... and warned about, not out of order" \
  sh -c 'grep -q "code=\"section-label-ocr\"" "$1" && ! grep -q section-out-of-order "$1"' _ "$T/s.xml"

echo "$pass passed, $fail failed"
[ "$fail" = 0 ]
