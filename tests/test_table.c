/* test_table.c — the improvement table: each text layout (tab rows, cell
 * stream, continuation rows with shifted columns, task list with a time
 * column, geometric rows) parsed from a synthetic layout and built into
 * <improvements>; column keys; corrections surviving the cell cuts. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "extract/table.h"

/* A layout from text: '\n' ends a line, '\f' starts a new page. */
static vb_layout *layout(const char *s)
{
    vb_layout *L = vb_layout_new();
    assert_non_null(L);
    int page = 1;
    vb_layout_add_page(L, 1);
    while (*s) {
        size_t n = strcspn(s, "\n\f");
        assert_non_null(vb_layout_add_line(L, s, n, page));
        s += n;
        if (*s == '\f') {
            vb_layout_add_page(L, ++page);
            s++;
        } else if (*s) {
            s++;
        }
    }
    return L;
}

typedef struct built {
    vb_layout *L;
    vb_table *t;
    size_t n;
    unsigned char *used;
    vb_node *section, *quality;
} built;

static built build(const char *text)
{
    built b = {.L = layout(text)};
    b.used = calloc(b.L->nlines + 1, 1);
    vb_error err = {0};
    assert_int_equal(vb_tables_parse(b.L, 0, b.L->nlines, b.used, &b.t, &b.n, &err), VB_OK);
    b.section = vb_node_new("section");
    b.quality = vb_node_new("quality");
    assert_int_equal(vb_improvements_build(b.t, b.n, b.section, b.quality, &err), VB_OK);
    return b;
}

static void done(built *b)
{
    vb_tables_free(b->t, b->n);
    vb_layout_free(b->L);
    vb_node_free(b->section);
    vb_node_free(b->quality);
    free(b->used);
}

static vb_node *crit(const vb_node *root, const char *ids)
{
    for (vb_node *n = (vb_node *)root; n; n = vb_node_next_in(n, root))
        if (strcmp(n->name, "criterion") == 0 && vb_node_attr(n, "ids") &&
            strcmp(vb_node_attr(n, "ids"), ids) == 0)
            return n;
    fail_msg("no criterion ids=\"%s\"", ids);
    return NULL;
}

static int count(const vb_node *root, const char *name)
{
    int k = 0;
    for (const vb_node *n = root; n; n = vb_node_next_in(n, root))
        k += strcmp(n->name, name) == 0;
    return k;
}

/* Text of the i-th child named name (its <p> children joined by " | "). */
static const char *child(const vb_node *n, const char *name, int i)
{
    static char buf[2048];
    for (vb_node *c = n->first; c; c = c->next) {
        if (strcmp(c->name, name) != 0 || i-- > 0)
            continue;
        if (!c->first)
            return c->text.s ? c->text.s : "";
        buf[0] = '\0';
        for (vb_node *p = c->first; p; p = p->next)
            snprintf(buf + strlen(buf), sizeof buf - strlen(buf), "%s%s", buf[0] ? " | " : "",
                     p->text.s);
        return buf;
    }
    return "(missing)";
}

static const char *attr_of(const vb_node *n, const char *name, const char *attr)
{
    for (vb_node *c = n->first; c; c = c->next)
        if (strcmp(c->name, name) == 0)
            return vb_node_attr(c, attr) ? vb_node_attr(c, attr) : "(missing)";
    return "(missing)";
}

static const char TABS[] =
    "III. NỘI DUNG KẾ HOẠCH\n"
    "TT\tTiêu chuẩn, tiêu chí\tNội dung công việc\tThời gian\tĐơn vị thực hiện\tDự kiến kinh phí (triệu đồng)\n"
    "----\t------\t------\t-----\t-----\t-----\n"
    "Mức 1, 2, 3\t\t\t\t\t\n"
    "1\tTiêu chuẩn 1: Tổ chức và quản lý nhà trường\t\t\t\t\n"
    "\tTiêu chí 1.1\tRà soát chiến lược\t6/2025\tHiệu trưởng\t15\n"
    "\tTiêu chí 1.2, 1.3\tXây dựng quy chế\t2024-2025\tKế toán\t1,5 tỷ đồng\n"
    "2\tTiêu chuẩn 2:\t\t\t\t\n"
    "\tTiêu chí 2.1\tBồi dưỡng giáo viên\t2025\tPhó hiệu trưởng\t/\n"
    "3\t\t\t\t\t\n"
    "\tTiêu chí 3.3\tXây nhà xe\t2025\tTài vụ\t200 tr (nguồn Sở cấp)\n"
    "MỨC 4\t\t\t\t\t\n"
    "1\tTiêu chí 1\tTham khảo chương trình tiên tiến\t2025\tHiệu trưởng\t\n"
    "\tTiêu chí 4\tTrang bị máy tính\tGiai đoạn 2025-2030\tHiệu trưởng\tXã hội hóa 50 tr\n"
    "\n"
    "IV. TỔ CHỨC THỰC HIỆN\n";

static void test_tab_rows(void **state)
{
    (void)state;
    built b = build(TABS);
    assert_int_equal(b.n, 1);
    assert_int_equal(count(b.section, "level"), 2);
    assert_int_equal(count(b.section, "standard"), 3);
    assert_int_equal(count(b.section, "criterion"), 6);
    vb_node *c = crit(b.section, "1.1");
    assert_string_equal(c->parent->name, "standard");
    assert_string_equal(vb_node_attr(c->parent, "number"), "1");
    assert_string_equal(vb_node_attr(c->parent->parent, "values"), "1 2 3");
    assert_string_equal(attr_of(c, "budget", "amount"), "15000000");
    assert_string_equal(attr_of(c, "timeline", "start"), "2025-06");
    assert_string_equal(attr_of(crit(b.section, "1.2 1.3"), "budget", "amount"), "1500000000");
    c = crit(b.section, "3.3");
    assert_string_equal(vb_node_attr(c->parent, "number"), "3");
    assert_string_equal(attr_of(c, "budget", "source"), "nguồn Sở cấp");
    c = crit(b.section, "4");
    assert_string_equal(c->parent->name, "level");
    assert_string_equal(vb_node_attr(c->parent, "label"), "MỨC 4");
    assert_string_equal(attr_of(crit(b.section, "2.1"), "budget", "amount"), "(missing)");
    /* standards 2 and 3 have no title: two warnings */
    assert_int_equal(count(b.quality, "warning"), 2);
    /* the table's lines are used, the headings around it are not */
    assert_int_equal(b.used[0], 0);
    assert_int_equal(b.used[1], 1);
    assert_int_equal(b.used[13], 1);
    assert_int_equal(b.used[b.L->nlines - 1], 0);
    vb_node *cols = vb_node_child(vb_node_child(b.section, "improvements"), "columns");
    assert_string_equal(vb_node_attr(cols->last, "unit"), "1000000");
    assert_string_equal(vb_node_attr(cols->last, "key"), "budget");
    done(&b);
}

static const char STREAM[] =
    "III. NỘI DUNG\n"
    "\tTT\n\tTiêu chuẩn, tiêu chí\n\tKết quả cần đạt\n\tCông việc/giải pháp\n"
    "\tChủ trì và phối hợp\n\tThời gian thực hiện\nvà hoàn thành\n\tDự kiến kinh phí\n\tGhi chú\n"
    "\n"
    "\tMỨC 1, 2, 3\n"
    " Tiêu chuẩn 3: Cơ sở vật chất\n"
    "\t\n\t\n\t\n"
    "\n"
    "\t\n"
    "\tTiêu chí 3.5\n"
    "\n"
    "\tMức 2:\n"
    "Hệ thống máy tính được kết nối Internet.\n"
    "\tTrang bị internet\n"
    "\tHiệu trưởng, công ty cáp.\n"
    "\t- Thực hiện: Tháng 09/2020.\n"
    "- Hoàn thành: Tháng 10/2020.\n"
    "\t5 triệu đồng\n"
    " VI. TỔ CHỨC THỰC HIỆN\n";

static void test_cell_stream(void **state)
{
    (void)state;
    built b = build(STREAM);
    assert_int_equal(b.n, 1);
    vb_node *c = crit(b.section, "3.5");
    assert_string_equal(vb_node_attr(c, "level"), "2");
    assert_string_equal(child(c, "target", 0), "Hệ thống máy tính được kết nối Internet.");
    assert_string_equal(child(c, "tasks", 0), "Trang bị internet");
    assert_string_equal(child(c, "timeline", 0),
                        "- Thực hiện: Tháng 09/2020. - Hoàn thành: Tháng 10/2020.");
    assert_string_equal(attr_of(c, "timeline", "end"), "2020-10");
    assert_string_equal(attr_of(c, "budget", "amount"), "5000000");
    assert_string_equal(vb_node_attr(c->parent, "number"), "3");
    assert_string_equal(child(c->parent, "title", 0), "Cơ sở vật chất");
    assert_int_equal(b.used[b.L->nlines - 1], 0);
    assert_int_equal(b.t->rows[0].ncells, 8);
    assert_string_equal(b.t->rows[0].cells[5].s, "Thời gian thực hiện và hoàn thành");
    done(&b);
}

/* A row continued over two page breaks (rules, a repeated header, a page
 * number), a row that lost its leading empty cell, a second target/tasks
 * pair, paragraphs inside a cell (U+2029). */
static const char PAGES[] =
    "T\tTiêu chí\tKết quả cần đạt\tCông việc, giải pháp\tChủ trì và phối hợp\tThời gian thực hiện\tKinh phí\n"
    "\tTiêu chí 2.1\tNâng cao năng lực ngoại ngữ cho\tKhuyến khích giáo viên tham gia\tNgười thực hiện: Hiệu\tThời gian bắt đầu: 9/2021\t\n"
    "\f- 2 -\n"
    "T\tTiêu chí\tKết quả cần đạt\tCông việc, giải pháp\tChủ trì và phối hợp\tThời gian thực hiện\tKinh phí\n"
    "--\t--\t--\t--\t--\t--\t--\n"
    "\t\tgiáo viên trẻ\tcác lớp bồi dưỡng\u2029Tự học mỗi tuần\ttrưởng, tổ trưởng\tThời gian hoàn thành: 5/2022\t\n"
    "\f\n"
    "\t\t\tvà chia sẻ kinh nghiệm.\t\t\t\n"
    "Tiêu chí 2.2\tĐảm bảo 30% giáo viên đạt mức tốt\tPhó hiệu trưởng xây dựng kế hoạch.\tNgười thực hiện: Hiệu trưởng\tThời gian bắt đầu: 9/2021 Thời gian hoàn thành: 5/2022\t\n"
    "\t\t100% GV đạt chuẩn\tVận động 06 giáo viên đi học.\t\t\t\n"
    "\tTiêu chí 2.3\tĐủ nhân viên\tTuyển dụng\tHiệu trưởng\tThời gian bắt đầu: 9/2021 Thời\t\n"
    "\n"
    "\t\t\t\t\tgian hoàn thành: 5/2022\n"
    "\tTiêu chí 2.3 (tiếp theo)\t\tBồi dưỡng nhân viên\t\t\t\n"
    "IV. TỔ CHỨC\n";

static void test_pages_and_shifts(void **state)
{
    (void)state;
    built b = build(PAGES);
    assert_int_equal(b.n, 1);
    assert_int_equal(count(b.section, "criterion"), 3);
    vb_node *c = crit(b.section, "2.1");
    assert_string_equal(child(c, "target", 0), "Nâng cao năng lực ngoại ngữ cho giáo viên trẻ");
    assert_string_equal(child(c, "tasks", 0),
                        "Khuyến khích giáo viên tham gia các lớp bồi dưỡng | Tự học mỗi tuần "
                        "và chia sẻ kinh nghiệm.");
    assert_string_equal(child(c, "lead", 0), "Người thực hiện: Hiệu trưởng, tổ trưởng");
    assert_string_equal(attr_of(c, "timeline", "start"), "2021-09");
    assert_string_equal(attr_of(c, "timeline", "end"), "2022-05");
    assert_int_equal(c->page, 1);
    c = crit(b.section, "2.2");     /* no leading empty cell, two pairs */
    assert_string_equal(child(c, "target", 0), "Đảm bảo 30% giáo viên đạt mức tốt");
    assert_string_equal(child(c, "target", 1), "100% GV đạt chuẩn");
    assert_string_equal(child(c, "tasks", 1), "Vận động 06 giáo viên đi học.");
    assert_string_equal(child(c, "lead", 0), "Người thực hiện: Hiệu trưởng");
    assert_int_equal(c->page, 3);
    c = crit(b.section, "2.3");
    assert_string_equal(attr_of(c, "timeline", "end"), "2022-05");
    assert_string_equal(child(c, "tasks", 0), "Tuyển dụng Bồi dưỡng nhân viên");
    done(&b);
}

static const char TASKS[] =
    "4. Triển khai thực hiện\n"
    "\n"
    "TT Nội dung công việc Thời điểm thực \n"
    "\n"
    "hiện \n"
    "\n"
    "1 Xây dựng kế hoạch cải tiến chất lượng trong năm học \n"
    "\n"
    "2023-2024. \n"
    "\n"
    "Tháng 8/2023 \n"
    "\n"
    "2 Kiểm tra việc thực hiện. Cụ thể các tiêu chuẩn và tiêu chí: \n"
    "\n"
    "Tiêu chuẩn 2: Cán bộ quản lý, giáo viên và \n"
    "\n"
    "học sinh \n"
    "\n"
    "Tiêu chí 2.2: Đối với giáo \n"
    "\n"
    "viên \n"
    "\n"
    "Bồi dưỡng giáo viên theo \n"
    "\n"
    "chuẩn. \n"
    "\n"
    "Dự giờ hàng tháng. \n"
    "\n"
    "Tiêu chuẩn  : Hoạt động giáo dục \n"
    "\n"
    "Tiêu chí 5.1: Kế hoạch giáo dục \n"
    "\n"
    "Xây dựng kế hoạch. \n"
    "\n"
    " \n"
    "9/2023 \n"
    "\n"
    "Định kỳ hàng \n"
    "\n"
    "tháng \n"
    "\n"
    "10/2023 \n"
    "\n"
    "3 Xã hội hóa phòng học. \n"
    "\n"
    "Bắt đầu từ năm \n"
    "\n"
    "học 2023-2024 \n"
    "\n"
    "IV. TỔ CHỨC THỰC HIỆN \n";

static void test_task_list(void **state)
{
    (void)state;
    built b = build(TASKS);
    assert_int_equal(b.n, 1);
    vb_node *imp = vb_node_child(b.section, "improvements");
    vb_node *cols = vb_node_child(imp, "columns");
    assert_string_equal(child(cols, "column", 2), "Thời điểm thực hiện");
    vb_node *r1 = cols->next, *r2 = r1->next, *r3 = r2->next;
    assert_non_null(r3);
    assert_null(r3->next);
    assert_string_equal(child(r1, "tasks", 0),
                        "Xây dựng kế hoạch cải tiến chất lượng trong năm học 2023-2024.");
    assert_string_equal(child(r1, "timeline", 0), "Tháng 8/2023");
    assert_string_equal(child(r3, "timeline", 0), "Bắt đầu từ năm học 2023-2024");
    assert_string_equal(attr_of(r3, "timeline", "start"), "2023");
    vb_node *c = crit(r2, "2.2");
    assert_ptr_equal(c->parent->parent, r2);
    assert_string_equal(child(c, "title", 0), "Đối với giáo viên");
    assert_string_equal(child(c, "tasks", 0), "Bồi dưỡng giáo viên theo chuẩn.");
    assert_string_equal(child(c, "timeline", 0), "9/2023");
    assert_string_equal(child(c, "tasks", 1), "Dự giờ hàng tháng.");
    assert_string_equal(child(c, "timeline", 1), "Định kỳ hàng tháng");
    c = crit(r2, "5.1");
    assert_string_equal(vb_node_attr(c->parent, "number"), "5");   /* from its criterion */
    assert_string_equal(attr_of(c, "timeline", "start"), "2023-10");
    assert_string_equal(child(c->parent->prev, "title", 0), "Cán bộ quản lý, giáo viên và học sinh");
    done(&b);
}

/* A task list with a lead column: names printed after the row's text. */
static void test_task_list_lead(void **state)
{
    (void)state;
    built b = build("TT Nội dung công việc Người thực hiện Thời gian \n"
                    "\n"
                    "1 Rà soát hồ sơ minh chứng của các tiêu chí \n"
                    "\n"
                    "chưa đạt. \n"
                    "\n"
                    "Phó hiệu trưởng, \n"
                    "\n"
                    "tổ trưởng \n"
                    "\n"
                    "Tháng 10/2023 \n"
                    "\n"
                    "2 Tổ chức chuyên đề đổi mới phương pháp dạy học. \n"
                    "\n"
                    "Tổ chuyên môn \n"
                    "\n"
                    "Học kỳ I \n"
                    "\n"
                    "V. KINH PHÍ \n");
    assert_int_equal(b.n, 1);
    vb_node *imp = vb_node_child(b.section, "improvements");
    vb_node *r1 = vb_node_child(imp, "columns")->next, *r2 = r1->next;
    assert_string_equal(child(r1, "tasks", 0), "Rà soát hồ sơ minh chứng của các tiêu chí chưa đạt.");
    assert_string_equal(child(r1, "lead", 0), "Phó hiệu trưởng, tổ trưởng");
    assert_string_equal(attr_of(r1, "timeline", "start"), "2023-10");
    assert_string_equal(child(r2, "lead", 0), "Tổ chuyên môn");
    assert_string_equal(child(r2, "timeline", 0), "Học kỳ I");
    assert_null(r2->next);
    done(&b);
}

static void test_geometric_rows(void **state)
{
    (void)state;
    vb_layout *L = layout("Kế hoạch\n"
                          "STT\tTiêu chí\tBiện pháp\tNgười phụ trách\tThời gian\tKết quả\n"
                          "1\tTiêu chí 1.3\tHọp tổ\tTổ trưởng\t10/2023\tĐạt\n"
                          "2\tTiêu chí 1.4\tTập huấn\tHiệu trưởng\t11/2023\tĐạt\n"
                          "Sau bảng\tcòn tab\n");
    for (size_t i = 1; i <= 3; i++)
        L->lines[i].flags |= VB_LINE_ROW;
    L->lines[3].flags |= VB_LINE_TABLE_END;
    vb_table *t;
    size_t n;
    unsigned char used[5] = {0};
    vb_error err = {0};
    assert_int_equal(vb_tables_parse(L, 0, L->nlines, used, &t, &n, &err), VB_OK);
    assert_int_equal(n, 1);
    assert_int_equal(t->nrows, 3);
    /* a different school's column order */
    assert_int_equal(t->keys[0], VB_COL_ORDINAL);
    assert_int_equal(t->keys[2], VB_COL_SOLUTIONS);
    assert_int_equal(t->keys[3], VB_COL_LEAD);
    assert_int_equal(t->keys[4], VB_COL_TIMELINE);
    assert_int_equal(t->keys[5], VB_COL_TARGET);
    assert_int_equal(used[4], 0);
    vb_node *s = vb_node_new("section");
    assert_int_equal(vb_improvements_build(t, n, s, NULL, &err), VB_OK);
    vb_node *c = crit(s, "1.4");
    assert_string_equal(child(c, "solutions", 0), "Tập huấn");
    assert_string_equal(child(c, "target", 0), "Đạt");
    assert_string_equal(child(c, "ordinal", 0), "2");
    vb_node_free(s);
    vb_tables_free(t, n);
    vb_layout_free(L);
}

static const char PIPES[] =
    "| STT | Tiêu chí | Biện pháp | Người thực hiện | Thời gian |\n"
    "|-----|----------|-----------|-----------------|-----------|\n"
    "| | TIÊU CHUẨN II: Cán bộ quản lý | | | |\n"
    "| 1 | 2.1, 2.2 | Bồi dưỡng | Hiệu trưởng | Học kỳ I năm học 2023-2024 |\n"
    "| 2 | 2.4 | Dự giờ | Tổ trưởng | Tháng 10/2023 |\n"
    "| Mức 4 (nếu có) | | | | |\n"
    "| 3 | Tiêu chí 3 | Xây thư viện số | Hiệu trưởng | 2024 |\n"
    "\n"
    "Đoạn văn sau bảng.\n";

static void test_markdown_pipes(void **state)
{
    (void)state;
    built b = build(PIPES);
    assert_int_equal(b.n, 1);
    assert_int_equal(b.used[6], 1);
    assert_int_equal(b.used[8], 0);
    vb_node *c = crit(b.section, "2.1 2.2");
    assert_string_equal(vb_node_attr(c->parent, "number"), "2");   /* Roman II */
    assert_string_equal(child(c->parent, "title", 0), "Cán bộ quản lý");
    assert_string_equal(child(c, "solutions", 0), "Bồi dưỡng");
    assert_string_equal(child(c, "title", 0), "(missing)");
    assert_string_equal(attr_of(c, "timeline", "end"), "2024");
    c = crit(b.section, "3");
    assert_string_equal(c->parent->name, "level");
    assert_string_equal(vb_node_attr(c->parent, "values"), "4");
    assert_int_equal(count(b.section, "criterion"), 3);
    done(&b);
}

static void test_marker_forms(void **state)
{
    (void)state;
    built b = build("TT\tTiêu chí\tCông việc\tThời gian\n"
                    "MỨC 1, MỨC 2, MỨC 3\t\t\t\n"
                    "\tTC 1.1\tHọp hội đồng\t9/2021\n"
                    "\tTiêu chí 2.1 - 2.3\tBồi dưỡng\t10/2021\n"
                    "\tTiêu chí 3.1, tiêu chí 3.2\tSửa phòng học\t11/2021\n"
                    "\tTiêu chí 4.1 - Phối hợp với cha mẹ\tHọp phụ huynh\t12/2021\n");
    assert_int_equal(b.n, 1);
    assert_string_equal(vb_node_attr(vb_node_child(vb_node_child(b.section, "improvements"),
                                                   "level"), "values"), "1 2 3");
    assert_non_null(crit(b.section, "1.1"));
    assert_non_null(crit(b.section, "2.1 2.2 2.3"));
    assert_non_null(crit(b.section, "3.1 3.2"));
    assert_string_equal(child(crit(b.section, "4.1"), "title", 0), "Phối hợp với cha mẹ");
    done(&b);
}

/* Cells with a line break inside, exported as text: the row goes on on the
 * next line; a standard row numbered "II." before its marker. */
static void test_broken_lines(void **state)
{
    (void)state;
    built b = build("TT\tTiêu chí\tCông việc\tThời gian\tNgười thực hiện\tKinh phí\n"
                    "\tII. Tiêu chuẩn 2: Cán bộ, giáo viên\t\t\t\t\n"
                    "\tTiêu chí 2.1\tCử giáo viên học\n"
                    "nâng chuẩn\t9/2021\tHiệu trưởng\t100 tr\n"
                    "(ngân sách tỉnh)\n"
                    "\tTiêu chí 2.2\tDự giờ\t10/2021\tTổ trưởng\t/\n"
                    "\n"
                    "Đoạn văn sau bảng.\n"
                    "\tmột dòng có tab\tkhác\n");
    assert_int_equal(b.n, 1);
    vb_node *c = crit(b.section, "2.1");
    assert_string_equal(vb_node_attr(c->parent, "number"), "2");
    assert_string_equal(child(c, "tasks", 0), "Cử giáo viên học nâng chuẩn");
    assert_string_equal(child(c, "lead", 0), "Hiệu trưởng");
    assert_string_equal(child(c, "budget", 0), "100 tr (ngân sách tỉnh)");
    assert_string_equal(attr_of(c, "budget", "source"), "ngân sách tỉnh");
    assert_string_equal(child(crit(b.section, "2.2"), "lead", 0), "Tổ trưởng");
    assert_int_equal(b.used[6], 0);
    assert_int_equal(b.used[7], 0);
    done(&b);
}

/* A two-line header: "Thời gian" spans "Bắt đầu" | "Kết thúc". */
static void test_two_line_header(void **state)
{
    (void)state;
    built b = build("STT\tTiêu chí\tGiải pháp\tThời gian\t\tKinh phí\tMinh chứng\n"
                    "\t\t\tBắt đầu\tKết thúc\t\t\n"
                    "1\tTiêu chí 1.2\tLập kế hoạch\t9/2020\t5/2021\t2 triệu\tBiên bản\n");
    assert_int_equal(b.n, 1);
    assert_int_equal(b.t->keys[3], VB_COL_TIMELINE);
    assert_int_equal(b.t->keys[4], VB_COL_TIMELINE);
    assert_int_equal(b.t->keys[6], VB_COL_OTHER);
    assert_int_equal(b.t->nrows, 2);
    vb_node *c = crit(b.section, "1.2");
    assert_string_equal(child(c, "timeline", 0), "9/2020 – 5/2021");
    assert_string_equal(attr_of(c, "timeline", "start"), "2020-09");
    assert_string_equal(attr_of(c, "timeline", "end"), "2021-05");
    assert_string_equal(child(c, "other", 0), "Biên bản");
    vb_node *cols = vb_node_child(vb_node_child(b.section, "improvements"), "columns");
    assert_string_equal(child(cols, "column", 3), "Thời gian Bắt đầu");
    assert_string_equal(child(cols, "column", 4), "Kết thúc");
    done(&b);
}

/* "1.1" in the TT column of a criteria table numbers the criterion. */
static void test_ids_in_ordinal(void **state)
{
    (void)state;
    built b = build("TT\tNội dung tiêu chí\tBiện pháp\tThời gian\n"
                    "1\tTổ chức và quản lý\t\t\n"
                    "1.1\tPhương hướng phát triển\tXây dựng chiến lược\t2024\n");
    vb_node *c = crit(b.section, "1.1");
    assert_string_equal(vb_node_attr(c->parent, "number"), "1");
    assert_string_equal(child(c->parent, "title", 0), "Tổ chức và quản lý");
    assert_string_equal(child(c, "title", 0), "Phương hướng phát triển");
    assert_string_equal(child(c, "solutions", 0), "Xây dựng chiến lược");
    assert_string_equal(child(c, "ordinal", 0), "(missing)");
    done(&b);
}

/* A table printed with spaces (PDF text keeping the layout). */
static const char SPACED[] =
    "III. NỘI DUNG\n"
    "  TT    Tiêu chí        Nội dung công việc           Người thực hiện    Thời gian\n"
    "                                                                        thực hiện\n"
    "\n"
    "        Tiêu chuẩn 1: Tổ chức và quản lý nhà trường\n"
    "  1     Tiêu chí 1.3    Rà soát quy chế hoạt động    Hiệu trưởng        Tháng 9/2023\n"
    "                        của hội đồng trường.         Thư ký\n"
    "  2     Tiêu chí 1.10   Diễn tập phòng cháy          Bảo vệ             Quý IV/2023\n"
    "\n"
    "IV. TỔ CHỨC THỰC HIỆN\n";

static void test_spaced_columns(void **state)
{
    (void)state;
    built b = build(SPACED);
    assert_int_equal(b.n, 1);
    assert_string_equal(b.t->rows[0].cells[4].s, "Thời gian thực hiện");
    vb_node *c = crit(b.section, "1.3");
    assert_string_equal(vb_node_attr(c->parent, "number"), "1");
    assert_string_equal(child(c, "tasks", 0), "Rà soát quy chế hoạt động của hội đồng trường.");
    assert_string_equal(child(c, "lead", 0), "Hiệu trưởng Thư ký");
    assert_string_equal(attr_of(c, "timeline", "start"), "2023-09");
    assert_string_equal(attr_of(crit(b.section, "1.10"), "timeline", "end"), "2023-12");
    assert_int_equal(b.used[0], 0);
    assert_int_equal(b.used[b.L->nlines - 1], 0);
    done(&b);
}

static int warned(const vb_node *q, const char *code)
{
    int k = 0;
    for (const vb_node *n = q->first; n; n = n->next)
        k += vb_node_attr(n, "code") && strcmp(vb_node_attr(n, "code"), code) == 0;
    return k;
}

static void test_table_warnings(void **state)
{
    (void)state;
    built b = build("TT\tTiêu chí\tCông việc\tThời gian\n"
                    "\tTiêu chí 1.1\tHọp\t9/2021\n"
                    "\tTiêu chí 1.2\t\t9/2021\n"
                    "\tTiêu chí 1.1\tHọp lại\t10/2021\n"
                    "\n"
                    "Văn bản.\n"
                    "TT\tTiêu chí\tCông việc\tThời gian\n");
    assert_int_equal(b.n, 2);
    assert_int_equal(warned(b.quality, "criterion-no-tasks"), 1);
    assert_int_equal(warned(b.quality, "criterion-repeated"), 1);
    assert_int_equal(warned(b.quality, "table-empty"), 1);
    done(&b);
}

/* Big and odd inputs: many rows, a line of a hundred thousand tabs, a
 * stream of one-cell lines with no header. Bounded work, sane results. */
static void test_pathological(void **state)
{
    (void)state;
    size_t rows = 5000, cap = 64 + rows * 64 + 200000;
    char *s = malloc(cap);
    assert_non_null(s);
    size_t n = (size_t)snprintf(s, cap, "TT\tTiêu chí\tCông việc\tThời gian\n");
    for (size_t i = 0; i < rows; i++)
        n += (size_t)snprintf(s + n, cap - n, "\tTiêu chí %zu.%zu\tViệc %zu\t9/2021\n", i / 100 + 1,
                              i % 100 + 1, i);
    for (size_t i = 0; i < 100000; i++)
        s[n++] = '\t';
    s[n++] = 'x';
    s[n] = '\0';
    built b = build(s);
    assert_int_equal(b.n, 1);
    assert_int_equal(count(b.section, "criterion"), (int)rows);
    assert_true(b.t->rows[b.t->nrows - 1].ncells == 4);
    done(&b);
    for (size_t i = 0; i < 30000; i++)
        memcpy(s + 4 * i, "\tx\n", 4);
    s[4 * 30000] = '\0';
    b = build(s);
    assert_int_equal(b.n, 0);
    done(&b);
    free(s);
}

/* Criteria numbered without "Tiêu chí": a new row each, not a continuation;
 * money like "5.000.000" is no criterion number. */
static void test_bare_ids_rows(void **state)
{
    (void)state;
    built b = build("TT\tTiêu chí\tCông việc\tKinh phí\n"
                    "\t1.1\tHọp hội đồng\t5.000.000\n"
                    "\t1.2, 1.3\tPhân công\t\n"
                    "\t\tvà kiểm tra\t\n");
    assert_int_equal(count(b.section, "criterion"), 2);
    assert_string_equal(attr_of(crit(b.section, "1.1"), "budget", "amount"), "5000000");
    assert_string_equal(child(crit(b.section, "1.2 1.3"), "tasks", 0), "Phân công và kiểm tra");
    done(&b);
    b = build("TT\tTiêu chí\tCông việc\tThời gian\n"
              "1\t1.1. Phương hướng chiến lược\tXây dựng\t2024\n"
              "2\t1.10: Phòng chống cháy\tDiễn tập\t2025\n");
    assert_string_equal(child(crit(b.section, "1.1"), "title", 0), "Phương hướng chiến lược");
    assert_string_equal(child(crit(b.section, "1.10"), "title", 0), "Phòng chống cháy");
    assert_string_equal(child(crit(b.section, "1.10"), "tasks", 0), "Diễn tập");
    done(&b);
    b = build("\tTT\n\tTiêu chí\n\tCông việc\n\tKinh phí\n"
              "\t\n\t1.4\n\tTập huấn\n\t5.000.000\n\t\n\t1.5\n\tDự giờ\n\t/\n");
    assert_int_equal(count(b.section, "criterion"), 2);
    assert_string_equal(child(crit(b.section, "1.5"), "tasks", 0), "Dự giờ");
    done(&b);
}

static void test_column_keys(void **state)
{
    (void)state;
    long long unit;
    assert_int_equal(vb_colkey_of("TT", NULL), VB_COL_ORDINAL);
    assert_int_equal(vb_colkey_of("STT", NULL), VB_COL_ORDINAL);
    assert_int_equal(vb_colkey_of("Tiêu chuẩn, tiêu chí", NULL), VB_COL_CRITERION);
    assert_int_equal(vb_colkey_of("KẾT QUẢ CẦN ĐẠT (so với hiện trạng)", NULL), VB_COL_TARGET);
    assert_int_equal(vb_colkey_of("Công việc/giải pháp cần thực hiện", NULL), VB_COL_TASKS);
    assert_int_equal(vb_colkey_of("Giải pháp thực hiện", NULL), VB_COL_SOLUTIONS);
    assert_int_equal(vb_colkey_of("Đơn vị/ cá nhân triển khai", NULL), VB_COL_LEAD);
    assert_int_equal(vb_colkey_of("Chu tri va phoi hop", NULL), VB_COL_LEAD);
    assert_int_equal(vb_colkey_of("Thời điểm thực hiện", NULL), VB_COL_TIMELINE);
    assert_int_equal(vb_colkey_of("Điều kiện hỗ trợ khác", NULL), VB_COL_CONDITIONS);
    assert_int_equal(vb_colkey_of("Ghi chú", NULL), VB_COL_NOTES);
    assert_int_equal(vb_colkey_of("Minh chứng", NULL), VB_COL_OTHER);
    assert_int_equal(vb_colkey_of("Dự kiến kinh phí (triệu đồng)", &unit), VB_COL_BUDGET);
    assert_int_equal(unit, 1000000);
    assert_int_equal(vb_colkey_of("Kinh phí (đồng)", &unit), VB_COL_BUDGET);
    assert_int_equal(unit, 1);
    assert_string_equal(vb_colkey_name(VB_COL_TIMELINE), "timeline");
}

static void test_corrections_survive(void **state)
{
    (void)state;
    vb_layout *L = layout("TT\tTiêu chí\tCông việc\tThời gian\n"
                          "\tTiêu chí 1.1\tNâng cao chất lượng\t9/2020\n");
    vb_text *t = &L->lines[1].text;
    const char *w = strstr(t->s, "lượng");
    assert_int_equal(vb_text_add_corr(t, (size_t)(w - t->s), strlen("lượng"), "luong", 0.9f), 0);
    vb_table *tb;
    size_t n;
    vb_error err = {0};
    assert_int_equal(vb_tables_parse(L, 0, L->nlines, NULL, &tb, &n, &err), VB_OK);
    vb_node *s = vb_node_new("section");
    assert_int_equal(vb_improvements_build(tb, n, s, NULL, &err), VB_OK);
    vb_node *c = crit(s, "1.1");
    vb_node *tasks = vb_node_child(c, "tasks");
    assert_int_equal(tasks->text.ncorr, 1);
    assert_string_equal(tasks->text.corr[0].orig, "luong");
    assert_memory_equal(tasks->text.s + tasks->text.corr[0].off, "lượng", strlen("lượng"));
    vb_node_free(s);
    vb_tables_free(tb, n);
    vb_layout_free(L);
}

static void test_no_table(void **state)
{
    (void)state;
    built b = build("I. MỤC ĐÍCH\n1. Xây dựng kế hoạch.\n\tTT\tmột dòng có tab\n"
                    "TT viết tắt trong văn bản thường\n2. Thời gian thực hiện cả năm.\n");
    assert_int_equal(b.n, 0);
    for (size_t i = 0; i < b.L->nlines; i++)
        assert_int_equal(b.used[i], 0);
    done(&b);
    vb_tables_free(NULL, 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_tab_rows),         cmocka_unit_test(test_cell_stream),
        cmocka_unit_test(test_pages_and_shifts), cmocka_unit_test(test_task_list),
        cmocka_unit_test(test_geometric_rows),   cmocka_unit_test(test_column_keys),
        cmocka_unit_test(test_corrections_survive), cmocka_unit_test(test_no_table),
        cmocka_unit_test(test_markdown_pipes),   cmocka_unit_test(test_marker_forms),
        cmocka_unit_test(test_broken_lines),     cmocka_unit_test(test_two_line_header),
        cmocka_unit_test(test_ids_in_ordinal),   cmocka_unit_test(test_spaced_columns),
        cmocka_unit_test(test_task_list_lead),   cmocka_unit_test(test_table_warnings),
        cmocka_unit_test(test_pathological),     cmocka_unit_test(test_bare_ids_rows),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
