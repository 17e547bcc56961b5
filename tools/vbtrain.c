/* vbtrain.c — the project's trainer: weighted text files → a pruned,
 * quantized trigram model (interpolated modified Kneser–Ney, stored in
 * backoff form) with its skeleton → forms map, in the format of
 * normalize/lm.h. Usage: vbtrain -o OUT [options] WEIGHT:FILE... */
#include "normalize/lm.h"

#include <getopt.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define IDBITS 21
#define MAXID ((1u << IDBITS) - 1)

static void die(const char *msg)
{
    fprintf(stderr, "vbtrain: %s\n", msg);
    exit(1);
}

static void *xcalloc(size_t n, size_t s)
{
    void *p = calloc(n ? n : 1, s);
    if (!p)
        die("out of memory");
    return p;
}

static void *xrealloc(void *p, size_t n)
{
    p = realloc(p, n ? n : 1);
    if (!p)
        die("out of memory");
    return p;
}

/* ---- words: string → provisional id ------------------------------------ */

typedef struct {
    char **str;
    uint64_t *count;
    uint32_t n, cap;
    uint32_t *slot; /* id + 1 */
    uint32_t size;
} words_t;

static void words_grow(words_t *W)
{
    uint32_t size = W->size ? W->size * 2 : 1u << 16;
    uint32_t *slot = xcalloc(size, 4);
    for (uint32_t i = 0; i < W->size; i++) {
        if (!W->slot[i])
            continue;
        const char *s = W->str[W->slot[i] - 1];
        uint32_t j = (uint32_t)vb_hash64(s, strlen(s), 0) & (size - 1);
        while (slot[j])
            j = (j + 1) & (size - 1);
        slot[j] = W->slot[i];
    }
    free(W->slot);
    W->slot = slot;
    W->size = size;
}

static uint32_t words_id(words_t *W, const char *s, size_t n)
{
    if ((uint64_t)W->n * 2 >= W->size)
        words_grow(W);
    uint32_t j = (uint32_t)vb_hash64(s, n, 0) & (W->size - 1);
    for (; W->slot[j]; j = (j + 1) & (W->size - 1)) {
        const char *t = W->str[W->slot[j] - 1];
        if (strncmp(t, s, n) == 0 && t[n] == 0)
            return W->slot[j] - 1;
    }
    if (W->n == W->cap) {
        W->cap = W->cap ? W->cap * 2 : 1024;
        W->str = xrealloc(W->str, W->cap * sizeof *W->str);
        W->count = xrealloc(W->count, W->cap * sizeof *W->count);
    }
    W->str[W->n] = strndup(s, n);
    if (!W->str[W->n])
        die("out of memory");
    W->count[W->n] = 0;
    W->slot[j] = ++W->n;
    return W->n - 1;
}

/* ---- the token stream ---------------------------------------------------- */

typedef struct {
    uint32_t *tok;
    size_t n, cap;
    uint32_t *weight; /* per token: the weight of its file */
    words_t *W;
    uint32_t w;
} stream_t;

static void push(stream_t *S, uint32_t id)
{
    if (S->n == S->cap) {
        S->cap = S->cap ? S->cap * 2 : 1 << 20;
        S->tok = xrealloc(S->tok, S->cap * 4);
        S->weight = xrealloc(S->weight, S->cap * 4);
    }
    S->tok[S->n] = id;
    S->weight[S->n++] = S->w;
    S->W->count[id] += S->w;
}

static int on_token(void *ctx, const char *w, size_t n, int cls)
{
    stream_t *S = ctx;
    if (cls >= 0)
        push(S, (uint32_t)cls);
    else if (n < 64)
        push(S, words_id(S->W, w, n));
    else
        push(S, VB_LM_UNK);
    return 0;
}

static void read_file(stream_t *S, const char *path)
{
    FILE *f = fopen(path, "r");
    if (!f) {
        perror(path);
        exit(1);
    }
    char *line = NULL;
    size_t cap = 0;
    ssize_t len;
    while ((len = getline(&line, &cap, f)) > 0) {
        size_t before = S->n;
        push(S, VB_LM_BOS);
        vb_lm_tokenize(line, (size_t)len, on_token, S);
        if (S->n == before + 1) { /* empty line */
            S->W->count[VB_LM_BOS] -= S->w;
            S->n = before;
            continue;
        }
        push(S, VB_LM_EOS);
    }
    free(line);
    fclose(f);
}

/* ---- n-gram counting: key → weighted count ------------------------------- */

typedef struct {
    uint64_t key;
    uint64_t count;
} kc_t;

typedef struct {
    kc_t *e;
    size_t n, size; /* size: power of 2; key 0 never used (fixed ids) */
} table_t;

static uint64_t mix(uint64_t k)
{
    k ^= k >> 31;
    k *= 0x9e3779b97f4a7c15ULL;
    k ^= k >> 29;
    return k;
}

static kc_t *tget(table_t *T, uint64_t key, int add);

static void tgrow(table_t *T)
{
    table_t N = {xcalloc(T->size ? T->size * 2 : 1u << 20, sizeof(kc_t)), 0,
                 T->size ? T->size * 2 : 1u << 20};
    for (size_t i = 0; i < T->size; i++)
        if (T->e[i].key)
            tget(&N, T->e[i].key, 1)->count = T->e[i].count;
    free(T->e);
    *T = N;
}

static kc_t *tget(table_t *T, uint64_t key, int add)
{
    if (add && (T->n + 1) * 10 >= T->size * 7)
        tgrow(T);
    if (!T->size)
        return NULL;
    size_t j = mix(key) & (T->size - 1);
    for (; T->e[j].key; j = (j + 1) & (T->size - 1))
        if (T->e[j].key == key)
            return &T->e[j];
    if (!add)
        return NULL;
    T->e[j].key = key;
    T->n++;
    return &T->e[j];
}

static uint64_t pack(uint32_t a, uint32_t b, uint32_t c)
{
    return ((uint64_t)a << 42) | ((uint64_t)b << 21) | c;
}

static int kc_cmp(const void *a, const void *b)
{
    uint64_t x = ((const kc_t *)a)->key, y = ((const kc_t *)b)->key;
    return x < y ? -1 : x > y;
}

/* Compacts a table into a sorted array (in place). Returns the count. */
static size_t tsort(table_t *T)
{
    size_t k = 0;
    if (!T->e)
        return 0;
    for (size_t i = 0; i < T->size; i++)
        if (T->e[i].key)
            T->e[k++] = T->e[i];
    qsort(T->e, k, sizeof(kc_t), kc_cmp);
    return k;
}

static kc_t *bsearch_key(kc_t *a, size_t n, uint64_t key)
{
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (a[mid].key < key)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < n && a[lo].key == key ? &a[lo] : NULL;
}

/* ---- modified Kneser–Ney ------------------------------------------------- */

typedef struct {
    double d[4]; /* d[1], d[2], d[3+] */
} disc_t;

static disc_t discounts(const uint64_t *vals, size_t n, const char *name)
{
    double c[5] = {0};
    for (size_t i = 0; i < n; i++)
        if (vals[i] >= 1 && vals[i] <= 4)
            c[vals[i]]++;
    disc_t D = {{0, 0.5, 1.0, 1.5}};
    if (c[1] > 0 && c[2] > 0 && c[3] > 0 && c[4] > 0) {
        double Y = c[1] / (c[1] + 2 * c[2]);
        D.d[1] = 1 - 2 * Y * c[2] / c[1];
        D.d[2] = 2 - 3 * Y * c[3] / c[2];
        D.d[3] = 3 - 4 * Y * c[4] / c[3];
    }
    for (int i = 1; i <= 3; i++)
        if (D.d[i] <= 0.05 || D.d[i] >= i)
            D.d[i] = i == 1 ? 0.5 : i == 2 ? 1.0 : 1.5;
    fprintf(stderr, "vbtrain: %s discounts %.3f %.3f %.3f (n1..n4 %.0f %.0f %.0f %.0f)\n", name,
            D.d[1], D.d[2], D.d[3], c[1], c[2], c[3], c[4]);
    return D;
}

static double dsub(const disc_t *D, uint64_t c)
{
    return c == 0 ? 0 : D->d[c >= 3 ? 3 : c];
}

/* ---- the model being built ------------------------------------------------ */

typedef struct {
    uint32_t nv;
    char **word;
    uint64_t *count;
    double *p1, *bo1;
    kc_t *bi;
    size_t nbi;
    uint64_t *kn2;
    double *p2, *bo2;
    unsigned char *keep2;
    kc_t *tri;
    size_t ntri;
    double *p3;
    unsigned char *keep3;
} model_t;

static uint32_t A(uint64_t k) { return (uint32_t)(k >> 42) & MAXID; }
static uint32_t B(uint64_t k) { return (uint32_t)(k >> 21) & MAXID; }
static uint32_t C(uint64_t k) { return (uint32_t)k & MAXID; }

static void unigrams(model_t *M)
{
    uint64_t *kn1 = xcalloc(M->nv, 8);
    for (size_t i = 0; i < M->nbi; i++)
        kn1[C(M->bi[i].key)]++;
    double tot = 0;
    for (uint32_t w = 0; w < M->nv; w++)
        tot += (double)kn1[w] + 0.1;
    M->p1 = xcalloc(M->nv, sizeof(double));
    for (uint32_t w = 0; w < M->nv; w++)
        M->p1[w] = ((double)kn1[w] + 0.1) / tot;
    M->p1[VB_LM_BOS] = 1e-9;
    free(kn1);
}

/* p2 over each context group of the sorted bigram array. */
static void bigrams(model_t *M, const disc_t *D)
{
    M->p2 = xcalloc(M->nbi, sizeof(double));
    M->bo1 = xcalloc(M->nv, sizeof(double));
    for (size_t i = 0; i < M->nbi;) {
        size_t j = i;
        double S = 0, n[4] = {0};
        while (j < M->nbi && B(M->bi[j].key) == B(M->bi[i].key)) {
            uint64_t k = M->kn2[j++];
            S += (double)k;
            n[k >= 3 ? 3 : k]++;
        }
        double gamma = (D->d[1] * n[1] + D->d[2] * n[2] + D->d[3] * n[3]) / S;
        M->bo1[B(M->bi[i].key)] = gamma; /* unpruned interpolation weight */
        for (size_t k = i; k < j; k++)
            M->p2[k] = ((double)M->kn2[k] - dsub(D, M->kn2[k])) / S +
                       gamma * M->p1[C(M->bi[k].key)];
        i = j;
    }
}

static double p2_full(const model_t *M, uint32_t v, uint32_t w)
{
    kc_t *e = bsearch_key(M->bi, M->nbi, pack(0, v, w));
    if (e)
        return M->p2[e - M->bi];
    return (M->bo1[v] > 0 ? M->bo1[v] : 1.0) * M->p1[w];
}

static void trigrams(model_t *M, const disc_t *D)
{
    M->p3 = xcalloc(M->ntri, sizeof(double));
    for (size_t i = 0; i < M->ntri;) {
        size_t j = i;
        uint64_t ctx = M->tri[i].key >> 21;
        double S = 0, n[4] = {0};
        while (j < M->ntri && (M->tri[j].key >> 21) == ctx) {
            uint64_t c = M->tri[j++].count;
            S += (double)c;
            n[c >= 3 ? 3 : c]++;
        }
        double gamma = (D->d[1] * n[1] + D->d[2] * n[2] + D->d[3] * n[3]) / S;
        uint32_t v = B(M->tri[i].key);
        for (size_t k = i; k < j; k++) {
            uint64_t c = M->tri[k].count;
            M->p3[k] = ((double)c - dsub(D, c)) / S + gamma * p2_full(M, v, C(M->tri[k].key));
        }
        i = j;
    }
}

/* Pruning and the backoff weights of the pruned model. */
static void prune(model_t *M, uint64_t bi_min, uint64_t tri_min)
{
    M->keep3 = xcalloc(M->ntri, 1);
    M->keep2 = xcalloc(M->nbi, 1);
    for (size_t i = 0; i < M->ntri; i++)
        if (M->tri[i].count >= tri_min) {
            M->keep3[i] = 1;
            kc_t *e = bsearch_key(M->bi, M->nbi, pack(0, A(M->tri[i].key), B(M->tri[i].key)));
            if (e)
                M->keep2[e - M->bi] = 1;
            e = bsearch_key(M->bi, M->nbi, pack(0, B(M->tri[i].key), C(M->tri[i].key)));
            if (e) /* the suffix too: the decoder skips trigrams whose bigram is absent */
                M->keep2[e - M->bi] = 1;
        }
    for (size_t i = 0; i < M->nbi; i++)
        if (M->kn2[i] >= bi_min)
            M->keep2[i] = 1;
    /* bigram level: bo1(v) = (1 - Σ kept p2) / (1 - Σ kept p1) */
    for (size_t i = 0; i < M->nbi;) {
        size_t j = i;
        double s2 = 0, s1 = 0;
        for (; j < M->nbi && B(M->bi[j].key) == B(M->bi[i].key); j++)
            if (M->keep2[j])
                s2 += M->p2[j], s1 += M->p1[C(M->bi[j].key)];
        double num = 1 - s2, den = 1 - s1;
        M->bo1[B(M->bi[i].key)] = (num > 1e-9 ? num : 1e-9) / (den > 1e-9 ? den : 1e-9);
        i = j;
    }
    M->bo2 = xcalloc(M->nbi, sizeof(double));
    for (size_t i = 0; i < M->nbi; i++)
        M->bo2[i] = 1.0;
    for (size_t i = 0; i < M->ntri;) {
        size_t j = i;
        uint64_t ctx = M->tri[i].key >> 21;
        uint32_t v = B(M->tri[i].key);
        double s3 = 0, s2 = 0;
        for (; j < M->ntri && (M->tri[j].key >> 21) == ctx; j++) {
            if (!M->keep3[j])
                continue;
            uint32_t w = C(M->tri[j].key);
            kc_t *e = bsearch_key(M->bi, M->nbi, pack(0, v, w));
            s3 += M->p3[j];
            s2 += e && M->keep2[e - M->bi] ? M->p2[e - M->bi] : M->bo1[v] * M->p1[w];
        }
        kc_t *c = bsearch_key(M->bi, M->nbi, pack(0, A(M->tri[i].key), v));
        if (c) {
            double num = 1 - s3, den = 1 - s2;
            M->bo2[c - M->bi] = (num > 1e-9 ? num : 1e-9) / (den > 1e-9 ? den : 1e-9);
        }
        i = j;
    }
}

/* ---- writing ---------------------------------------------------------------- */

static uint16_t qprob(double p)
{
    double q = -log10(p) * VB_LM_QP;
    return q < 0 ? 0 : q > 65535 ? 65535 : (uint16_t)lrint(q);
}

static int16_t qbo(double b)
{
    double q = log10(b) * VB_LM_QB;
    return q < -32767 ? -32767 : q > 32767 ? 32767 : (int16_t)lrint(q);
}

static uint32_t table_size(size_t n)
{
    return (uint32_t)(n * 1.3 + 16);
}

static void put_entry(vb_lm_entry *t, uint32_t size, uint64_t h, vb_lm_entry e)
{
    uint32_t i = vb_lm_slot(h, size);
    while (t[i].fp)
        i = i + 1 == size ? 0 : i + 1;
    e.fp = vb_lm_fp(h);
    t[i] = e;
}

typedef struct {
    char skel[64];
    uint32_t id;
    uint64_t count;
} sf_t;

static int sf_cmp(const void *a, const void *b)
{
    const sf_t *x = a, *y = b;
    int c = strcmp(x->skel, y->skel);
    if (c)
        return c;
    return x->count > y->count ? -1 : x->count < y->count;
}

typedef struct {
    unsigned char *p;
    size_t n, cap;
} out_t;

static uint64_t emit(out_t *O, const void *p, size_t n)
{
    while (O->n % 8)
        O->p[O->n++] = 0;
    if (O->n + n + 8 > O->cap) {
        O->cap = (O->n + n + 8) * 2;
        O->p = xrealloc(O->p, O->cap);
    }
    uint64_t off = O->n;
    memcpy(O->p + O->n, p, n);
    O->n += n;
    return off;
}

static void write_skel(model_t *M, out_t *O, vb_lm_header *H, uint64_t skel_min, int max_forms)
{
    sf_t *sf = xcalloc(M->nv, sizeof(sf_t));
    size_t n = 0;
    for (uint32_t id = VB_LM_NFIXED; id < M->nv; id++) {
        char low[256];
        int marks, caps;
        const char *w = M->word[id];
        if (M->count[id] < skel_min ||
            !vb_word_fold(w, strlen(w), low, sizeof low, sf[n].skel, sizeof sf[n].skel, &marks,
                          &caps))
            continue;
        sf[n].id = id;
        sf[n++].count = M->count[id];
    }
    qsort(sf, n, sizeof(sf_t), sf_cmp);
    uint32_t *forms = xcalloc(n, 4), nforms = 0, ngroups = 0;
    for (size_t i = 0; i < n;) {
        size_t j = i;
        while (j < n && strcmp(sf[j].skel, sf[i].skel) == 0)
            j++;
        ngroups++;
        i = j;
    }
    H->skel_size = table_size(ngroups);
    vb_lm_skel *tab = xcalloc(H->skel_size, sizeof(vb_lm_skel));
    for (size_t i = 0; i < n;) {
        size_t j = i;
        uint32_t start = nforms;
        for (; j < n && strcmp(sf[j].skel, sf[i].skel) == 0; j++)
            if ((int)(j - i) < max_forms && sf[j].count * 2000 >= sf[i].count)
                forms[nforms++] = sf[j].id;
        uint64_t h = vb_hash64(sf[i].skel, strlen(sf[i].skel), 1);
        uint32_t s = vb_lm_slot(h, H->skel_size);
        while (tab[s].fp)
            s = s + 1 == H->skel_size ? 0 : s + 1;
        tab[s] = (vb_lm_skel){vb_lm_fp(h), start, nforms - start};
        i = j;
    }
    H->nskelforms = nforms;
    H->off_skel = emit(O, tab, H->skel_size * sizeof(vb_lm_skel));
    H->off_skelforms = emit(O, forms, (size_t)nforms * 4);
    fprintf(stderr, "vbtrain: %u skeletons, %u forms\n", ngroups, nforms);
    free(tab);
    free(forms);
    free(sf);
}

static void write_vocab(model_t *M, out_t *O, vb_lm_header *H)
{
    uint32_t *voff = xcalloc(M->nv + 1, 4);
    size_t total = 0;
    for (uint32_t i = 0; i < M->nv; i++)
        total += strlen(M->word[i]) + 1;
    char *blob = xcalloc(total, 1);
    size_t o = 0;
    for (uint32_t i = 0; i < M->nv; i++) {
        voff[i] = (uint32_t)o;
        size_t l = strlen(M->word[i]) + 1;
        memcpy(blob + o, M->word[i], l);
        o += l;
    }
    voff[M->nv] = (uint32_t)o;
    H->off_vstr = emit(O, blob, o);
    H->off_voff = emit(O, voff, (M->nv + 1) * 4);
    H->vhash_size = table_size(M->nv) * 2;
    uint32_t *vh = xcalloc(H->vhash_size, 4);
    for (uint32_t i = 0; i < M->nv; i++) {
        uint32_t s = vb_lm_slot(vb_hash64(M->word[i], strlen(M->word[i]), 0), H->vhash_size);
        while (vh[s])
            s = s + 1 == H->vhash_size ? 0 : s + 1;
        vh[s] = i + 1;
    }
    H->off_vhash = emit(O, vh, H->vhash_size * 4);
    vb_lm_uni *uni = xcalloc(M->nv, sizeof(vb_lm_uni));
    for (uint32_t i = 0; i < M->nv; i++)
        uni[i] = (vb_lm_uni){(float)log10(M->p1[i]), (float)log10(M->bo1[i] > 0 ? M->bo1[i] : 1)};
    H->off_uni = emit(O, uni, M->nv * sizeof(vb_lm_uni));
    free(uni);
    free(vh);
    free(voff);
    free(blob);
}

static void write_ngrams(model_t *M, out_t *O, vb_lm_header *H)
{
    size_t nb = 0, nt = 0;
    for (size_t i = 0; i < M->nbi; i++)
        nb += M->keep2[i];
    for (size_t i = 0; i < M->ntri; i++)
        nt += M->keep3[i];
    H->nbi = (uint32_t)nb, H->ntri = (uint32_t)nt;
    H->bi_size = table_size(nb), H->tri_size = table_size(nt);
    vb_lm_entry *t = xcalloc(H->bi_size, sizeof(vb_lm_entry));
    for (size_t i = 0; i < M->nbi; i++)
        if (M->keep2[i])
            put_entry(t, H->bi_size, vb_lm_key(0, B(M->bi[i].key), C(M->bi[i].key)),
                      (vb_lm_entry){0, qprob(M->p2[i]), qbo(M->bo2[i])});
    H->off_bi = emit(O, t, H->bi_size * sizeof(vb_lm_entry));
    free(t);
    vb_lm_tentry *tt = xcalloc(H->tri_size, sizeof(vb_lm_tentry));
    for (size_t i = 0; i < M->ntri; i++)
        if (M->keep3[i]) {
            uint64_t k = M->tri[i].key, h = vb_lm_key(A(k), B(k), C(k));
            uint32_t s = vb_lm_slot(h, H->tri_size), fp = vb_lm_fp(h);
            while (tt[s].fp_lo || tt[s].fp_hi)
                s = s + 1 == H->tri_size ? 0 : s + 1;
            tt[s] = (vb_lm_tentry){(uint16_t)fp, (uint16_t)(fp >> 16), qprob(M->p3[i])};
        }
    H->off_tri = emit(O, tt, H->tri_size * sizeof(vb_lm_tentry));
    free(tt);
    fprintf(stderr, "vbtrain: kept %zu of %zu bigrams, %zu of %zu trigrams\n", nb, M->nbi, nt,
            M->ntri);
}

/* ---- main ---------------------------------------------------------------------- */

typedef struct {
    uint64_t vmin, bi_min, tri_min, skel_min;
    int max_forms;
    const char *out;
    char recipe[256];
} opts_t;

static uint64_t *sort_counts;
static int by_count(const void *a, const void *b)
{
    uint64_t x = sort_counts[*(const uint32_t *)a], y = sort_counts[*(const uint32_t *)b];
    return x > y ? -1 : x < y;
}

/* Final ids: the fixed classes, then words with count ≥ vmin, most frequent first. */
static uint32_t *make_vocab(words_t *W, uint64_t vmin, model_t *M)
{
    uint32_t *map = xcalloc(W->n, 4), *order = xcalloc(W->n, 4), k = 0;
    for (uint32_t i = VB_LM_NFIXED; i < W->n; i++)
        if (W->count[i] >= vmin)
            order[k++] = i;
    sort_counts = W->count;
    qsort(order, k, 4, by_count);
    if (k + VB_LM_NFIXED > MAXID)
        k = MAXID - VB_LM_NFIXED;
    M->nv = k + VB_LM_NFIXED;
    M->word = xcalloc(M->nv, sizeof(char *));
    M->count = xcalloc(M->nv, 8);
    static const char *fixed[] = {"<unk>", "<s>", "</s>", "<x>", "<.>", "<,>"};
    for (uint32_t i = 0; i < VB_LM_NFIXED; i++) {
        map[i] = i;
        M->word[i] = (char *)fixed[i];
        M->count[i] = W->count[i];
    }
    for (uint32_t i = 0; i < k; i++) {
        map[order[i]] = i + VB_LM_NFIXED;
        M->word[i + VB_LM_NFIXED] = W->str[order[i]];
        M->count[i + VB_LM_NFIXED] = W->count[order[i]];
    }
    free(order);
    return map;
}

static void count_ngrams(stream_t *S, const uint32_t *map, model_t *M)
{
    table_t T2 = {0}, T3 = {0};
    for (size_t i = 0; i < S->n; i++) {
        uint32_t w = map[S->tok[i]], wt = S->weight[i];
        if (w == VB_LM_UNK && S->tok[i] >= VB_LM_NFIXED)
            M->count[VB_LM_UNK] += wt;
        if (w == VB_LM_BOS || i == 0)
            continue;
        uint32_t v = map[S->tok[i - 1]];
        tget(&T2, pack(0, v, w), 1)->count += wt;
        if (v != VB_LM_BOS && i >= 2)
            tget(&T3, pack(map[S->tok[i - 2]], v, w), 1)->count += wt;
    }
    M->nbi = tsort(&T2);
    M->bi = T2.e;
    M->ntri = tsort(&T3);
    M->tri = T3.e;
    M->kn2 = xcalloc(M->nbi, 8);
    for (size_t i = 0; i < M->nbi; i++)
        if (B(M->bi[i].key) == VB_LM_BOS)
            M->kn2[i] = M->bi[i].count;
    for (size_t i = 0; i < M->ntri; i++) {
        kc_t *e = bsearch_key(M->bi, M->nbi, pack(0, B(M->tri[i].key), C(M->tri[i].key)));
        if (e)
            M->kn2[e - M->bi]++;
    }
}

static void free_model(model_t *M)
{
    free(M->word);
    free(M->count);
    free(M->p1);
    free(M->bo1);
    free(M->bi);
    free(M->kn2);
    free(M->p2);
    free(M->bo2);
    free(M->keep2);
    free(M->tri);
    free(M->p3);
    free(M->keep3);
}

static void usage(void)
{
    fputs("usage: vbtrain -o OUT [--vocab-min N] [--bi-min N] [--tri-min N]\n"
          "               [--skel-min N] [--max-forms N] [--recipe TEXT] WEIGHT:FILE...\n",
          stderr);
    exit(2);
}

static void parse(int argc, char **argv, opts_t *o)
{
    static const struct option lo[] = {
        {"vocab-min", 1, 0, 'v'}, {"bi-min", 1, 0, 'b'}, {"tri-min", 1, 0, 't'},
        {"skel-min", 1, 0, 's'}, {"max-forms", 1, 0, 'f'}, {"recipe", 1, 0, 'r'}, {0, 0, 0, 0}};
    *o = (opts_t){2, 1, 2, 2, 24, NULL, ""};
    int c;
    while ((c = getopt_long(argc, argv, "o:", lo, NULL)) != -1) {
        switch (c) {
        case 'o': o->out = optarg; break;
        case 'v': o->vmin = strtoull(optarg, 0, 10); break;
        case 'b': o->bi_min = strtoull(optarg, 0, 10); break;
        case 't': o->tri_min = strtoull(optarg, 0, 10); break;
        case 's': o->skel_min = strtoull(optarg, 0, 10); break;
        case 'f': o->max_forms = atoi(optarg); break;
        case 'r': snprintf(o->recipe, sizeof o->recipe, "%s", optarg); break;
        default: usage();
        }
    }
    if (!o->out || optind >= argc)
        usage();
}

int main(int argc, char **argv)
{
    opts_t o;
    parse(argc, argv, &o);
    words_t W = {0};
    static const char *fixed[] = {"<unk>", "<s>", "</s>", "<x>", "<.>", "<,>"};
    for (int i = 0; i < VB_LM_NFIXED; i++)
        words_id(&W, fixed[i], strlen(fixed[i]));
    stream_t S = {0};
    S.W = &W;
    for (int i = optind; i < argc; i++) {
        char *colon = strchr(argv[i], ':');
        if (!colon)
            usage();
        S.w = (uint32_t)atoi(argv[i]);
        if (S.w == 0)
            continue;
        read_file(&S, colon + 1);
        fprintf(stderr, "vbtrain: %s ×%u → %zu tokens so far\n", colon + 1, S.w, S.n);
    }
    if (S.n == 0)
        die("no text to train on");
    model_t M = {0};
    uint32_t *map = make_vocab(&W, o.vmin, &M);
    count_ngrams(&S, map, &M);
    fprintf(stderr, "vbtrain: vocab %u, %zu bigrams, %zu trigrams\n", M.nv, M.nbi, M.ntri);
    unigrams(&M);
    disc_t D2 = discounts(M.kn2, M.nbi, "bigram");
    uint64_t *c3 = xcalloc(M.ntri, 8);
    for (size_t i = 0; i < M.ntri; i++)
        c3[i] = M.tri[i].count;
    disc_t D3 = discounts(c3, M.ntri, "trigram");
    free(c3);
    bigrams(&M, &D2);
    trigrams(&M, &D3);
    prune(&M, o.bi_min, o.tri_min);

    vb_lm_header H;
    memset(&H, 0, sizeof H);
    memcpy(H.magic, VB_LM_MAGIC, 8);
    H.order = 3;
    H.nvocab = M.nv;
    for (size_t i = 0; i < S.n; i++)
        H.ntokens += S.weight[i];
    snprintf(H.recipe, sizeof H.recipe, "%s", o.recipe);
    out_t O = {0};
    emit(&O, &H, sizeof H);
    write_vocab(&M, &O, &H);
    write_ngrams(&M, &O, &H);
    write_skel(&M, &O, &H, o.skel_min, o.max_forms);
    while (O.n % 8)
        O.p[O.n++] = 0;
    H.file_size = O.n;
    memcpy(O.p, &H, sizeof H);
    FILE *f = fopen(o.out, "wb");
    if (!f || fwrite(O.p, 1, O.n, f) != O.n || fclose(f) != 0)
        die("cannot write the model");
    fprintf(stderr, "vbtrain: wrote %s (%.1f MB)\n", o.out, O.n / 1048576.0);
    free(O.p);
    free(map);
    free_model(&M);
    for (uint32_t i = VB_LM_NFIXED; i < W.n; i++)
        free(W.str[i]);
    for (uint32_t i = 0; i < VB_LM_NFIXED; i++)
        free(W.str[i]);
    free(W.str);
    free(W.count);
    free(W.slot);
    free(S.tok);
    free(S.weight);
    return 0;
}
