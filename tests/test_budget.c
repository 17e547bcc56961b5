/* test_budget.c — the budget and timeline cell readers of the improvement
 * table (extract/budget.c, extract/timeline.c). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "extract/table.h"

static void budget_is(const char *s, long long unit, int found, long long amount,
                      const char *source)
{
    long long a = -1;
    char src[160];
    int r = vb_budget_parse(s, unit, &a, src, sizeof src);
    if (r != found || (found && a != amount) || strcmp(src, source) != 0)
        fail_msg("budget \"%s\" (unit %lld): got %d, %lld, \"%s\"; want %d, %lld, \"%s\"", s, unit,
                 r, a, src, found, amount, source);
}

static void test_budget_units(void **state)
{
    (void)state;
    budget_is("5 triệu đồng", 0, 1, 5000000, "");
    budget_is("10 tr", 0, 1, 10000000, "");
    budget_is("10 Tr.", 0, 1, 10000000, "");
    budget_is("1,5 tỷ đồng", 0, 1, 1500000000LL, "");
    budget_is("1.5 tỷ", 0, 1, 1500000000LL, "");
    budget_is("3 tỉ đồng", 0, 1, 3000000000LL, "");
    budget_is("2.500.000đ", 0, 1, 2500000, "");
    budget_is("2.500.000 đồng", 0, 1, 2500000, "");
    budget_is("2,500,000 VNĐ", 0, 1, 2500000, "");
    budget_is("0,5 triệu", 0, 1, 500000, "");
    budget_is("20 nghìn đồng", 0, 1, 20000, "");
    budget_is("500.000", 0, 1, 500000, "");
    budget_is("Dự kiến: 3 triệu", 0, 1, 3000000, "");
    budget_is("10 tr + 5 tr", 0, 1, 15000000, "");
}

static void test_budget_header_unit(void **state)
{
    (void)state;
    budget_is("15", 1000000, 1, 15000000, "");      /* under "(triệu đồng)" */
    budget_is("2,5", 1000000, 1, 2500000, "");
    budget_is("15", 0, 0, 0, "");                   /* no unit anywhere: not an amount */
    budget_is("5 tr", 1000000, 1, 5000000, "");     /* its own unit wins */
    budget_is("5.000.000", 1000000, 1, 5000000, "");  /* written in đồng after all */
}

static void test_budget_sources(void **state)
{
    (void)state;
    budget_is("200 tr (nguồn Sở cấp)", 1000000, 1, 200000000, "nguồn Sở cấp");
    budget_is("Xã hội hóa 50 tr", 1000000, 1, 50000000, "Xã hội hóa");
    budget_is("100 tr từ ngân sách cấp công tác đào tạo", 1000000, 1, 100000000,
              "ngân sách cấp công tác đào tạo");
    budget_is("20 tr nguồn ngân sách", 0, 1, 20000000, "nguồn ngân sách");
    budget_is("Kinh phí tự túc", 0, 0, 0, "Kinh phí tự túc");
    budget_is("Nguồn lực khác (tài chính): kinh phí tự túc", 0, 0, 0, "kinh phí tự túc");
}

static void test_budget_none(void **state)
{
    (void)state;
    budget_is("/", 1000000, 0, 0, "");
    budget_is("-", 1000000, 0, 0, "");
    budget_is("", 1000000, 0, 0, "");
    budget_is("Không", 0, 0, 0, "");
    budget_is("Năm 2021", 0, 0, 0, "");             /* a year is not money */
    budget_is("Khen thưởng theo quy chế", 0, 0, 0, "");
}

static void timeline_is(const char *s, const char *start, const char *end)
{
    char a[11] = "x", b[11] = "x";
    int r = vb_timeline_parse(s, a, b);
    if (strcmp(a, start) || strcmp(b, end) || r != (start[0] != 0) + (end[0] != 0))
        fail_msg("timeline \"%s\": got %d \"%s\" → \"%s\"; want \"%s\" → \"%s\"", s, r, a, b,
                 start, end);
}

static void test_timeline_points(void **state)
{
    (void)state;
    timeline_is("Tháng 09/2020", "2020-09", "2020-09");
    timeline_is("6/2025", "2025-06", "2025-06");
    timeline_is("2026", "2026", "2026");
    timeline_is("ngày 05/9/2021", "2021-09-05", "2021-09-05");
    timeline_is("ngày 5 tháng 9 năm 2021", "2021-09-05", "2021-09-05");
    timeline_is("tháng 9 năm 2020", "2020-09", "2020-09");
}

static void test_timeline_ranges(void **state)
{
    (void)state;
    timeline_is("2024-2025", "2024", "2025");
    timeline_is("2020 – 2021", "2020", "2021");
    timeline_is("Giai đoạn 2025-2030", "2025", "2030");
    timeline_is("Tháng 9 - 12/2020", "2020-09", "2020-12");
    timeline_is("Từ 01/10/2020 đến 30/5/2021", "2020-10-01", "2021-05-30");
    timeline_is("Từ tháng 9 đến tháng 12 năm 2020", "2020-09", "2020-12");
    timeline_is("Quý IV/2020", "2020-10", "2020-12");
    timeline_is("quý 2 năm 2021", "2021-04", "2021-06");
}

static void test_timeline_labels(void **state)
{
    (void)state;
    timeline_is("Thời gian bắt đầu: 9/2020. Thời gian hoàn thành: 05/2021", "2020-09",
                "2021-05");
    timeline_is("- Thực hiện: Tháng 6/2021. - Hoàn thành: Tháng 7/2021.", "2021-06", "2021-07");
    timeline_is("Hoàn thành: 12/2021", "", "2021-12");
    timeline_is("Trước 30/6/2021", "", "2021-06-30");
    timeline_is("Thời hạn: 15/8/2022", "", "2022-08-15");
    timeline_is("Bắt đầu từ năm học 2022-2023", "2022", "");
    timeline_is("9/2020 Thời gian hoàn thành: 5/2021", "2020-09", "2021-05");
}

static void test_timeline_none(void **state)
{
    (void)state;
    timeline_is("Cả năm học", "", "");
    timeline_is("Định kỳ hàng tháng", "", "");
    timeline_is("Dịp 22/12, 30/4, 27/7", "", "");
    timeline_is("Thời gian bắt đầu:", "", "");
    timeline_is("13/2020", "", "");
    timeline_is("ngày 31/02/2021", "", "");
    timeline_is("ngày 29/2/2021", "", "");
    timeline_is("ngày 29/2/2024", "2024-02-29", "2024-02-29");
    timeline_is("", "", "");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_budget_units),    cmocka_unit_test(test_budget_header_unit),
        cmocka_unit_test(test_budget_sources),  cmocka_unit_test(test_budget_none),
        cmocka_unit_test(test_timeline_points), cmocka_unit_test(test_timeline_ranges),
        cmocka_unit_test(test_timeline_labels), cmocka_unit_test(test_timeline_none),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
