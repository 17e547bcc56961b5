#!/usr/bin/env bash
# suite_table.sh — the improvement table's facts, checked with XPath on the
# XML that `vanban convert` writes for the corpus: the seed plans (found by
# what their text says, whatever their case is called) and the synthetic
# table-* cases (one per layout rule). Prints "N passed, N failed".
set -u
cd "$(dirname "$0")/.."
V=${VANBAN:-build/vanban}
pass=0 fail=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# "//criterion[@ids='1.5']/budget/@amount" → the namespace-blind XPath.
xp() {
  printf '%s' "$1" | sed -E "s#(/+)([A-Za-z]+)#\1*[local-name()='\2']#g"
}

# Converts the corpus case whose input contains $1 (or named $1); prints the XML path.
case_xml() {
  local in=""
  if [ -f "corpus/$1/input.txt" ]; then in="corpus/$1/input.txt"
  else in=$(grep -l -F -- "$1" corpus/*/input.* 2>/dev/null | head -1); fi
  [ -n "$in" ] || return 1
  local out="$tmp/$(echo "$in" | tr '/' '_').xml"
  [ -f "$out" ] || "$V" convert "$in" > "$out" 2> /dev/null || return 1
  echo "$out"
}

# check NAME CASE XPATH EXPECTED
check() {
  local name=$1 xml got
  if ! xml=$(case_xml "$2"); then
    echo "SKIP $name: no corpus case for '$2'"; return
  fi
  got=$(xmllint --xpath "$(xp "$3")" "$xml" 2> /dev/null)
  if [ "$got" = "$4" ]; then
    pass=$((pass + 1))
  else
    fail=$((fail + 1)); echo "FAIL $name: $3 = '$got', want '$4'"
  fi
}

S000="Nguyễn Thị Hoàng Mai"     # seed 000
S001="Dàm Thanh Lạc"            # seed 001
S003="122 /KH-NTT"              # seed 003
S004="Nguyễn Hoàng Lâm"         # seed 004

check 000-1.5 "$S000" "count(//standard[@number='1']/criterion[@ids='1.5'])" 1
check 000-2.3 "$S000" "count(//standard[@number='2']/criterion[@ids='2.3'])" 1
check 000-3.5 "$S000" "string(//standard[@number='3']/criterion[@ids='3.5']/budget/@amount)" 5000000
check 000-1.5t "$S000" "concat(//criterion[@ids='1.5']/timeline/@start,' ',//criterion[@ids='1.5']/timeline/@end)" "2021-06 2021-07"

check 001-level123 "$S001" "count(//level[@label='Mức 1, 2, 3']//criterion)" 17
check 001-first "$S001" "string((//level[@label='Mức 1, 2, 3']//criterion)[1]/@ids)" 1.1
check 001-last "$S001" "string((//level[@label='Mức 1, 2, 3']//criterion)[17]/@ids)" 5.5
check 001-level4 "$S001" "concat(//level[@label='MỨC 4']/criterion[1]/@ids,' ',//level[@label='MỨC 4']/criterion[2]/@ids,' ',//level[@label='MỨC 4']/criterion[3]/@ids,' ',//level[@label='MỨC 4']/criterion[4]/@ids)" "1 2 4 5"
check 001-sum "$S001" "sum(//budget/@amount) = 945000000" true
check 001-3.3 "$S001" "concat(//criterion[@ids='3.3']/budget/@amount,' ',//criterion[@ids='3.3']/budget/@source)" "200000000 nguồn Sở cấp"
check 001-warn "$S001" "count(//warning[@code='standard-no-title'])" 2

check 003-count "$S003" "count(//improvements//criterion)" 16
check 003-combined "$S003" "count(//criterion[@ids='1.2 1.3'])" 1
check 003-1.1tasks "$S003" "count(//criterion[@ids='1.1']/tasks[contains(.,'lắng nghe những ý kiến đóng góp')])" 1
check 003-1.1lead "$S003" "count(//criterion[@ids='1.1']/lead[contains(.,'giáo viên, nhân viên nhà trường')])" 1
check 003-timelines "$S003" "count(//timeline[not(@start='2020-09' and @end='2021-05')])" 0
check 003-timelines16 "$S003" "count(//timeline)" 16
check 003-pairs "$S003" "count(//criterion[@ids='2.2']/target)" 2
check 003-markup "$S003" "count(//*[contains(text(),'<p>') or contains(text(),'<b>') or contains(text(),'**')])" 0

check 004-rows "$S004" "count(//improvements/criterion)" 4
check 004-cols "$S004" "count(//improvements/columns/column)" 3
check 004-row1 "$S004" "string(//improvements/criterion[1]/timeline)" "Tháng 8/2022"
check 004-row2 "$S004" "string(//improvements/criterion[2]/timeline)" "Cả năm học"
check 004-row4 "$S004" "string(//improvements/criterion[4]/timeline)" "Bắt đầu từ năm học 2022-2023"
check 004-nested "$S004" "count(//improvements/criterion[3]/standard/criterion[./tasks])" 6
for id in 1.4 1.6 2.2 3.1 3.2 5.5; do
  check "004-$id" "$S004" "count(//improvements/criterion[3]//criterion[@ids='$id']/tasks)>0" true
done

check pages-join table-three-pages "string(//criterion[@ids='1.3']/tasks)" "Rà soát quy chế hoạt động của hội đồng trường, bổ sung nhiệm vụ của từng thành viên."
check pages-time table-three-pages "string(//criterion[@ids='2.2']/timeline/@end)" 2022-06
check pages-count table-three-pages "count(//improvements//criterion)" 4
check ty-3.1 table-ty-dong "string(//criterion[@ids='3.1']/budget/@amount)" 1500000000
check ty-3.3 table-ty-dong "string(//criterion[@ids='3.3']/budget/@amount)" 350000000
check ty-3.5 table-ty-dong "string(//criterion[@ids='3.5']/budget/@amount)" 2500000000
check ty-3.6 table-ty-dong "string(//criterion[@ids='3.6']/budget/@amount)" 800000000
check ty-none table-ty-dong "count(//criterion[@ids='3.4']/budget/@amount)" 0
check shift-lead table-shifted "string(//criterion[@ids='5.1']/lead)" "Người thực hiện: Phó hiệu trưởng, Tổ trưởng chuyên môn"
check shift-combined table-shifted "string(//criterion[@ids='5.2 5.3']/tasks/p[2])" "Bồi dưỡng học sinh giỏi theo từng khối lớp."
check shift-pairs table-shifted "count(//criterion[@ids='5.4']/target)" 2
check order-sol table-column-order "string(//criterion[@ids='3.2']/solutions)" "Sửa chữa sân chơi"
check order-target table-column-order "string(//criterion[@ids='3.2']/target)" "Sân chơi an toàn"
check order-quarter table-column-order "string(//criterion[@ids='3.2']/timeline/@start)" 2020-10
check stream-level table-cell-stream "string(//criterion[@ids='5.3']/@level)" 3
check stream-budget table-cell-stream "string(//criterion[@ids='5.3']/budget/@amount)" 2000000
check stream-tasks table-cell-stream "string(//criterion[@ids='5.3']/tasks)" "Tổ chức hoạt động rèn kỹ năng qua các góc chơi."
check tasklist-pairs table-task-list "count(//criterion[@ids='2.3']/timeline)" 2
check tasklist-rows table-task-list "count(//improvements/criterion)" 3

echo "$pass passed, $fail failed"
[ "$fail" = 0 ]
