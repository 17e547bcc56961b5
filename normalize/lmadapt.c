/* lmadapt.c — adaptation to a user's own documents: n-gram counts from
 * clean texts (`vanban model adapt DIR`), saved as a small text file
 * ("count<TAB>w1 w2 [w3]" lines), loaded next to the big model and
 * interpolated with it at decoding time: P = (1-λ) P_model + λ P_adapt
 * wherever the user's texts have seen the context. */
#include "normalize/restore_priv.h"

#include <dirent.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#define ADAPT_LAMBDA 0.3

typedef struct ad_entry {
    uint64_t key; /* packed ids + 1; 0 empty */
    uint32_t count;
} ad_entry;

struct vb_adapt {
    ad_entry *e;
    size_t n, size; /* power of two */
    const vb_lm *lm;
};

static uint64_t ad_key(uint32_t a, uint32_t b, uint32_t c)
{
    return (((uint64_t)a << 42) | ((uint64_t)b << 21) | c) + 1;
}

static size_t ad_home(uint64_t key, size_t size)
{
    return (size_t)((key * 0x9e3779b97f4a7c15ULL) >> 20) & (size - 1);
}

static ad_entry *ad_find(const vb_adapt *a, uint64_t key)
{
    if (!a->size)
        return NULL;
    for (size_t i = ad_home(key, a->size), k = 0; k < a->size; i = (i + 1) & (a->size - 1), k++) {
        if (a->e[i].key == key)
            return &a->e[i];
        if (!a->e[i].key)
            return NULL;
    }
    return NULL;
}

static int ad_add(vb_adapt *a, uint64_t key, uint32_t count);

static int ad_grow(vb_adapt *a)
{
    vb_adapt b = {calloc(a->size ? a->size * 2 : 1024, sizeof(ad_entry)), 0,
                  a->size ? a->size * 2 : 1024, a->lm};
    if (!b.e)
        return -1;
    for (size_t i = 0; i < a->size; i++)
        if (a->e[i].key)
            ad_add(&b, a->e[i].key, a->e[i].count);
    free(a->e);
    *a = b;
    return 0;
}

static int ad_add(vb_adapt *a, uint64_t key, uint32_t count)
{
    if ((a->n + 1) * 2 > a->size && ad_grow(a))
        return -1;
    size_t i = ad_home(key, a->size);
    while (a->e[i].key && a->e[i].key != key)
        i = (i + 1) & (a->size - 1);
    if (!a->e[i].key)
        a->e[i].key = key, a->n++;
    a->e[i].count += count;
    return 0;
}

/* Counts of (w), (v w), (u v w) and the contexts (v *), (u v *). The
 * marker id MAXID stands for "any". */
#define ANY 0x1FFFFFu

static int ad_ngram(vb_adapt *a, uint32_t u, uint32_t v, uint32_t w, uint32_t c)
{
    return ad_add(a, ad_key(ANY, v, w), c) || ad_add(a, ad_key(ANY, v, ANY), c) ||
           (u != ANY && (ad_add(a, ad_key(u, v, w), c) || ad_add(a, ad_key(u, v, ANY), c)));
}

float vb_adapt_logp(const vb_adapt *a, uint32_t u, uint32_t v, uint32_t w, float base)
{
    const ad_entry *ctx = ad_find(a, ad_key(u, v, ANY));
    double pa;
    if (ctx) {
        const ad_entry *e = ad_find(a, ad_key(u, v, w));
        pa = e ? (double)e->count / ctx->count : 0.0;
    } else if ((ctx = ad_find(a, ad_key(ANY, v, ANY))) != NULL) {
        const ad_entry *e = ad_find(a, ad_key(ANY, v, w));
        pa = e ? (double)e->count / ctx->count : 0.0;
    } else {
        return base;
    }
    return (float)log10((1 - ADAPT_LAMBDA) * pow(10.0, base) + ADAPT_LAMBDA * pa);
}

void vb_adapt_free(vb_adapt *a)
{
    if (!a)
        return;
    free(a->e);
    free(a);
}

vb_adapt *vb_adapt_new(const vb_lm *lm)
{
    vb_adapt *a = calloc(1, sizeof *a);
    if (a)
        a->lm = lm;
    return a;
}

typedef struct {
    vb_adapt *a;
    uint32_t u, v;
    int err;
} learn_t;

static int learn_tok(void *ctx, const char *w, size_t n, int cls)
{
    learn_t *L = ctx;
    uint32_t id = cls >= 0 ? (uint32_t)cls : vb_lm_id(L->a->lm, w, n);
    if (ad_ngram(L->a, L->u, L->v, id, 1))
        return L->err = -1;
    L->u = L->v;
    L->v = id;
    return 0;
}

int vb_adapt_learn(vb_adapt *a, const char *s, size_t n)
{
    for (size_t i = 0; i < n;) {
        const char *nl = memchr(s + i, '\n', n - i);
        size_t end = nl ? (size_t)(nl - s) : n;
        learn_t L = {a, ANY, VB_LM_BOS, 0};
        vb_lm_tokenize(s + i, end - i, learn_tok, &L);
        if (L.err || (L.v != VB_LM_BOS && ad_ngram(a, L.u, L.v, VB_LM_EOS, 1)))
            return -1;
        i = end + 1;
    }
    return 0;
}

static const char *word_or_any(const vb_lm *lm, uint32_t id)
{
    return id == ANY ? "*" : vb_lm_word(lm, id);
}

int vb_adapt_save(const vb_adapt *a, FILE *f)
{
    for (size_t i = 0; i < a->size; i++) {
        uint64_t k = a->e[i].key;
        if (!k)
            continue;
        k--;
        uint32_t u = (uint32_t)(k >> 42) & ANY, v = (uint32_t)(k >> 21) & ANY,
                 w = (uint32_t)k & ANY;
        fprintf(f, "%u\t%s %s %s\n", a->e[i].count, word_or_any(a->lm, u), vb_lm_word(a->lm, v),
                word_or_any(a->lm, w));
    }
    return ferror(f) ? -1 : 0;
}

static uint32_t id_or_any(const vb_lm *lm, const char *w)
{
    return strcmp(w, "*") == 0 ? ANY : vb_lm_id(lm, w, strlen(w));
}

vb_adapt *vb_adapt_load(const vb_lm *lm, const char *path, vb_error *err)
{
    FILE *f = fopen(path, "r");
    if (!f) {
        vb_error_set(err, VB_ERR_MODEL, "cannot open adaptation file %s", path);
        return NULL;
    }
    vb_adapt *a = vb_adapt_new(lm);
    char line[512];
    while (a && fgets(line, sizeof line, f)) {
        unsigned c;
        char w1[128], w2[128], w3[128];
        if (sscanf(line, "%u\t%127s %127s %127s", &c, w1, w2, w3) != 4)
            continue;
        uint64_t key = ad_key(id_or_any(lm, w1), id_or_any(lm, w2), id_or_any(lm, w3));
        if (ad_add(a, key, c)) {
            vb_adapt_free(a);
            a = NULL;
        }
    }
    fclose(f);
    if (!a)
        vb_error_set(err, VB_ERR_NOMEM, "out of memory loading %s", path);
    return a;
}
