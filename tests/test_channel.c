/* test_channel.c — normalize/channel.c: loading the learned OCR channel table,
 * candidates for real OCR confusions (from the committed table, learned by
 * tools/ocr-channel), and the bounds the decoder relies on. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "normalize/channel.h"

#define TABLE "model/ocr-channel.tsv"

/* A `known` callback over a NULL-terminated word list (exact match). */
static int in_list(void *ctx, const char *s, size_t n)
{
    for (const char *const *w = ctx; *w; w++)
        if (strlen(*w) == n && !memcmp(*w, s, n)) return 1;
    return 0;
}

static vb_channel *load(const char *model)
{
    vb_channel *ch = NULL;
    vb_error err = {0};
    assert_int_equal(vb_channel_load_model(TABLE, model, &ch, &err), VB_OK);
    assert_non_null(ch);
    return ch;
}

static const char *write_tmp(const char *text)
{
    static char path[] = "/tmp/vb-test-channel-XXXXXX";
    strcpy(path, "/tmp/vb-test-channel-XXXXXX");
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    FILE *f = fdopen(fd, "w");
    assert_non_null(f);
    fputs(text, f);
    fclose(f);
    return path;
}

static void load_errors(void **state)
{
    (void)state;
    vb_channel *ch = (vb_channel *)1;
    vb_error err = {0};
    assert_int_equal(vb_channel_load("/nonexistent/ocr-channel.tsv", &ch, &err), VB_ERR_IO);
    assert_null(ch);
    const char *p = write_tmp("# comment\nvie\ta\ta\t3\t-0.1\n");
    vb_error_clear(&err);
    assert_int_equal(vb_channel_load(p, &ch, &err), VB_ERR_MODEL); /* no eng rows */
    assert_null(ch);
    remove(p);
    p = write_tmp("eng\ta\ta\t3\n");
    vb_error_clear(&err);
    assert_int_equal(vb_channel_load(p, &ch, &err), VB_ERR_MODEL); /* missing field */
    remove(p);
    p = write_tmp("eng\ta\tb\t3\t0.5\n");
    vb_error_clear(&err);
    assert_int_equal(vb_channel_load(p, &ch, &err), VB_ERR_MODEL); /* P > 1 */
    remove(p);
    p = write_tmp("eng\tabcdefghijklmnopqrstu\tb\t3\t-1\n");
    vb_error_clear(&err);
    assert_int_equal(vb_channel_load(p, &ch, &err), VB_ERR_MODEL); /* segment too long */
    remove(p);
    vb_channel_free(NULL);
}

static void loads_both_models(void **state)
{
    (void)state;
    vb_channel *eng = load("eng"), *vie = load("vie");
    vb_channel *def = NULL;
    vb_error err = {0};
    assert_int_equal(vb_channel_load(TABLE, &def, &err), VB_OK);
    vb_channel_free(eng);
    vb_channel_free(vie);
    vb_channel_free(def);
}

/* The best-ranked known candidate of obs must be want. */
static void assert_first(const vb_channel *ch, const char *obs, const char *const *vocab,
                         const char *want)
{
    vb_cand c[10];
    size_t n = vb_channel_candidates(ch, obs, strlen(obs), in_list, (void *)vocab, c, 10);
    if (n == 0 || strcmp(c[0].text, want)) {
        fprintf(stderr, "%s: want %s, got %zu:", obs, want, n);
        for (size_t i = 0; i < n; i++) fprintf(stderr, " %s(%.2f)", c[i].text, c[i].logp);
        fputc('\n', stderr);
    }
    assert_true(n > 0);
    assert_string_equal(c[0].text, want);
}

/* Confusions Tesseract's English model makes on Vietnamese, as learned from
 * the synthetic scans (the pairs come from the table, not from this file):
 * against real words that need other or more edits, the truth ranks first. */
static void learned_confusions(void **state)
{
    (void)state;
    vb_channel *ch = load("eng");
    static const char *const luong[] = {"lung", "lúng", "lừng", "lùng", "lượng", NULL};
    static const char *const luong_caps[] = {"LUNG", "LỪNG", "LUÔNG", "LƯỢNG", NULL};
    static const char *const nhung[] = {"nhìn", "nhịn", "nhưng", "những", NULL};
    static const char *const muc[] = {"mực", "mắc", "mic", "mức", NULL};
    static const char *const duoc[] = {"dục", "đúc", "dù", "được", NULL};
    static const char *const to[] = {"tô", "to", "tỏ", "tổ", NULL};
    static const char *const cua[] = {"chia", "cửa", "cua", "của", NULL};
    assert_first(ch, "lugng", luong, "lượng"); /* ư → u, ợ → g */
    assert_first(ch, "LUQNG", luong_caps, "LƯỢNG"); /* Ợ → Q (seed 002's heading) */
    assert_first(ch, "nhitng", nhung, "những"); /* ữ → it */
    assert_first(ch, "mtic", muc, "mức");       /* ứ → ti */
    assert_first(ch, "dugc", duoc, "được");     /* đ → d, ư → u, ợ → g */
    assert_first(ch, "t6", to, "tổ");          /* ổ → 6 */
    assert_first(ch, "ctia", cua, "của");      /* ủ → ti */
    assert_first(ch, "(lugng,", luong, "(lượng,"); /* edge punctuation kept */
    vb_channel_free(ch);
}

static void bounds(void **state)
{
    (void)state;
    vb_channel *ch = load("eng");
    vb_cand c[64];
    char big[200];
    memset(big, 'a', sizeof big - 1);
    big[sizeof big - 1] = 0;
    assert_int_equal(vb_channel_candidates(ch, "truong", 6, NULL, NULL, c, 0), 0);
    assert_int_equal(vb_channel_candidates(ch, "", 0, NULL, NULL, c, 5), 0);
    for (size_t max = 1; max <= 64; max *= 2)
        assert_true(vb_channel_candidates(ch, "truong", 6, NULL, NULL, c, max) <= max);
    assert_int_equal(vb_channel_candidates(ch, big, sizeof big - 1, NULL, NULL, c, 5), 0);
    assert_true(vb_channel_candidates(ch, big, 40, NULL, NULL, c, 5) <= 1); /* > 24 letters */
    assert_true(vb_channel_candidates(ch, "a\xff\xfe", 3, NULL, NULL, c, 5) <= 1);
    size_t n = vb_channel_candidates(ch, "nguoi", 5, NULL, NULL, c, 64);
    assert_true(n > 1);
    for (size_t i = 0; i < n; i++) {
        assert_true(c[i].logp <= 0 && isfinite(c[i].logp));
        assert_true(strlen(c[i].text) < sizeof c[i].text);
        if (i) assert_true(c[i - 1].logp >= c[i].logp);
        for (size_t j = 0; j < i; j++) assert_string_not_equal(c[i].text, c[j].text);
    }
    vb_channel_free(ch);
}

static void filter_and_identity(void **state)
{
    (void)state;
    vb_channel *ch = load("eng");
    vb_cand c[10];
    static const char *const none[] = {NULL};
    static const char *const self[] = {"Hanoi", NULL};
    assert_int_equal(vb_channel_candidates(ch, "truong", 6, in_list, (void *)none, c, 10), 0);
    assert_int_equal(vb_channel_candidates(ch, "Hanoi", 5, in_list, (void *)self, c, 10), 1);
    assert_string_equal(c[0].text, "Hanoi");
    /* Unfiltered, the unchanged token is a candidate: correct text stays reachable. */
    size_t n = vb_channel_candidates(ch, "năm", strlen("năm"), NULL, NULL, c, 10);
    int found = 0;
    for (size_t i = 0; i < n; i++) found |= !strcmp(c[i].text, "năm");
    assert_true(found);
    vb_channel_free(ch);
}

/* Arbitrary bytes and arbitrary mixes of letters: every result bounded,
 * terminated, finite (runs under ASan in `make asan`). */
static void random_tokens(void **state)
{
    (void)state;
    vb_channel *ch = load("eng");
    static const char *const parts[] = {"a", "ư", "ợ", "Q", "ii", "6", "é", ",", "(", "\xff",
                                        "đ", "rn", "ế", "-", "x", "\xe1\xba", "Ỵ", " "};
    unsigned seed = 12345;
    for (int round = 0; round < 3000; round++) {
        char tok[96] = "";
        size_t len = 0;
        seed = seed * 1103515245u + 12345u;
        for (int k = (int)(seed >> 16) % 30; k > 0; k--) {
            seed = seed * 1103515245u + 12345u;
            const char *p = parts[(seed >> 16) % (sizeof parts / sizeof *parts)];
            if (len + strlen(p) >= sizeof tok) break;
            memcpy(tok + len, p, strlen(p));
            len += strlen(p);
        }
        vb_cand c[8];
        size_t max = 1 + round % 8;
        size_t n = vb_channel_candidates(ch, tok, len, NULL, NULL, c, max);
        assert_true(n <= max);
        for (size_t i = 0; i < n; i++) {
            assert_non_null(memchr(c[i].text, 0, sizeof c[i].text));
            assert_true(isfinite(c[i].logp) && c[i].logp <= 0);
        }
    }
    vb_channel_free(ch);
}

/* Symbols inside a word are what OCR made of a letter or of its marks
 * ("truo*ng", "hi¢n", "THU'C"), or specks: the word they hide is among the
 * candidates. A '?' may be such a letter ("nh?"), not only punctuation. */
static void symbols_inside_words(void **state)
{
    (void)state;
    vb_channel *ch = load("eng");
    static const char *const vocab[] = {"trường", "hiện", "THỰC", "nhà", "tiêu", "Bộ", NULL};
    static const char *const obs[] = {"truo*ng", "hi¢n", "THU'C", "nh?", "ti€u", "B§"};
    static const char *const want[] = {"trường", "hiện", "THỰC", "nhà", "tiêu", "Bộ"};
    for (size_t k = 0; k < sizeof obs / sizeof *obs; k++) {
        vb_cand c[24];
        size_t n = vb_channel_candidates(ch, obs[k], strlen(obs[k]), in_list, (void *)vocab, c, 24);
        int found = 0;
        for (size_t i = 0; i < n; i++) found |= !strcmp(c[i].text, want[k]);
        if (!found) fprintf(stderr, "%s: %s not among %zu candidates\n", obs[k], want[k], n);
        assert_true(found);
    }
    vb_channel_free(ch);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(load_errors),
        cmocka_unit_test(loads_both_models),
        cmocka_unit_test(learned_confusions),
        cmocka_unit_test(bounds),
        cmocka_unit_test(filter_and_identity),
        cmocka_unit_test(random_tokens),
        cmocka_unit_test(symbols_inside_words),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
