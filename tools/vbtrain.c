/* vbtrain.c — the project's trainer: weighted text files → a pruned,
 * quantized 3- or 4-gram model (interpolated modified Kneser–Ney, stored in
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

/* ---- n-gram counting: packed ids → weighted count ----------------------- */

/* An n-gram's ids, 21 bits each, oldest in the high bits: sorting the keys
 * groups each context's continuations. */
__extension__ typedef unsigned __int128 ngkey;

static ngkey pack(const uint32_t *g, int n)
{
    ngkey k = 0;
    for (int i = 0; i < n; i++)
        k = (k << IDBITS) | g[i];
    return k;
}

static uint32_t id_at(ngkey k, int n, int i)
{
    return (uint32_t)(k >> (IDBITS * (n - 1 - i))) & MAXID;
}

static ngkey ctx_of(ngkey k)
{
    return k >> IDBITS;
}

/* The n-gram without its first word. */
static ngkey suffix_of(ngkey k, int n)
{
    return k & (((ngkey)1 << (IDBITS * (n - 1))) - 1);
}

typedef struct {
    ngkey key;
    uint64_t count; /* weighted occurrences */
    uint64_t kn;    /* the count Kneser–Ney uses at this order */
    double p, bo;   /* interpolated probability; context weight, then backoff */
} ng_t;

typedef struct {
    ng_t *e;
    size_t n, size; /* size: power of 2 */
} table_t;

static uint64_t mix(ngkey k)
{
    uint64_t h = (uint64_t)k ^ (uint64_t)(k >> 64) * 0x9e3779b97f4a7c15ULL;
    h ^= h >> 31;
    h *= 0x9e3779b97f4a7c15ULL;
    h ^= h >> 29;
    return h;
}

static ng_t *tget(table_t *T, ngkey key);

static void tgrow(table_t *T)
{
    size_t size = T->size ? T->size * 2 : 1u << 20;
    table_t N = {xcalloc(size, sizeof(ng_t)), 0, size};
    for (size_t i = 0; i < T->size; i++)
        if (T->e[i].key)
            tget(&N, T->e[i].key - 1)->count = T->e[i].count;
    free(T->e);
    *T = N;
}

/* The entry of key (stored as key + 1: 0 marks an empty slot). */
static ng_t *tget(table_t *T, ngkey key)
{
    if ((T->n + 1) * 10 >= T->size * 7)
        tgrow(T);
    key++;
    size_t j = mix(key) & (T->size - 1);
    for (; T->e[j].key; j = (j + 1) & (T->size - 1))
        if (T->e[j].key == key)
            return &T->e[j];
    T->e[j].key = key;
    T->n++;
    return &T->e[j];
}

static int ng_cmp(const void *a, const void *b)
{
    ngkey x = ((const ng_t *)a)->key, y = ((const ng_t *)b)->key;
    return x < y ? -1 : x > y;
}

/* Compacts a table into a sorted array (in place). Returns the count. */
static size_t tsort(table_t *T)
{
    size_t k = 0;
    for (size_t i = 0; i < T->size; i++)
        if (T->e[i].key) {
            T->e[k] = T->e[i];
            T->e[k++].key--;
        }
    qsort(T->e, k, sizeof(ng_t), ng_cmp);
    return k;
}

/* ---- modified Kneser–Ney ------------------------------------------------- */

typedef struct {
    double d[4]; /* d[1], d[2], d[3+] */
} disc_t;

static disc_t discounts(const ng_t *a, size_t n, int order)
{
    double c[5] = {0};
    for (size_t i = 0; i < n; i++)
        if (a[i].kn >= 1 && a[i].kn <= 4)
            c[a[i].kn]++;
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
    fprintf(stderr, "vbtrain: order %d discounts %.3f %.3f %.3f (n1..n4 %.0f %.0f %.0f %.0f)\n",
            order, D.d[1], D.d[2], D.d[3], c[1], c[2], c[3], c[4]);
    return D;
}

static double dsub(const disc_t *D, uint64_t c)
{
    return c == 0 ? 0 : D->d[c >= 3 ? 3 : c];
}

/* ---- the model being built ------------------------------------------------ */

typedef struct {
    int order;
    uint32_t nv;
    char **word;
    uint64_t *count;
    double *p1, *bo1;              /* unigrams; bo1: context weight, then backoff */
    ng_t *ng[VB_LM_MAXORDER + 1];  /* sorted n-grams by order */
    size_t nng[VB_LM_MAXORDER + 1];
    unsigned char *keep[VB_LM_MAXORDER + 1];
    uint32_t *index[VB_LM_MAXORDER + 1]; /* hash of array positions + 1 */
    size_t isize[VB_LM_MAXORDER + 1];
} model_t;

/* The entry of key at order n: a probe of the order's hash index of the
 * sorted array (a binary search would wander all over memory). */
static ng_t *lookup(const model_t *M, int n, ngkey key)
{
    const uint32_t *ix = M->index[n];
    size_t mask = M->isize[n] - 1;
    for (size_t j = mix(key) & mask; ix[j]; j = (j + 1) & mask)
        if (M->ng[n][ix[j] - 1].key == key)
            return &M->ng[n][ix[j] - 1];
    return NULL;
}

static void make_index(model_t *M, int n)
{
    size_t size = 1024;
    while (size < M->nng[n] * 2)
        size *= 2;
    uint32_t *ix = xcalloc(size, sizeof *ix);
    for (size_t i = 0; i < M->nng[n]; i++) {
        size_t j = mix(M->ng[n][i].key) & (size - 1);
        while (ix[j])
            j = (j + 1) & (size - 1);
        ix[j] = (uint32_t)i + 1;
    }
    M->index[n] = ix;
    M->isize[n] = size;
}

static void unigrams(model_t *M)
{
    uint64_t *kn1 = xcalloc(M->nv, 8);
    for (size_t i = 0; i < M->nng[2]; i++)
        kn1[id_at(M->ng[2][i].key, 2, 1)]++;
    double tot = 0;
    for (uint32_t w = 0; w < M->nv; w++)
        tot += (double)kn1[w] + 0.1;
    M->p1 = xcalloc(M->nv, sizeof(double));
    M->bo1 = xcalloc(M->nv, sizeof(double));
    for (uint32_t w = 0; w < M->nv; w++)
        M->p1[w] = ((double)kn1[w] + 0.1) / tot;
    M->p1[VB_LM_BOS] = 1e-9;
    free(kn1);
}

/* Interpolated probability of the n-gram key (order n), unpruned: the
 * stored one when it was seen, else the context weight times the lower
 * order. */
static double p_full(const model_t *M, int n, ngkey key)
{
    if (n == 1)
        return M->p1[(uint32_t)key & MAXID];
    const ng_t *e = lookup(M, n, key);
    if (e)
        return e->p;
    double gamma = 1.0;
    if (n == 2) {
        gamma = M->bo1[id_at(key, 2, 0)];
    } else {
        const ng_t *c = lookup(M, n - 1, ctx_of(key));
        if (c)
            gamma = c->bo;
    }
    return (gamma > 0 ? gamma : 1.0) * p_full(M, n - 1, suffix_of(key, n));
}

/* p over each context group of order n: discounted counts plus the
 * context's weight times the lower order. */
static void probabilities(model_t *M, int n, const disc_t *D)
{
    ng_t *a = M->ng[n];
    for (size_t i = 0; i < M->nng[n];) {
        size_t j = i;
        ngkey ctx = ctx_of(a[i].key);
        double S = 0, c[4] = {0};
        for (; j < M->nng[n] && ctx_of(a[j].key) == ctx; j++) {
            S += (double)a[j].kn;
            c[a[j].kn >= 3 ? 3 : a[j].kn]++;
        }
        double gamma = (D->d[1] * c[1] + D->d[2] * c[2] + D->d[3] * c[3]) / S;
        if (n == 2) {
            M->bo1[(uint32_t)ctx] = gamma;
        } else {
            ng_t *e = lookup(M, n - 1, ctx);
            if (e)
                e->bo = gamma;
        }
        for (size_t k = i; k < j; k++)
            a[k].p = ((double)a[k].kn - dsub(D, a[k].kn)) / S +
                     gamma * p_full(M, n - 1, suffix_of(a[k].key, n));
        i = j;
    }
}

/* Probability of key (order n) in the pruned backoff model. */
static double p_pruned(const model_t *M, int n, ngkey key)
{
    if (n == 1)
        return M->p1[(uint32_t)key & MAXID];
    const ng_t *e = lookup(M, n, key);
    if (e && M->keep[n][e - M->ng[n]])
        return e->p;
    double bo = 1.0;
    if (n == 2) {
        bo = M->bo1[id_at(key, 2, 0)];
    } else {
        const ng_t *c = lookup(M, n - 1, ctx_of(key));
        if (c && M->keep[n - 1][c - M->ng[n - 1]])
            bo = c->bo;
    }
    return bo * p_pruned(M, n - 1, suffix_of(key, n));
}

/* Pruning: an n-gram is kept when its count reaches min[n], or when it is
 * the prefix (a context) or the suffix of a kept longer one; then the
 * backoff weights of the pruned model, shortest contexts first. */
static void prune(model_t *M, const uint64_t *min)
{
    for (int n = M->order; n >= 2; n--) {
        if (!M->keep[n])
            M->keep[n] = xcalloc(M->nng[n] ? M->nng[n] : 1, 1);
        for (size_t i = 0; i < M->nng[n]; i++) {
            ng_t *e = &M->ng[n][i];
            if ((n == M->order ? e->count : e->kn) >= min[n])
                M->keep[n][i] = 1;
            if (!M->keep[n][i] || n == 2)
                continue;
            if (!M->keep[n - 1])
                M->keep[n - 1] = xcalloc(M->nng[n - 1] ? M->nng[n - 1] : 1, 1);
            ng_t *a = lookup(M, n - 1, ctx_of(e->key)), *b = lookup(M, n - 1, suffix_of(e->key, n));
            if (a)
                M->keep[n - 1][a - M->ng[n - 1]] = 1;
            if (b) /* the decoder looks for an n-gram only when its suffix is there */
                M->keep[n - 1][b - M->ng[n - 1]] = 1;
        }
    }
    for (int n = 2; n <= M->order; n++) {
        /* bo(h) = (1 - Σ kept p(w | h)) / (1 - Σ kept p_pruned(w | h')) */
        ng_t *a = M->ng[n];
        for (size_t i = 0; i < M->nng[n];) {
            size_t j = i;
            ngkey ctx = ctx_of(a[i].key);
            double s = 0, sl = 0;
            for (; j < M->nng[n] && ctx_of(a[j].key) == ctx; j++)
                if (M->keep[n][j])
                    s += a[j].p, sl += p_pruned(M, n - 1, suffix_of(a[j].key, n));
            double num = 1 - s, den = 1 - sl;
            double bo = (num > 1e-9 ? num : 1e-9) / (den > 1e-9 ? den : 1e-9);
            if (n == 2) {
                M->bo1[(uint32_t)ctx] = bo;
            } else {
                ng_t *c = lookup(M, n - 1, ctx);
                if (c)
                    c->bo = bo;
            }
            i = j;
        }
    }
    /* contexts with no kept continuation back off at weight 1 */
    for (int n = 2; n < M->order; n++)
        for (size_t i = 0; i < M->nng[n]; i++)
            if (M->keep[n][i] && M->ng[n][i].bo <= 0)
                M->ng[n][i].bo = 1.0;
}

/* ---- writing ---------------------------------------------------------------- */

/* 256 bins of equal population over the sorted values; each bin's mean is
 * its code. Fills codes[VB_LM_QLEVELS] and bounds[VB_LM_QLEVELS - 1] (the
 * first value of each next bin). */
typedef struct {
    float codes[VB_LM_QLEVELS];
    double bounds[VB_LM_QLEVELS];
    int nb;
} codebook_t;

static int dbl_cmp(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

static void codebook(double *v, size_t n, codebook_t *C)
{
    qsort(v, n, sizeof *v, dbl_cmp);
    memset(C, 0, sizeof *C);
    C->nb = 0;
    for (size_t i = 0; i < n;) {
        size_t end = (size_t)((double)n * (C->nb + 1) / VB_LM_QLEVELS);
        if (end <= i)
            end = i + 1;
        while (end < n && v[end] == v[end - 1]) /* equal values share a bin */
            end++;
        if (C->nb == VB_LM_QLEVELS - 1)
            end = n;
        double sum = 0;
        for (size_t k = i; k < end; k++)
            sum += v[k];
        C->codes[C->nb] = (float)(sum / (double)(end - i));
        C->bounds[C->nb] = v[i];
        C->nb++;
        i = end;
    }
    if (C->nb == 0)
        C->nb = 1;
}

/* The code of value x: its bin. */
static unsigned char quantize(const codebook_t *C, double x)
{
    int lo = 0, hi = C->nb - 1;
    while (lo < hi) { /* the last bin whose first value is ≤ x */
        int mid = (lo + hi + 1) / 2;
        if (C->bounds[mid] <= x)
            lo = mid;
        else
            hi = mid - 1;
    }
    return (unsigned char)lo;
}

static uint32_t table_size(size_t n)
{
    return (uint32_t)(n * 1.3 + 16);
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

/* The table of order n: kept n-grams hashed, codes from per-order codebooks. */
static void write_ngrams(model_t *M, out_t *O, vb_lm_header *H, float *code)
{
    for (int n = 2; n <= M->order; n++) {
        const ng_t *a = M->ng[n];
        size_t nk = 0;
        for (size_t i = 0; i < M->nng[n]; i++)
            nk += M->keep[n][i];
        double *vp = xcalloc(nk, sizeof(double)), *vb = xcalloc(nk, sizeof(double));
        for (size_t i = 0, k = 0; i < M->nng[n]; i++)
            if (M->keep[n][i])
                vp[k] = log10(a[i].p), vb[k++] = log10(a[i].bo > 0 ? a[i].bo : 1.0);
        static codebook_t CP, CB;
        codebook(vp, nk, &CP);
        codebook(vb, nk, &CB);
        memcpy(code + (size_t)(n - 2) * 2 * VB_LM_QLEVELS, CP.codes, sizeof CP.codes);
        memcpy(code + (size_t)(n - 2) * 2 * VB_LM_QLEVELS + VB_LM_QLEVELS, CB.codes,
               sizeof CB.codes);
        size_t es = n < M->order ? 5 : 4;
        uint32_t size = table_size(nk);
        unsigned char *t = xcalloc(size, es);
        for (size_t i = 0; i < M->nng[n]; i++) {
            if (!M->keep[n][i])
                continue;
            uint32_t g[VB_LM_MAXORDER];
            for (int k = 0; k < n; k++)
                g[k] = id_at(a[i].key, n, k);
            uint64_t h = vb_lm_hash(g, n);
            uint32_t s = vb_lm_slot(h, size), fp = vb_lm_fp(h);
            while (t[s * es] | t[s * es + 1] | t[s * es + 2])
                s = s + 1 == size ? 0 : s + 1;
            unsigned char *e = t + (size_t)s * es;
            e[0] = (unsigned char)fp, e[1] = (unsigned char)(fp >> 8), e[2] = (unsigned char)(fp >> 16);
            e[3] = quantize(&CP, log10(a[i].p));
            if (es == 5)
                e[4] = quantize(&CB, log10(a[i].bo > 0 ? a[i].bo : 1.0));
        }
        H->ng_size[n] = size;
        H->ng_n[n] = (uint32_t)nk;
        H->off_ng[n] = emit(O, t, (size_t)size * es);
        fprintf(stderr, "vbtrain: order %d: kept %zu of %zu (%.1f MB)\n", n, nk, M->nng[n],
                (double)size * (double)es / 1048576.0);
        free(t);
        free(vp);
        free(vb);
    }
}

/* ---- main ---------------------------------------------------------------------- */

typedef struct {
    uint64_t vmin, skel_min;
    uint64_t min[VB_LM_MAXORDER + 1]; /* pruning threshold by order */
    int order, max_forms;
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

/* Counts the n-grams of orders 2 .. order of the token stream (none
 * across a line's start), sorted; the Kneser–Ney counts of the lower
 * orders are how many distinct words precede them (raw counts after <s>). */
static void count_ngrams(stream_t *S, const uint32_t *map, model_t *M)
{
    table_t T[VB_LM_MAXORDER + 1];
    memset(T, 0, sizeof T);
    uint32_t g[VB_LM_MAXORDER];
    for (size_t i = 0; i < S->n; i++) {
        uint32_t w = map[S->tok[i]], wt = S->weight[i];
        if (w == VB_LM_UNK && S->tok[i] >= VB_LM_NFIXED)
            M->count[VB_LM_UNK] += wt;
        if (w == VB_LM_BOS)
            continue;
        for (int n = 2; n <= M->order && (size_t)n <= i + 1; n++) {
            uint32_t first = map[S->tok[i + 1 - (size_t)n]];
            for (int k = 0; k < n; k++)
                g[k] = map[S->tok[i + 1 - (size_t)n + (size_t)k]];
            tget(&T[n], pack(g, n))->count += wt;
            if (first == VB_LM_BOS) /* the line's start: no longer n-gram */
                break;
        }
    }
    for (int n = 2; n <= M->order; n++) {
        M->nng[n] = tsort(&T[n]);
        M->ng[n] = T[n].e;
        make_index(M, n);
    }
    for (int n = 2; n <= M->order; n++) {
        ng_t *a = M->ng[n];
        for (size_t i = 0; i < M->nng[n]; i++)
            a[i].kn = n == M->order || id_at(a[i].key, n, 0) == VB_LM_BOS ? a[i].count : 0;
        if (n == M->order)
            continue;
        for (size_t i = 0; i < M->nng[n + 1]; i++) {
            ng_t *e = lookup(M, n, suffix_of(M->ng[n + 1][i].key, n + 1));
            if (e && id_at(e->key, n, 0) != VB_LM_BOS)
                e->kn++;
        }
    }
}

static void free_model(model_t *M)
{
    free(M->word);
    free(M->count);
    free(M->p1);
    free(M->bo1);
    for (int n = 2; n <= VB_LM_MAXORDER; n++) {
        free(M->ng[n]);
        free(M->keep[n]);
        free(M->index[n]);
    }
}

static void usage(void)
{
    fputs("usage: vbtrain -o OUT [--order 3|4] [--vocab-min N] [--bi-min N] [--tri-min N]\n"
          "               [--four-min N] [--skel-min N] [--max-forms N] [--recipe TEXT]\n"
          "               WEIGHT:FILE...\n",
          stderr);
    exit(2);
}

static void parse(int argc, char **argv, opts_t *o)
{
    static const struct option lo[] = {
        {"order", 1, 0, 'n'}, {"vocab-min", 1, 0, 'v'}, {"bi-min", 1, 0, 'b'},
        {"tri-min", 1, 0, 't'}, {"four-min", 1, 0, '4'}, {"skel-min", 1, 0, 's'},
        {"max-forms", 1, 0, 'f'}, {"recipe", 1, 0, 'r'}, {0, 0, 0, 0}};
    *o = (opts_t){2, 2, {0, 0, 1, 2, 2}, 3, 24, NULL, ""};
    int c;
    while ((c = getopt_long(argc, argv, "o:", lo, NULL)) != -1) {
        switch (c) {
        case 'o': o->out = optarg; break;
        case 'n': o->order = atoi(optarg); break;
        case 'v': o->vmin = strtoull(optarg, 0, 10); break;
        case 'b': o->min[2] = strtoull(optarg, 0, 10); break;
        case 't': o->min[3] = strtoull(optarg, 0, 10); break;
        case '4': o->min[4] = strtoull(optarg, 0, 10); break;
        case 's': o->skel_min = strtoull(optarg, 0, 10); break;
        case 'f': o->max_forms = atoi(optarg); break;
        case 'r': snprintf(o->recipe, sizeof o->recipe, "%s", optarg); break;
        default: usage();
        }
    }
    if (!o->out || optind >= argc || o->order < 3 || o->order > VB_LM_MAXORDER)
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
    M.order = o.order;
    uint32_t *map = make_vocab(&W, o.vmin, &M);
    count_ngrams(&S, map, &M);
    fprintf(stderr, "vbtrain: vocab %u", M.nv);
    for (int n = 2; n <= M.order; n++)
        fprintf(stderr, ", %zu %d-grams", M.nng[n], n);
    fputc('\n', stderr);
    unigrams(&M);
    for (int n = 2; n <= M.order; n++) {
        disc_t D = discounts(M.ng[n], M.nng[n], n);
        probabilities(&M, n, &D);
    }
    prune(&M, o.min);

    vb_lm_header H;
    memset(&H, 0, sizeof H);
    memcpy(H.magic, VB_LM_MAGIC, 8);
    H.order = (uint32_t)M.order;
    H.nvocab = M.nv;
    for (size_t i = 0; i < S.n; i++)
        H.ntokens += S.weight[i];
    snprintf(H.recipe, sizeof H.recipe, "%s", o.recipe);
    out_t O = {0};
    emit(&O, &H, sizeof H);
    write_vocab(&M, &O, &H);
    float *code = xcalloc((size_t)(M.order - 1) * 2 * VB_LM_QLEVELS, sizeof(float));
    write_ngrams(&M, &O, &H, code);
    H.off_code = emit(&O, code, (size_t)(M.order - 1) * 2 * VB_LM_QLEVELS * sizeof(float));
    free(code);
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
