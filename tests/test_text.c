/* test_text.c — core/text.c: corrections survive cutting, joining, trimming. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "core/text.h"

static void collapse_keeps_corrections(void **state)
{
    (void)state;
    vb_text t;
    vb_text_init(&t);
    assert_int_equal(vb_text_set(&t, "  CHẤT \t\n LƯỢNG  ", 21), 0);
    size_t off = (size_t)(strstr(t.s, "LƯỢNG") - t.s);
    assert_int_equal(vb_text_add_corr(&t, off, strlen("LƯỢNG"), "LUQNG", 0.8f), 0);
    assert_int_equal(vb_text_collapse_space(&t), 0);
    assert_string_equal(t.s, "CHẤT LƯỢNG");
    assert_int_equal(t.ncorr, 1);
    assert_int_equal(t.corr[0].off, strlen("CHẤT "));
    assert_string_equal(t.corr[0].orig, "LUQNG");
    vb_text_free(&t);
}

static void range_drops_cut_corrections(void **state)
{
    (void)state;
    vb_text a, b;
    vb_text_init(&a);
    vb_text_init(&b);
    vb_text_set(&a, "Tiêu chí 1.5 kế hoạch", strlen("Tiêu chí 1.5 kế hoạch"));
    size_t k = (size_t)(strstr(a.s, "kế") - a.s);
    vb_text_add_corr(&a, k, strlen("kế"), "ke", 0.9f);
    vb_text_add_corr(&a, 0, strlen("Tiêu"), "Tieu", 0.9f);
    assert_int_equal(vb_text_append_range(&b, &a, 2, a.len), 0);
    assert_int_equal(b.ncorr, 1); /* "Tiêu" was cut */
    assert_memory_equal(b.s + b.corr[0].off, "kế", strlen("kế"));
    vb_text_free(&a);
    vb_text_free(&b);
}

static void splice_shifts(void **state)
{
    (void)state;
    vb_text t;
    vb_text_init(&t);
    vb_text_set(&t, "<b>ke</b>", 9);
    vb_text_add_corr(&t, 3, 2, "kk", 0.5f);
    vb_text_splice(&t, 0, 3, "", 0);
    assert_string_equal(t.s, "ke</b>");
    assert_int_equal(t.corr[0].off, 0);
    vb_text_splice(&t, 1, 1, "ế", strlen("ế")); /* inside the token: dropped */
    assert_int_equal(t.ncorr, 0);
    vb_text_free(&t);
}

static void trim_unicode_spaces(void **state)
{
    (void)state;
    vb_text t;
    vb_text_init(&t);
    vb_text_set(&t, "\xC2\xA0 a b \xE2\x80\x8B", 10);
    vb_text_trim(&t);
    assert_string_equal(t.s, "a b");
    vb_text_free(&t);
}

/* Many runs, corrections before, between and after them, one holding a
 * run of its own: every correction still covers its corrected token. */
static void collapse_many_runs(void **state)
{
    (void)state;
    vb_text t;
    vb_text_init(&t);
    const char *src = "\t Quy  \xC2\xA0định \n\n về   tiêu  chí\t";
    assert_int_equal(vb_text_set(&t, src, strlen(src)), 0);
    size_t a = (size_t)(strstr(t.s, "định") - t.s);
    size_t b = (size_t)(strstr(t.s, "tiêu") - t.s);
    size_t c = (size_t)(strstr(t.s, "chí") - t.s) + strlen("chí");
    assert_int_equal(vb_text_add_corr(&t, a, strlen("định"), "đ nh", 0.9f), 0);
    assert_int_equal(vb_text_add_corr(&t, b, c - b, "tieu chi", 0.8f), 0);
    assert_int_equal(vb_text_collapse_space(&t), 0);
    assert_string_equal(t.s, "Quy định về tiêu chí");
    assert_int_equal(t.ncorr, 2);
    assert_int_equal(t.corr[0].len, strlen("định"));
    assert_memory_equal(t.s + t.corr[0].off, "định", strlen("định"));
    assert_int_equal(t.corr[1].len, strlen("tiêu chí"));
    assert_memory_equal(t.s + t.corr[1].off, "tiêu chí", strlen("tiêu chí"));
    vb_text_free(&t);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(collapse_keeps_corrections),
        cmocka_unit_test(collapse_many_runs),
        cmocka_unit_test(range_drops_cut_corrections),
        cmocka_unit_test(splice_shifts),
        cmocka_unit_test(trim_unicode_spaces),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
