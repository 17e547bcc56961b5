/* test_markup.c — normalize/markup.c: residue of DOCX/markdown/HTML
 * conversion goes, text and corrections stay. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include <string.h>

#include "normalize/normalize.h"

/* Strips s and checks the result and the return value. */
static void check(const char *in, const char *want, int changed)
{
    vb_text t;
    vb_text_init(&t);
    assert_int_equal(vb_text_set(&t, in, strlen(in)), 0);
    assert_int_equal(vb_markup_strip(&t), changed);
    assert_string_equal(t.s, want);
    assert_int_equal(t.len, strlen(want));
    vb_text_free(&t);
}

static void markdown_emphasis_and_headings(void **state)
{
    (void)state;
    check("**KẾ HOẠCH**  ", "KẾ HOẠCH  ", 1);
    check("### III. NỘI DUNG KẾ HOẠCH", "III. NỘI DUNG KẾ HOẠCH", 1);
    check("## **2. Các thành viên**", "2. Các thành viên", 1);
    check("#hashtag is not a heading", "#hashtag is not a heading", 0);
    check("a * b * c", "a * b * c", 0);
    check("*(Kèm theo Kế hoạch số 12)*", "(Kèm theo Kế hoạch số 12)", 1);
    check("* gạch đầu dòng", "* gạch đầu dòng", 0);
    check("[Ghi chú]{.underline}: xem *phụ lục*", "Ghi chú: xem phụ lục", 1);
    check("[bookmark ngoặc] thường", "[bookmark ngoặc] thường", 0);
}

static void html_tags_and_entities(void **state)
{
    (void)state;
    check("<b>Mức 1, 2, 3</b>\t\t", "Mức 1, 2, 3\t\t", 1);
    check("Phòng GD&amp;ĐT &lt;Quận 3&gt;", "Phòng GD&ĐT <Quận 3>", 1);
    check("GD&ĐT stays", "GD&ĐT stays", 0);
    check("a&#7841;b &#x1EA1;", "aạb ạ", 1);
    check("x&nbsp;y", "x\xC2\xA0y", 1);
    check("a < b and c > d", "a < b and c > d", 0);
    check("<unknown>tag</unknown>", "<unknown>tag</unknown>", 0);
}

static void paragraph_boundaries_in_cells(void **state)
{
    (void)state;
    /* a cell holding two paragraphs: the boundary becomes U+2029 */
    check("\t<p>một</p> <p>hai</p>\tba", "\tmột\xE2\x80\xA9hai\tba", 1);
    check("<p>chỉ một</p>", "chỉ một", 1);
    check("trước<br>sau", "trước sau", 1);
}

static void bookmarks_rules_escapes(void **state)
{
    (void)state;
    check("\t[bookmark: _GoBack]5 triệu đồng", "\t5 triệu đồng", 1);
    check("--\t--\t----------\t--", "", 1);
    check("----|:---:|----", "", 1);
    check("- Thực hiện: tháng 9", "- Thực hiện: tháng 9", 0);
    check("1\\. Mục", "1. Mục", 1);
}

static void corrections_survive(void **state)
{
    (void)state;
    vb_text t;
    vb_text_init(&t);
    const char *s = "**CHẤT LƯỢNG**";
    vb_text_set(&t, s, strlen(s));
    size_t off = (size_t)(strstr(t.s, "LƯỢNG") - t.s);
    assert_int_equal(vb_text_add_corr(&t, off, strlen("LƯỢNG"), "LUQNG", 0.8f), 0);
    assert_int_equal(vb_markup_strip(&t), 1);
    assert_string_equal(t.s, "CHẤT LƯỢNG");
    assert_int_equal(t.ncorr, 1);
    assert_memory_equal(t.s + t.corr[0].off, "LƯỢNG", strlen("LƯỢNG"));
    vb_text_free(&t);
}

static void empty_and_unterminated(void **state)
{
    (void)state;
    check("", "", 0);
    check("<b unterminated", "<b unterminated", 0);
    check("&amp", "&amp", 0);
    check("[bookmark: never closed", "[bookmark: never closed", 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(markdown_emphasis_and_headings),
        cmocka_unit_test(html_tags_and_entities),
        cmocka_unit_test(paragraph_boundaries_in_cells),
        cmocka_unit_test(bookmarks_rules_escapes),
        cmocka_unit_test(corrections_survive),
        cmocka_unit_test(empty_and_unterminated),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
