/* test_lm.c — the trainer (tools/vbtrain on a tiny corpus, as a trigram
 * and as a 4-gram model: vocabulary, probabilities that sum to one, what
 * the fourth word adds, the skeleton map), the model reader's checks, and
 * the tokenizer's rules. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "normalize/lm.h"

static char model_path[256], model4_path[256];

static uint32_t id(const vb_lm *m, const char *w)
{
    return vb_lm_id(m, w, strlen(w));
}

static int train(void **state)
{
    (void)state;
    char corpus[] = "/tmp/vb_test_lm_XXXXXX";
    int fd = mkstemp(corpus);
    if (fd < 0)
        return -1;
    const char *text = "con mèo ăn cá\ncon mèo ăn cá\ncon chó ăn xương\n"
                       "con mèo ngủ\nmèo ăn cá, chó ăn xương.\ncon meo\n"
                       "sáng mèo ăn cá\nsáng mèo ăn cá\ntối mèo ăn thịt\ntối mèo ăn thịt\n";
    if (write(fd, text, strlen(text)) != (ssize_t)strlen(text))
        return -1;
    close(fd);
    snprintf(model_path, sizeof model_path, "%s.lm", corpus);
    snprintf(model4_path, sizeof model4_path, "%s.4.lm", corpus);
    const char *build = getenv("BUILD") ? getenv("BUILD") : "build";
    char cmd[1024];
    int rc = 0;
    for (int order = 3; order <= 4; order++) {
        snprintf(cmd, sizeof cmd,
                 "%s/tools/vbtrain -o %s --order %d --vocab-min 1 --bi-min 1 --tri-min 1 "
                 "--four-min 1 --skel-min 1 1:%s 2>/dev/null",
                 build, order == 3 ? model_path : model4_path, order, corpus);
        rc |= system(cmd);
    }
    unlink(corpus);
    return rc == 0 ? 0 : -1;
}

static int untrain(void **state)
{
    (void)state;
    unlink(model_path);
    unlink(model4_path);
    return 0;
}

static void vocabulary_and_counts(void **state)
{
    (void)state;
    vb_lm *m;
    vb_error err = {0};
    assert_int_equal(vb_lm_open(model_path, &m, &err), VB_OK);
    /* fixed classes + con mèo ăn cá chó xương ngủ meo sáng tối thịt */
    assert_int_equal(vb_lm_info(m)->nvocab, VB_LM_NFIXED + 11);
    assert_int_equal(vb_lm_order(m), 3);
    assert_int_not_equal(id(m, "mèo"), VB_LM_UNK);
    assert_int_equal(id(m, "hổ"), VB_LM_UNK);
    /* most frequent first: "con" (5) and "ăn" (5) before "ngủ" (1) */
    assert_true(id(m, "con") < id(m, "ngủ"));
    assert_string_equal(vb_lm_word(m, id(m, "xương")), "xương");
    /* words + <s> + </s> per line, "," and "." included: 6+6+6+5+10+4+4×6 */
    assert_int_equal(vb_lm_info(m)->ntokens, 61);
    vb_lm_close(m);
}

/* Kneser–Ney in backoff form: every context's distribution sums to one. */
static void probabilities_sum_to_one(void **state)
{
    (void)state;
    vb_lm *m;
    vb_error err = {0};
    assert_int_equal(vb_lm_open(model_path, &m, &err), VB_OK);
    uint32_t ctx[][2] = {{id(m, "con"), id(m, "mèo")}, {id(m, "mèo"), id(m, "ăn")},
                         {VB_LM_BOS, VB_LM_BOS}, {id(m, "chó"), id(m, "ngủ")},
                         {VB_LM_BOS, id(m, "con")}};
    for (size_t c = 0; c < sizeof ctx / sizeof ctx[0]; c++) {
        double sum = 0;
        for (uint32_t w = 0; w < vb_lm_info(m)->nvocab; w++)
            if (w != VB_LM_BOS)
                sum += pow(10.0, vb_lm_logp(m, ctx[c][0], ctx[c][1], w));
        assert_true(fabs(sum - 1.0) < 0.02);
    }
    /* seen continuations beat unseen ones; the more frequent wins */
    uint32_t meo = id(m, "mèo"), an = id(m, "ăn");
    assert_true(vb_lm_logp(m, meo, an, id(m, "cá")) > vb_lm_logp(m, meo, an, id(m, "xương")));
    assert_true(vb_lm_logp(m, VB_LM_BOS, id(m, "con"), meo) >
                vb_lm_logp(m, VB_LM_BOS, id(m, "con"), id(m, "chó")));
    /* p(cá | mèo ăn): 3 of 3 seen, discounted, still above one half */
    assert_true(vb_lm_logp(m, meo, an, id(m, "cá")) > log10(0.5));
    vb_lm_close(m);
}

/* The 4-gram model: its distributions sum to one too, and the word three
 * back decides what a trigram cannot ("sáng mèo ăn" → cá, "tối mèo ăn" →
 * thịt); the trigram model gives both contexts the same. */
static void fourgrams(void **state)
{
    (void)state;
    vb_lm *m, *m3;
    vb_error err = {0};
    assert_int_equal(vb_lm_open(model4_path, &m, &err), VB_OK);
    assert_int_equal(vb_lm_open(model_path, &m3, &err), VB_OK);
    assert_int_equal(vb_lm_order(m), 4);
    uint32_t sang = id(m, "sáng"), toi = id(m, "tối"), meo = id(m, "mèo"), an = id(m, "ăn");
    uint32_t ctx[][3] = {{sang, meo, an}, {toi, meo, an}, {VB_LM_BOS, id(m, "con"), meo},
                         {VB_LM_BOS, VB_LM_BOS, VB_LM_BOS}, {id(m, "chó"), an, meo}};
    for (size_t c = 0; c < sizeof ctx / sizeof ctx[0]; c++) {
        double sum = 0;
        for (uint32_t w = 0; w < vb_lm_info(m)->nvocab; w++)
            if (w != VB_LM_BOS)
                sum += pow(10.0, vb_lm_logpn(m, ctx[c], 3, w));
        assert_true(fabs(sum - 1.0) < 0.02);
    }
    uint32_t ca = id(m, "cá"), thit = id(m, "thịt");
    uint32_t h_sang[3] = {sang, meo, an}, h_toi[3] = {toi, meo, an};
    assert_true(vb_lm_logpn(m, h_sang, 3, ca) > vb_lm_logpn(m, h_sang, 3, thit));
    assert_true(vb_lm_logpn(m, h_toi, 3, thit) > vb_lm_logpn(m, h_toi, 3, ca));
    float lp, bo;
    uint32_t g[4] = {sang, meo, an, ca};
    assert_true(vb_lm_ngram(m, g, 4, &lp, &bo));
    assert_true(vb_lm_ngram(m, g + 1, 3, &lp, &bo)); /* a 4-gram's suffix is stored */
    assert_true(vb_lm_ngram(m, g, 3, &lp, &bo));     /* and its prefix */
    /* the trigram model cannot tell the two contexts apart */
    uint32_t h3s[3] = {id(m3, "sáng"), id(m3, "mèo"), id(m3, "ăn")};
    uint32_t h3t[3] = {id(m3, "tối"), id(m3, "mèo"), id(m3, "ăn")};
    assert_float_equal(vb_lm_logpn(m3, h3s, 3, id(m3, "cá")), vb_lm_logpn(m3, h3t, 3, id(m3, "cá")),
                       1e-6);
    assert_int_equal(vb_lm_ngram(m3, g, 4, &lp, &bo), 0);
    vb_lm_close(m3);
    vb_lm_close(m);
}

static void skeleton_forms(void **state)
{
    (void)state;
    vb_lm *m;
    vb_error err = {0};
    assert_int_equal(vb_lm_open(model_path, &m, &err), VB_OK);
    uint32_t n;
    const uint32_t *f = vb_lm_forms(m, "meo", 3, &n);
    assert_int_equal(n, 2);
    assert_string_equal(vb_lm_word(m, f[0]), "mèo"); /* 5 × before "meo" 1 × */
    assert_string_equal(vb_lm_word(m, f[1]), "meo");
    f = vb_lm_forms(m, "xuong", 5, &n);
    assert_int_equal(n, 1);
    assert_null(vb_lm_forms(m, "zzz", 3, &n));
    vb_lm_close(m);
}

static void damaged_models_are_refused(void **state)
{
    (void)state;
    vb_lm *m = NULL;
    vb_error err = {0};
    static uint64_t junk[64];
    memcpy(junk, "VBLM0003", 8);
    assert_int_equal(vb_lm_open_mem(junk, sizeof junk, &m, &err), VB_ERR_MODEL);
    assert_null(m);
    assert_int_equal(vb_lm_open("/nonexistent/model.lm", &m, &err), VB_ERR_MODEL);
    /* a real model cut short */
    FILE *f = fopen(model_path, "rb");
    assert_non_null(f);
    static uint64_t buf[1 << 14];
    size_t n = fread(buf, 1, sizeof buf, f);
    fclose(f);
    assert_true(n > 200);
    assert_int_equal(vb_lm_open_mem(buf, n - 8, &m, &err), VB_ERR_MODEL);
}

static int collect(void *ctx, const char *w, size_t n, int cls)
{
    char *out = ctx;
    size_t l = strlen(out);
    if (cls >= 0)
        snprintf(out + l, 512 - l, "<%d>", cls);
    else
        snprintf(out + l, 512 - l, "[%.*s]", (int)n, w);
    return 0;
}

static void tokenizer_rules(void **state)
{
    (void)state;
    char out[512] = "";
    const char *s = "Căn cứ 19/2018/TT-BGDĐT, GD&ĐT (THCS).";
    vb_lm_tokenize(s, strlen(s), collect, out);
    assert_string_equal(out, "[căn][cứ]<3><5><3><5>[tt]<5>[bgdđt]<5>[gd]<5>[đt]<5>[thcs]<4>");
    char low[64], skel[64];
    int marks, caps;
    assert_true(vb_word_fold("ĐƯỜNG", strlen("ĐƯỜNG"), low, 64, skel, 64, &marks, &caps));
    assert_string_equal(low, "đường");
    assert_string_equal(skel, "duong");
    assert_int_equal(marks, 3);
    assert_int_equal(caps, 2);
    assert_true(vb_word_fold("Hà", strlen("Hà"), low, 64, skel, 64, &marks, &caps));
    assert_int_equal(caps, 1);
    assert_false(vb_word_fold("a1", 2, low, 64, skel, 64, &marks, &caps));
    assert_true(vb_syllable_shape("nghieng"));
    assert_true(vb_syllable_shape("khuyen"));
    assert_true(vb_syllable_shape("o"));
    assert_false(vb_syllable_shape("strength"));
    assert_false(vb_syllable_shape("thcs"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(vocabulary_and_counts),
        cmocka_unit_test(probabilities_sum_to_one),
        cmocka_unit_test(fourgrams),
        cmocka_unit_test(skeleton_forms),
        cmocka_unit_test(damaged_models_are_refused),
        cmocka_unit_test(tokenizer_rules),
    };
    return cmocka_run_group_tests(tests, train, untrain);
}
