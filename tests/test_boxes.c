/* test_boxes.c — provenance of page text: word boxes made by ingest reach
 * the XML as <w bbox conf page?> on the right words through normalize (NFC,
 * markup removal, a restoration splice) and extract (table cells cut from a
 * row, a paragraph joined across a page break, spaces collapsed); corr and
 * w nest so that every element's string value is the text written without
 * boxes; <source> lists the pages. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include <libxml/parser.h>
#include <libxml/xpath.h>
#include <libxml/xpathInternals.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/engine.h"
#include "extract/extract.h"
#include "normalize/normalize.h"

/* Word k of a line at height y: 140 px apart, 120 wide, 40 high. */
static vb_box box_at(int k, int y)
{
    return (vb_box){50 + 140 * k, y, 170 + 140 * k, y + 40};
}

/* A line as the PDF/OCR reader makes it: words split at spaces and tabs,
 * word k at box_at(k, y) on page, confidence 0.5 + k / 100. */
static void add_line(vb_layout *L, const char *s, int page, int y, unsigned flags)
{
    vb_line *ln = vb_layout_add_line(L, s, strlen(s), page);
    assert_non_null(ln);
    ln->flags = flags;
    int k = 0;
    for (size_t i = 0; i < ln->text.len; i++) {
        size_t j = i;
        while (j < ln->text.len && ln->text.s[j] != ' ' && ln->text.s[j] != '\t')
            j++;
        if (j > i) {
            assert_int_equal(vb_text_add_word(&ln->text, i, j - i, page, box_at(k, y),
                                              0.5f + 0.01f * (float)k),
                             0);
            k++;
        }
        i = j;
    }
}

static const char *const header_row =
    "TT\tTiêu chí\tKết quả cần đạt\tGiải pháp\tChủ trì, phối hợp\tThời gian\tKinh phí";
/* "trieu" is restored below; "Giao" has a decomposed mark (NFC joins it);
 * "**viên**" is markdown residue around a word. */
static const char *const row1 = "1\tTiêu chí 4.7\tGia\xCC\x81o **viên** đạt chuẩn.\t"
                                "Thực hiện kế hoạch.\tHiệu trưởng.\tTháng 1/2019\t5 trieu đồng";

/* A two-page plan read from a PDF text layer. */
static vb_layout *paged_plan(void)
{
    vb_layout *L = vb_layout_new();
    assert_non_null(L);
    L->format = VB_FMT_PDF;
    strcpy(L->sha256, "0000000000000000000000000000000000000000000000000000000000000000");
    for (int p = 1; p <= 2; p++) {
        vb_page *pg = vb_layout_add_page(L, p);
        assert_non_null(pg);
        *pg = (vb_page){.number = p, .width = 2480, .height = 3508, .dpi = 300,
                        .path = VB_PAGE_TEXT_LAYER, .text_quality = 0.97f};
        strcpy(pg->reason, "good text layer");
    }
    add_line(L, "UBND QUẬN GÒ VẤP", 1, 100, 0);
    add_line(L, "TRƯỜNG TIỂU HỌC KIM ĐỒNG", 1, 160, 0);
    add_line(L, "KẾ HOẠCH", 1, 400, 0);
    add_line(L, "CẢI TIẾN CHẤT LƯỢNG GIÁO DỤC", 1, 460, 0);
    add_line(L, "Năm học 2018 - 2019", 1, 520, 0);
    add_line(L, "I. MỤC ĐÍCH, YÊU CẦU", 1, 600, 0);
    add_line(L, "1. Xây dựng kế hoạch cải tiến chất lượng", 1, 3300, 0);
    add_line(L, "giáo dục của nhà trường.", 2, 200, 0); /* continues on page 2 */
    add_line(L, "II. NỘI DUNG KẾ HOẠCH", 2, 400, 0);
    add_line(L, header_row, 2, 500, VB_LINE_ROW);
    add_line(L, row1, 2, 600, VB_LINE_ROW | VB_LINE_TABLE_END);
    return L;
}

/* normalize's line pass (NFC, markup), then a restoration-like change. */
static void normalize(vb_layout *L)
{
    vb_options o;
    vb_options_init(&o);
    o.restore = VB_RESTORE_NEVER;
    vb_engine *e = vb_engine_new(&o, NULL);
    assert_non_null(e);
    vb_error err = {0};
    assert_int_equal(vb_normalize_layout(e, L, &err), VB_OK);
    vb_engine_free(e);
    vb_text *t = &L->lines[L->nlines - 1].text;
    const char *at = strstr(t->s, "trieu");
    assert_non_null(at);
    size_t off = (size_t)(at - t->s);
    assert_int_equal(vb_text_splice(t, off, 5, "triệu", strlen("triệu")), 0);
    assert_int_equal(vb_text_add_corr(t, off, strlen("triệu"), "trieu", 0.9f), 0);
}

static char *to_xml(const vb_layout *L)
{
    vb_node *plan = NULL;
    vb_error err = {0};
    assert_int_equal(vb_extract(L, "plan.pdf", &plan, &err), VB_OK);
    char *xml = NULL;
    size_t len;
    vb_status st = vb_plan_write_xml(plan, &xml, &len, &err);
    if (st != VB_OK)
        fail_msg("%s", err.msg);
    vb_node_free(plan);
    return xml;
}

typedef struct doc {
    xmlDocPtr d;
    xmlXPathContextPtr x;
} doc;

static doc parse(const char *xml)
{
    doc D = {xmlReadMemory(xml, (int)strlen(xml), "plan.xml", NULL, 0), NULL};
    assert_non_null(D.d);
    D.x = xmlXPathNewContext(D.d);
    xmlXPathRegisterNs(D.x, BAD_CAST "p", BAD_CAST "urn:vanban:plan:1");
    return D;
}

static void doc_free(doc *D)
{
    xmlXPathFreeContext(D->x);
    xmlFreeDoc(D->d);
}

/* The string value of an XPath expression. */
static char *xstr(doc *D, const char *expr)
{
    xmlXPathObjectPtr o = xmlXPathEvalExpression(BAD_CAST expr, D->x);
    assert_non_null(o);
    xmlChar *s = xmlXPathCastToString(o);
    xmlXPathFreeObject(o);
    char *r = strdup((const char *)s);
    xmlFree(s);
    return r;
}

static void str_is(doc *D, const char *expr, const char *want)
{
    char *got = xstr(D, expr);
    if (strcmp(got, want) != 0)
        fail_msg("%s: '%s', want '%s'", expr, got, want);
    free(got);
}

static void box_is(doc *D, const char *expr, int k, int y)
{
    vb_box b = box_at(k, y);
    char want[64];
    snprintf(want, sizeof want, "%d %d %d %d", b.x0, b.y0, b.x1, b.y1);
    str_is(D, expr, want);
}

/* Every cut and join keeps each box on its own word. */
static void boxes_on_the_right_words(void **state)
{
    (void)state;
    vb_layout *L = paged_plan();
    normalize(L);
    char *xml = to_xml(L);
    doc D = parse(xml);
    const char *crit = "//p:criterion[@ids='4.7']";
    char e[256];
    /* the budget cell, cut from its row: words 16, 17, 18 of the row line;
     * "triệu" restored inside its word box */
    snprintf(e, sizeof e, "string(%s/p:budget)", crit);
    str_is(&D, e, "5 triệu đồng");
    snprintf(e, sizeof e, "count(%s/p:budget/p:w)", crit);
    str_is(&D, e, "3");
    snprintf(e, sizeof e, "string(%s/p:budget/p:w[1]/@bbox)", crit);
    box_is(&D, e, 16, 600);
    snprintf(e, sizeof e, "string(%s/p:budget/p:w[2]/@bbox)", crit);
    box_is(&D, e, 17, 600);
    snprintf(e, sizeof e, "string(%s/p:budget/p:w[2]/p:corr/@orig)", crit);
    str_is(&D, e, "trieu");
    snprintf(e, sizeof e, "string(%s/p:budget/p:w[3]/@conf)", crit);
    str_is(&D, e, "0.68");
    /* the target cell after NFC and markup removal: "Giáo viên đạt chuẩn." */
    snprintf(e, sizeof e, "string(%s/p:target)", crit);
    str_is(&D, e, "Giáo viên đạt chuẩn.");
    snprintf(e, sizeof e, "string(%s/p:target/p:w[1]/@bbox)", crit);
    box_is(&D, e, 4, 600);
    snprintf(e, sizeof e, "string(%s/p:target/p:w[2])", crit);
    str_is(&D, e, "viên");
    snprintf(e, sizeof e, "string(%s/p:target/p:w[2]/@bbox)", crit);
    box_is(&D, e, 5, 600);
    /* the item joined across the page break: page 1 in force, the words
     * of its second line say page 2 */
    str_is(&D, "string(//p:section[1]/p:item/@page)", "1");
    str_is(&D, "count(//p:section[1]/p:item/p:w)", "13"); /* its mark "1." is not text */
    str_is(&D, "string(//p:section[1]/p:item/p:w[8])", "lượng");
    str_is(&D, "string(//p:section[1]/p:item/p:w[8]/@page)", "");
    box_is(&D, "string(//p:section[1]/p:item/p:w[8]/@bbox)", 8, 3300);
    str_is(&D, "string(//p:section[1]/p:item/p:w[9])", "giáo");
    str_is(&D, "string(//p:section[1]/p:item/p:w[9]/@page)", "2");
    box_is(&D, "string(//p:section[1]/p:item/p:w[9]/@bbox)", 0, 200);
    /* the header: no @page anywhere above, page 1 in force */
    box_is(&D, "string(//p:issuer/p:w[5]/@bbox)", 4, 160);
    str_is(&D, "string(//p:issuer/p:w[5])", "ĐỒNG");
    /* the pages */
    str_is(&D, "count(//p:source/p:page)", "2");
    str_is(&D, "string(//p:source/p:page[2]/@path)", "text-layer");
    str_is(&D, "string(//p:source/p:page[2]/@width)", "2480");
    str_is(&D, "string(//p:source/p:page[2]/@dpi)", "300");
    doc_free(&D);
    free(xml);
    vb_layout_free(L);
}

/* The XML without its <w> tags is exactly the XML written without boxes. */
static void string_values_as_without_boxes(void **state)
{
    (void)state;
    vb_layout *L = paged_plan(), *N = paged_plan();
    normalize(L);
    for (size_t i = 0; i < N->nlines; i++)
        vb_text_drop_words(&N->lines[i].text);
    normalize(N);
    char *with = to_xml(L), *without = to_xml(N);
    assert_null(strstr(without, "<w "));
    assert_non_null(strstr(with, "<w "));
    size_t k = 0;
    for (const char *s = with; *s;) {
        if (strncmp(s, "<w ", 3) == 0 || strncmp(s, "</w>", 4) == 0) {
            s = strchr(s, '>') + 1;
            continue;
        }
        with[k++] = *s++;
    }
    with[k] = '\0';
    assert_string_equal(with, without);
    free(with);
    free(without);
    vb_layout_free(L);
    vb_layout_free(N);
}

/* A correction spanning two words holds both; a word holding a correction
 * of part of it holds it; a correction crossing a word's edge splits the
 * word (two <w> with one box), never the correction. */
static void corr_and_w_nest(void **state)
{
    (void)state;
    vb_node *n = vb_node_new("title");
    assert_non_null(n);
    vb_text *t = &n->text;
    const char *s = "tiêu chí KH-THKĐ, ab";
    assert_int_equal(vb_text_set(t, s, strlen(s)), 0);
    size_t k = strlen("tiêu chí "), a = k + strlen("KH-THKĐ, ");
    assert_int_equal(vb_text_add_word(t, 0, strlen("tiêu"), 1, box_at(0, 10), 0.9f), 0);
    assert_int_equal(vb_text_add_word(t, strlen("tiêu "), strlen("chí"), 1, box_at(1, 10), 0.9f), 0);
    assert_int_equal(vb_text_add_word(t, k, strlen("KH-THKĐ,"), 1, box_at(2, 10), -1), 0);
    assert_int_equal(vb_text_add_word(t, a, 2, 1, box_at(3, 10), 0.5f), 0);
    assert_int_equal(vb_text_add_corr(t, 0, strlen("tiêu chí"), "tieu chi", 0.8f), 0);
    assert_int_equal(vb_text_add_corr(t, k + 3, strlen("THKĐ"), "THKD", 0.7f), 0);
    assert_int_equal(vb_text_add_corr(t, a - 2, 3, ", a", 0.6f), 0); /* crosses two words */
    vb_node *plan = vb_node_new("plan");
    vb_node *src = vb_node_add(plan, "source", NULL);
    assert_int_equal(vb_node_set_attr(plan, "xmlns", "urn:vanban:plan:1") ||
                         vb_node_set_attr(plan, "version", "1") ||
                         vb_node_set_attr(plan, "xml:lang", "vi") ||
                         vb_node_set_attr(src, "path", "x") ||
                         vb_node_set_attr(src, "sha256", "00000000000000000000000000000000"
                                                         "00000000000000000000000000000000") ||
                         vb_node_set_attr(src, "format", "pdf") ||
                         vb_node_set_attr(src, "ocr", "none") ||
                         vb_node_set_attr(src, "pages", "1"),
                     0);
    vb_node_append(plan, n);
    char *xml = NULL;
    size_t len;
    vb_error err = {0};
    if (vb_plan_write_xml(plan, &xml, &len, &err) != VB_OK)
        fail_msg("%s", err.msg);
    const char *want =
        "<title><corr orig=\"tieu chi\" conf=\"0.80\"><w bbox=\"50 10 170 50\" conf=\"0.90\">tiêu"
        "</w> <w bbox=\"190 10 310 50\" conf=\"0.90\">chí</w></corr> <w bbox=\"330 10 450 50\">KH-"
        "<corr orig=\"THKD\" conf=\"0.70\">THKĐ</corr></w><corr orig=\", a\" conf=\"0.60\">"
        "<w bbox=\"330 10 450 50\">,</w> <w bbox=\"470 10 590 50\" conf=\"0.50\">a</w></corr>"
        "<w bbox=\"470 10 590 50\" conf=\"0.50\">b</w></title>";
    if (!strstr(xml, want))
        fail_msg("got:\n%s", xml);
    free(xml);
    vb_node_free(plan);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(boxes_on_the_right_words),
        cmocka_unit_test(string_values_as_without_boxes),
        cmocka_unit_test(corr_and_w_nest),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
