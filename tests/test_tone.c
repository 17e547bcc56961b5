/* test_tone.c — normalize/tone.c (hòa/hoà, thủy/thuỷ) and the syllable
 * inventory of normalize/syllable.c. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "normalize/normalize.h"
#include "normalize/syllable.h"

static void styled(const char *in, int style, const char *want)
{
    vb_text t;
    vb_text_init(&t);
    assert_int_equal(vb_text_set(&t, in, strlen(in)), 0);
    assert_true(vb_tone_style_apply(&t, style) >= 0);
    assert_string_equal(t.s, want);
    vb_text_free(&t);
}

static void tone_new(void **state)
{
    (void)state;
    styled("hòa bình, thủy lợi, khỏe mạnh, Hòa, THỦY", VB_TONE_NEW,
           "hoà bình, thuỷ lợi, khoẻ mạnh, Hoà, THUỶ");
    /* closed rhymes, qu-, gi- and words without these rhymes stay */
    styled("hoàn thành, quý, quả, giúp, toán, thuyền, của", VB_TONE_NEW,
           "hoàn thành, quý, quả, giúp, toán, thuyền, của");
}

static void tone_old(void **state)
{
    (void)state;
    styled("hoà bình, thuỷ lợi, khoẻ, Hoạ sĩ, loà", VB_TONE_OLD, "hòa bình, thủy lợi, khỏe, Họa sĩ, lòa");
    styled("quỳ, hoàng, tuỳ", VB_TONE_OLD, "quỳ, hoàng, tùy");
}

static void tone_keep(void **state)
{
    (void)state;
    styled("hòa hoà thủy thuỷ", VB_TONE_KEEP, "hòa hoà thủy thuỷ");
}

static int valid(const char *w)
{
    return vb_syllable_valid(w, strlen(w));
}

static void syllables(void **state)
{
    (void)state;
    const char *good[] = {"nghiêng", "Kế", "HOẠCH", "quốc", "giữa", "của", "trường", "khuỷu",
                          "tiếc", "người", "oanh", "thuở", "gì", "ký", "ca", "yêu", "Đồng"};
    const char *bad[] = {"school", "xyz", "cás", "tiềc", "kà", "ce", "NghĨ", "đườ", "wifi",
                         "ghá", "ăo", "tràp", ""};
    for (size_t i = 0; i < sizeof good / sizeof *good; i++)
        if (!valid(good[i]))
            fail_msg("'%s' should be a syllable", good[i]);
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++)
        if (valid(bad[i]))
            fail_msg("'%s' should not be a syllable", bad[i]);
}

static void letter_split_join(void **state)
{
    (void)state;
    uint32_t base;
    int tone;
    assert_int_equal(vb_letter_split(0x1EA5 /* ấ */, &base, &tone), 1);
    assert_int_equal(base, 0xE2);
    assert_int_equal(tone, VB_MARK_ACUTE);
    assert_int_equal(vb_letter_split(0x1EF0 /* Ự */, &base, &tone), 1);
    assert_int_equal(base, 0x1AF);
    assert_int_equal(tone, VB_MARK_DOT);
    assert_int_equal(vb_letter_split('b', &base, &tone), 0);
    assert_int_equal(vb_letter_join(0x1B0, VB_MARK_DOT), 0x1EF1);
    assert_int_equal(vb_letter_join('Y', VB_MARK_HOOK), 0x1EF6);
    assert_int_equal(vb_letter_join('b', VB_MARK_HOOK), 0);
}

static void scores(void **state)
{
    (void)state;
    vb_syl_stats vi = {0}, en = {0}, moji = {0};
    const char v[] = "Kế hoạch cải tiến chất lượng giáo dục năm học 2020 – 2021";
    const char e[] = "The quick brown fox jumps over the lazy dog";
    const char m[] = "Káº¿ hoáº¡ch cáº£i tiáº¿n cháº¥t lÆ°á»£ng";
    vb_syllable_stats_add(&vi, v, strlen(v));
    vb_syllable_stats_add(&en, e, strlen(e));
    vb_syllable_stats_add(&moji, m, strlen(m));
    assert_true(vb_syllable_score(&vi) > 0.99);
    assert_true(vb_syllable_score(&en) < 0.4);
    assert_true(vb_syllable_score(&moji) < 0.4);
    assert_int_equal(vi.words, 10);
    assert_int_equal(vi.marked, 10);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(tone_new),  cmocka_unit_test(tone_old),          cmocka_unit_test(tone_keep),
        cmocka_unit_test(syllables), cmocka_unit_test(letter_split_join), cmocka_unit_test(scores),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
