/* test_text.c — core/text.c: corrections and word boxes survive cutting,
 * joining, trimming, splicing and token-for-token rewrites. */
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

/* vb_text_replace in one pass (no spans yet) records what splicing and
 * adding each correction from the last edit to the first does. */
static void replace_matches_splices(void **state)
{
    (void)state;
    const char *src = "nang cao chat luong, giao duc";
    const vb_edit e[] = {{0, 4, "nâng", strlen("nâng"), 0.9f},
                         {9, 4, "chất", strlen("chất"), 0.8f},
                         {14, 5, "lượng", strlen("lượng"), 0.7f},
                         {26, 3, "dục", strlen("dục"), 0.6f}};
    size_t ne = sizeof e / sizeof e[0];
    vb_text a, b;
    vb_text_init(&a);
    vb_text_init(&b);
    vb_text_set(&a, src, strlen(src));
    vb_text_set(&b, src, strlen(src));
    assert_int_equal(vb_text_replace(&a, e, ne), 0);
    for (size_t k = ne; k-- > 0;) {
        char orig[8] = {0};
        memcpy(orig, src + e[k].off, e[k].n);
        assert_int_equal(vb_text_splice(&b, e[k].off, e[k].n, e[k].s, e[k].m), 0);
        assert_int_equal(vb_text_add_corr(&b, e[k].off, e[k].m, orig, e[k].conf), 0);
    }
    assert_string_equal(a.s, "nâng cao chất lượng, giao dục");
    assert_string_equal(a.s, b.s);
    assert_int_equal(a.len, b.len);
    assert_int_equal(a.ncorr, ne);
    assert_int_equal(b.ncorr, ne);
    for (size_t k = 0; k < ne; k++) {
        assert_int_equal(a.corr[k].off, b.corr[k].off);
        assert_int_equal(a.corr[k].len, b.corr[k].len);
        assert_string_equal(a.corr[k].orig, b.corr[k].orig);
        assert_true(a.corr[k].conf == b.corr[k].conf);
        assert_memory_equal(a.s + a.corr[k].off, e[k].s, e[k].m);
    }
    /* with a correction already there: edit by edit, the same */
    vb_text_set(&a, src, strlen(src));
    vb_text_add_corr(&a, 5, 3, "cao", 1.0f);
    assert_int_equal(vb_text_replace(&a, e, ne), 0);
    assert_string_equal(a.s, b.s);
    assert_int_equal(a.ncorr, ne + 1);
    assert_int_equal(a.corr[1].off, strlen("nâng "));
    vb_text_free(&a);
    vb_text_free(&b);
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

/* ---- word boxes ------------------------------------------------------------ */

static vb_box bx(int x)
{
    return (vb_box){x, 10, x + 50, 40};
}

/* Words of s (split at spaces and tabs), word i at box bx(100 * i). */
static void set_words(vb_text *t, const char *s)
{
    assert_int_equal(vb_text_set(t, s, strlen(s)), 0);
    int k = 0;
    for (size_t i = 0; i < t->len;) {
        size_t j = i;
        while (j < t->len && t->s[j] != ' ' && t->s[j] != '\t')
            j++;
        if (j > i) {
            assert_int_equal(vb_text_add_word(t, i, j - i, 1, bx(100 * k), 0.5f + 0.01f * k), 0);
            k++;
        }
        i = j + 1;
    }
}

/* The text of word i and its box's x0. */
static void word_is(const vb_text *t, size_t i, const char *text, int x0)
{
    assert_true(i < t->nwords);
    const vb_word *w = &t->words[i];
    assert_int_equal(w->len, strlen(text));
    assert_memory_equal(t->s + w->off, text, w->len);
    assert_int_equal(w->box.x0, x0);
}

static void add_word_checks(void **state)
{
    (void)state;
    vb_text t;
    vb_text_init(&t);
    vb_text_set(&t, "Kế hoạch", strlen("Kế hoạch"));
    size_t h = strlen("Kế ");
    assert_int_equal(vb_text_add_word(&t, h, t.len - h, 1, bx(100), -1), 0);
    assert_int_equal(vb_text_add_word(&t, 0, strlen("Kế"), 1, bx(0), -1), 0); /* sorted in */
    word_is(&t, 0, "Kế", 0);
    word_is(&t, 1, "hoạch", 100);
    assert_int_equal(vb_text_add_word(&t, 1, 3, 1, bx(0), -1), -1);   /* overlaps "Kế" */
    assert_int_equal(vb_text_add_word(&t, h, 100, 1, bx(0), -1), -1); /* past the end */
    assert_int_equal(vb_text_add_word(&t, 2, 0, 1, bx(0), -1), -1);   /* empty */
    assert_int_equal(t.nwords, 2);
    vb_text_drop_words(&t);
    assert_int_equal(t.nwords, 0);
    assert_string_equal(t.s, "Kế hoạch");
    vb_text_free(&t);
}

/* A table row cut into cells and a cell joined to another: every word keeps
 * its own box; a word cut in two keeps the whole word's box on its part. */
static void words_follow_cuts_and_joins(void **state)
{
    (void)state;
    vb_text row, a, b;
    vb_text_init(&row);
    vb_text_init(&a);
    vb_text_init(&b);
    set_words(&row, "1\tSửa sân trường\t5 triệu");
    size_t t1 = (size_t)(strchr(row.s, '\t') - row.s), t2 = (size_t)(strrchr(row.s, '\t') - row.s);
    assert_int_equal(vb_text_append_range(&a, &row, t2 + 1, row.len), 0); /* budget cell */
    assert_string_equal(a.s, "5 triệu");
    assert_int_equal(a.nwords, 2);
    word_is(&a, 0, "5", 400);
    word_is(&a, 1, "triệu", 500);
    assert_int_equal(vb_text_append_range(&b, &row, t1 + 1, t2), 0); /* task cell */
    assert_int_equal(vb_text_append(&b, &a, " "), 0);                 /* joined */
    assert_string_equal(b.s, "Sửa sân trường 5 triệu");
    assert_int_equal(b.nwords, 5);
    word_is(&b, 0, "Sửa", 100);
    word_is(&b, 2, "trường", 300);
    word_is(&b, 3, "5", 400);
    word_is(&b, 4, "triệu", 500);
    vb_text_clear(&a);
    size_t mid = (size_t)(strstr(row.s, "sân") - row.s) + 1; /* inside "sân" */
    assert_int_equal(vb_text_append_range(&a, &row, mid, t2), 0);
    assert_int_equal(a.nwords, 2);
    assert_int_equal(a.words[0].off, 0);
    assert_int_equal(a.words[0].len, strlen("sân") - 1);
    assert_int_equal(a.words[0].box.x0, 200); /* the part keeps the whole word's box */
    word_is(&a, 1, "trường", 300);
    assert_int_equal(vb_text_copy(&b, &a), 0);
    assert_int_equal(b.nwords, 2);
    assert_int_equal(b.words[1].page, 1);
    assert_true(b.words[1].conf > 0.5f);
    vb_text_free(&row);
    vb_text_free(&a);
    vb_text_free(&b);
}

/* Restoration splices a token, markup removal deletes bytes, a merge of two
 * tokens into one takes both boxes. */
static void splice_moves_words(void **state)
{
    (void)state;
    vb_text t;
    vb_text_init(&t);
    set_words(&t, "CHAT LUQNG, GIAO");
    size_t q = (size_t)(strstr(t.s, "LUQNG") - t.s);
    assert_int_equal(vb_text_splice(&t, q, 5, "LƯỢNG", strlen("LƯỢNG")), 0);
    assert_int_equal(vb_text_add_corr(&t, q, strlen("LƯỢNG"), "LUQNG", 0.8f), 0);
    assert_string_equal(t.s, "CHAT LƯỢNG, GIAO");
    word_is(&t, 1, "LƯỢNG,", 100); /* grew with its token, punctuation kept */
    word_is(&t, 2, "GIAO", 200);   /* shifted */
    assert_int_equal(t.ncorr, 1);
    /* insertion at a word's edge is not the word's; inside it is */
    assert_int_equal(vb_text_splice(&t, 0, 0, "**", 2), 0);
    word_is(&t, 0, "CHAT", 0);
    assert_int_equal(vb_text_splice(&t, 2 + 2, 0, "x", 1), 0);
    word_is(&t, 0, "CHxAT", 0);
    /* deletions: a part of a word, then a whole word */
    assert_int_equal(vb_text_splice(&t, 0, 2, "", 0), 0);
    assert_int_equal(vb_text_splice(&t, 2, 1, "", 0), 0);
    word_is(&t, 0, "CHAT", 0);
    size_t g = (size_t)(strstr(t.s, "GIAO") - t.s);
    assert_int_equal(vb_text_splice(&t, g - 1, 5, "", 0), 0);
    assert_string_equal(t.s, "CHAT LƯỢNG,");
    assert_int_equal(t.nwords, 2);
    vb_text_free(&t);

    set_words(&t, "nâng ph ương án");
    t.words[2].conf = 0.3f;
    size_t p = (size_t)(strstr(t.s, "ph") - t.s);
    assert_int_equal(vb_text_splice(&t, p, strlen("ph ương"), "phương", strlen("phương")), 0);
    assert_string_equal(t.s, "nâng phương án");
    assert_int_equal(t.nwords, 3);
    word_is(&t, 1, "phương", 100);
    assert_int_equal(t.words[1].box.x1, 250); /* ph [100, 150) ∪ ương [200, 250) */
    assert_true(t.words[1].conf < 0.31f);     /* the lower confidence */
    word_is(&t, 2, "án", 300);
    vb_text_free(&t);
}

/* Runs of spaces collapse around words and corrections alike. */
static void collapse_moves_words(void **state)
{
    (void)state;
    vb_text t;
    vb_text_init(&t);
    set_words(&t, "  Quy \t định   về\t\ttiêu chí ");
    size_t d = (size_t)(strstr(t.s, "định") - t.s);
    assert_int_equal(vb_text_add_corr(&t, d, strlen("định"), "dinh", 0.9f), 0);
    assert_int_equal(vb_text_collapse_space(&t), 0);
    assert_string_equal(t.s, "Quy định về tiêu chí");
    assert_int_equal(t.nwords, 5);
    word_is(&t, 0, "Quy", 0);
    word_is(&t, 1, "định", 100);
    word_is(&t, 3, "tiêu", 300);
    word_is(&t, 4, "chí", 400);
    assert_int_equal(t.ncorr, 1);
    assert_int_equal(t.corr[0].off, t.words[1].off);
    vb_text_trim(&t);
    assert_int_equal(t.nwords, 5);
    vb_text_free(&t);
}

/* NFC (decomposed marks composed) keeps words and corrections on their
 * tokens; a correction inside a changed token goes, a word widens to it. */
static void rewrite_keeps_tokens(void **state)
{
    (void)state;
    vb_text t;
    vb_text_init(&t);
    const char *nfd = "Vie\xCC\xA3\xCC\x82t  Nam tr\xC6\xB0o\xCC\x9B\xCC\x80ng";
    set_words(&t, nfd);
    assert_int_equal(t.nwords, 3);
    size_t n = (size_t)(strstr(t.s, "Nam") - t.s);
    assert_int_equal(vb_text_add_corr(&t, n, 3, "Nom", 0.7f), 0);
    assert_int_equal(vb_text_add_corr(&t, 1, 2, "x", 0.7f), 0); /* inside "Việt" */
    t.words[0].len = 2;                                          /* a cut part */
    const char *nfc = "Việt  Nam trường";
    assert_int_equal(vb_text_rewrite(&t, nfc, strlen(nfc)), 0);
    assert_string_equal(t.s, nfc);
    assert_int_equal(t.nwords, 3);
    word_is(&t, 0, "Việt", 0); /* widened to its token */
    word_is(&t, 1, "Nam", 100);
    word_is(&t, 2, "trường", 200);
    assert_int_equal(t.ncorr, 1);
    assert_string_equal(t.corr[0].orig, "Nom");
    assert_int_equal(t.corr[0].off, strlen("Việt  "));
    /* another token structure: nothing can be mapped */
    assert_int_equal(vb_text_rewrite(&t, "ViệtNam trường", strlen("ViệtNam trường")), 0);
    assert_int_equal(t.nwords, 0);
    assert_int_equal(t.ncorr, 0);
    vb_text_free(&t);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(collapse_keeps_corrections),
        cmocka_unit_test(collapse_many_runs),
        cmocka_unit_test(range_drops_cut_corrections),
        cmocka_unit_test(splice_shifts),
        cmocka_unit_test(replace_matches_splices),
        cmocka_unit_test(trim_unicode_spaces),
        cmocka_unit_test(add_word_checks),
        cmocka_unit_test(words_follow_cuts_and_joins),
        cmocka_unit_test(splice_moves_words),
        cmocka_unit_test(collapse_moves_words),
        cmocka_unit_test(rewrite_keeps_tokens),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
