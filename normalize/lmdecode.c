/* lmdecode.c — the restoration decoder. A line becomes a lattice of slots
 * (one per word, code or punctuation mark; tabs and markup tags are clause
 * boundaries); each word slot gets candidates (the marked forms of its
 * ASCII skeleton, glyph-dropout fills, extra candidates from a plugged
 * source such as the OCR channel), weighed by a document cache of the
 * words already chosen with confidence; a beam search with state
 * recombination picks the best sequence under the 4-gram (or trigram)
 * model; each chosen form's posterior given its neighbours is its
 * confidence. */
#include "normalize/channel.h"
#include "normalize/restore_priv.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define MAXC 24         /* candidates per slot */
#define MAXBEAM 32
#define NAME_CONF 0.5
/* A capitalised OCR word changing letters with no word beside it to
 * support or refute it (no evidence either way): only when nearly
 * sure. (Dev sets: 733–735 errors for any value in 0.5–0.95.) */
#define NAME_ALONE_CONF 0.95
#define NAME_BONUS 1.0f    /* log10: a form the document writes capitalised elsewhere */
#define NAME_BIGRAM (-2.5f) /* log10 P of a pair that supports a name's change (doc/model.md) */
#define GARBLED_PENALTY 1.5f /* log10: a marked word misread, vs read right */   /* Title Case words inside a line: proper names */

typedef struct slot {
    size_t off, len;            /* bytes of the line this slot replaces */
    int caps;                   /* 0 lower, 1 Title, 2 ALL CAPS, 3 mixed */
    int word;                   /* 1 for a word that may change */
    int ncand;
    uint32_t cand[MAXC];
    float chan[MAXC];           /* log10 P(observed | candidate) */
    uint32_t obs;               /* the observed word's id (or UNK) */
} slot;

typedef struct hyp {
    float score;
    uint16_t back;              /* index in the previous beam */
    uint8_t pc, c;              /* candidate at the previous slot, at this one */
} hyp;

/* Small direct-mapped caches of table lookups: documents repeat their
 * word pairs, and a hit here saves a trip to main memory. */
#define CACHE_BITS 16
#define FOUND (1ULL << 63)      /* in a key: the n-gram is stored */
typedef struct cache_entry {
    uint64_t key;               /* packed ids + 1 (< 2^63), | FOUND; 0 = empty */
    float logp;
    float bo;                   /* bigrams: the backoff of this context */
} cache_entry;                  /* 16 bytes: four to a cache line */

static int found(const cache_entry *e)
{
    return (e->key & FOUND) != 0;
}

/* Cached extra candidates of one token (by a 64-bit hash of its bytes). */
#define NEXTRA 24
#define XCACHE_SIZE 4093
typedef struct extra_entry {
    uint64_t key;               /* 0 = empty */
    int n;
    uint32_t ids[NEXTRA];
    float lp[NEXTRA];
} extra_entry;

/* The slots plain_chunk made for recent chunks, by their bytes: documents
 * repeat their words, and tokenizing, folding and looking a word up cost
 * more than copying what they gave. Only for chunks with no plugged
 * source and no word confidence, whose slots depend on their bytes and
 * the garbled switch alone (and the forms settings: set_forms clears). */
#define MEMO_SIZE 4096
#define MEMO_BYTES 24
#define MEMO_SLOTS 3
#define MEMO_CANDS 16
typedef struct memo_entry {
    uint64_t key;               /* hash of the bytes; 0 = empty */
    uint8_t len, garbled, nslot;
    char bytes[MEMO_BYTES];
    struct {
        uint16_t off, len;      /* off: from the chunk's start */
        uint8_t caps, word, ncand;
        uint32_t obs;
    } s[MEMO_SLOTS];
    uint32_t cand[MEMO_CANDS];  /* the slots' candidates one after another */
    float chan[MEMO_CANDS];
} memo_entry;

struct vb_decoder {
    const vb_lm *lm;
    vb_extra_fn extra;
    void *extra_ctx;
    float extra_w;              /* weight of the extra source's log-probabilities */
    int beam;
    int maxc;                   /* skeleton forms kept per slot */
    float span;                 /* ... within this log10 unigram of the best */
    float prune;                /* beam threshold (log10) below the best */
    slot *s;
    size_t ns, cap;
    hyp *h;                     /* ns × beam */
    int *nh;
    size_t hcap;
    uint8_t *best;              /* chosen candidate per slot */
    vb_edit *edit;              /* the line's changes (apply) */
    vb_buf forms;               /* ... their forms */
    uint8_t *need;              /* per slot: 0 change, 1 only when sure (a name), 2 keep,
                                 * 3 only when sure (a name changing letters, no evidence) */
    float *conf;
    const char *line;           /* the line being built */
    cache_entry *c2, *c3, *c4;  /* bigram, trigram and 4-gram lookups */
    int order;                  /* the model's */
    extra_entry *xcache;        /* XCACHE_SIZE entries, allocated on first use */
    memo_entry *memo;           /* MEMO_SIZE entries, allocated on first use */
    const void *xcache_ctx;     /* the source they came from */
    const vb_adapt *adapt;
    int garbled;                /* re-decide marked words too */
    uint32_t *dcount;           /* document cache: counts by word id (lazily) */
    float *dbonus;              /* ... and the log10 bonus each count gives (cache_bonus) */
    double dtotal;              /* their sum */
    int dropout;                /* repair dropped glyphs */
    const uint32_t *names;      /* words the document writes capitalised, marked */
    size_t nnames;
    size_t span_from, span_to;  /* bytes of the line that may change (the rest: context) */
    const float *keep;          /* per white-space chunk: log10 cost of changing it */
    size_t nkeep;
    float cur_keep;             /* ... of the chunk being built; < 0: none given */
};

vb_decoder *vb_decoder_new(const vb_lm *lm)
{
    vb_decoder *d = calloc(1, sizeof *d);
    if (!d)
        return NULL;
    d->c2 = calloc((size_t)1 << CACHE_BITS, sizeof(cache_entry));
    d->c3 = calloc((size_t)1 << CACHE_BITS, sizeof(cache_entry));
    d->c4 = calloc((size_t)1 << CACHE_BITS, sizeof(cache_entry));
    if (!d->c2 || !d->c3 || !d->c4) {
        vb_decoder_free(d);
        return NULL;
    }
    d->lm = lm;
    d->order = vb_lm_order(lm);
    d->cur_keep = -1.0f;
    d->span_to = (size_t)-1;
    d->extra_w = 1.0f;
    d->beam = 12;
    d->maxc = 12;
    d->span = 3.0f;
    d->prune = 3.0f;
    return d;
}

void vb_decoder_free(vb_decoder *d)
{
    if (!d)
        return;
    free(d->s);
    free(d->h);
    free(d->nh);
    free(d->best);
    free(d->edit);
    vb_buf_free(&d->forms);
    free(d->need);
    free(d->conf);
    free(d->c2);
    free(d->c3);
    free(d->c4);
    free(d->dcount);
    free(d->dbonus);
    free(d->xcache);
    free(d->memo);
    free(d);
}

void vb_decoder_set_extra(vb_decoder *d, vb_extra_fn fn, void *ctx)
{
    d->extra = fn;
    d->extra_ctx = ctx;
}

void vb_decoder_set_extra_weight(vb_decoder *d, float w)
{
    d->extra_w = w;
}

void vb_decoder_set_adapt(vb_decoder *d, const vb_adapt *a)
{
    d->adapt = a;
}

void vb_decoder_set_garbled(vb_decoder *d, int on)
{
    d->garbled = on;
}

void vb_decoder_set_dropout(vb_decoder *d, int on)
{
    d->dropout = on;
}

void vb_decoder_set_span(vb_decoder *d, size_t from, size_t to)
{
    d->span_from = from;
    d->span_to = to;
}

void vb_decoder_set_keep(vb_decoder *d, const float *keep, size_t n)
{
    d->keep = keep;
    d->nkeep = n;
}

void vb_decoder_set_names(vb_decoder *d, const uint32_t *ids, size_t n)
{
    d->names = ids;
    d->nnames = n;
}

void vb_decoder_set_beam(vb_decoder *d, int beam)
{
    d->beam = beam < 1 ? 1 : beam > MAXBEAM ? MAXBEAM : beam;
}

void vb_decoder_set_forms(vb_decoder *d, int maxc, float span)
{
    d->maxc = maxc < 1 ? 1 : maxc > MAXC - 4 ? MAXC - 4 : maxc;
    d->span = span;
    for (size_t i = 0; d->memo && i < MEMO_SIZE; i++)
        d->memo[i].key = 0; /* made with the old settings */
}

static slot *add_slot(vb_decoder *d)
{
    if (d->ns == d->cap) {
        size_t cap = d->cap ? d->cap * 2 : 64;
        slot *s = realloc(d->s, cap * sizeof *s);
        if (!s)
            return NULL;
        d->s = s;
        d->cap = cap;
    }
    slot *s = &d->s[d->ns++];
    memset(s, 0, offsetof(slot, cand));
    return s;
}

static int fixed_slot(vb_decoder *d, uint32_t id, size_t off, size_t len)
{
    slot *s = add_slot(d);
    if (!s)
        return -1;
    s->off = off, s->len = len, s->ncand = 1, s->cand[0] = id, s->chan[0] = 0, s->obs = id;
    return 0;
}

static uint32_t cache_slot(uint64_t key)
{
    key *= 0x9e3779b97f4a7c15ULL;
    return (uint32_t)(key >> (64 - CACHE_BITS));
}

/* Cache keys: packed ids (< 2^21 each) + 1; a 4-gram's hash. */
static uint64_t key2(uint32_t v, uint32_t w)
{
    return (((uint64_t)v << 21) | w) + 1;
}

static uint64_t key3(uint32_t u, uint32_t v, uint32_t w)
{
    return (((uint64_t)u << 42) | ((uint64_t)v << 21) | w) + 1;
}

static uint64_t key4(const uint32_t *g)
{
    return (vb_lm_hash(g, 4) | 1) & ~FOUND;
}

static cache_entry *c_bigram(vb_decoder *d, uint32_t v, uint32_t w)
{
    uint64_t key = key2(v, w);
    cache_entry *e = &d->c2[cache_slot(key)];
    if ((e->key & ~FOUND) != key) {
        uint32_t g[2] = {v, w};
        int f = vb_lm_ngram(d->lm, g, 2, &e->logp, &e->bo);
        if (!f)
            e->logp = vb_lm_unibo(d->lm, v) + vb_lm_unigram(d->lm, w);
        e->key = key | (f ? FOUND : 0);
    }
    return e;
}

/* log10 P(w | v) of the bigram model; *stored: whether the pair is stored. */
static float c_logp2(vb_decoder *d, uint32_t v, uint32_t w, int *stored)
{
    const cache_entry *e = c_bigram(d, v, w);
    *stored = found(e);
    return e->logp;
}

/* A stored trigram: its probability and its backoff as a context. */
static cache_entry *c_trigram(vb_decoder *d, uint32_t u, uint32_t v, uint32_t w)
{
    uint64_t key = key3(u, v, w);
    cache_entry *e = &d->c3[cache_slot(key)];
    if ((e->key & ~FOUND) != key) {
        uint32_t g[3] = {u, v, w};
        e->key = key | (vb_lm_ngram(d->lm, g, 3, &e->logp, &e->bo) ? FOUND : 0);
    }
    return e;
}

/* A stored 4-gram (cached by a 64-bit hash of its ids). */
static int c_four(vb_decoder *d, uint32_t t, uint32_t u, uint32_t v, uint32_t w, float *logp)
{
    uint32_t g[4] = {t, u, v, w};
    uint64_t key = key4(g);
    cache_entry *e = &d->c4[cache_slot(key)];
    if ((e->key & ~FOUND) != key)
        e->key = key | (vb_lm_ngram(d->lm, g, 4, &e->logp, &e->bo) ? FOUND : 0);
    *logp = e->logp;
    return found(e);
}

/* Prefetches the cache entry and the table slot of n-gram g[0..n). */
static void c_prefetch(const vb_decoder *d, const uint32_t *g, int n)
{
#if defined(__GNUC__)
    /* both the cache's line and the table's: reading the cache here to
     * spare the table's would wait for it (the caches outgrow L2) */
    if (n == 2)
        __builtin_prefetch(&d->c2[cache_slot(key2(g[0], g[1]))]);
    else if (n == 3)
        __builtin_prefetch(&d->c3[cache_slot(key3(g[0], g[1], g[2]))]);
    else
        __builtin_prefetch(&d->c4[cache_slot(key4(g))]);
#endif
    vb_lm_prefetch(d->lm, g, n);
}

/* log10 P(w | t u v) through the caches (t unused by a trigram model). */
static float c_logp(vb_decoder *d, uint32_t t, uint32_t u, uint32_t v, uint32_t w)
{
    const cache_entry *e2 = c_bigram(d, v, w);
    float l, bo3 = 0.0f;
    const cache_entry *ctx3 = d->order >= 4 ? c_trigram(d, t, u, v) : NULL;
    if (ctx3 && found(ctx3))
        bo3 = ctx3->bo;
    if (!found(e2)) {
        l = bo3 + c_bigram(d, u, v)->bo + e2->logp;
    } else {
        const cache_entry *e3 = c_trigram(d, u, v, w);
        if (!found(e3))
            l = bo3 + c_bigram(d, u, v)->bo + e2->logp;
        else if (!(ctx3 && found(ctx3) && c_four(d, t, u, v, w, &l)))
            l = bo3 + e3->logp;
    }
    return d->adapt ? vb_adapt_logp(d->adapt, u, v, w, l) : l;
}

static int has_cand(const slot *s, uint32_t id)
{
    for (int i = 0; i < s->ncand; i++)
        if (s->cand[i] == id)
            return 1;
    return 0;
}

static int find_cand(const slot *s, uint32_t id)
{
    for (int i = 0; i < s->ncand; i++)
        if (s->cand[i] == id)
            return i;
    return -1;
}

static int known_cb(void *ctx, const char *w, size_t n)
{
    char low[256], skel[128];
    int marks, caps;
    if (!vb_word_fold(w, n, low, sizeof low, skel, sizeof skel, &marks, &caps))
        return 0;
    return vb_lm_id(ctx, low, strlen(low)) != VB_LM_UNK;
}

/* The plugged source's words for a token as model ids and natural-log
 * probabilities; n gets their count. */
static void extra_fetch(vb_decoder *d, const char *w, size_t len, uint32_t *ids, float *lp, int *n)
{
    vb_restore_cand out[NEXTRA];
    size_t k = d->extra(d->extra_ctx, w, len, known_cb, (void *)d->lm, out, NEXTRA);
    *n = 0;
    for (size_t i = 0; i < k && i < NEXTRA; i++) {
        char low[256], skel[128];
        int marks, caps;
        out[i].text[sizeof out[i].text - 1] = 0;
        if (!vb_word_fold(out[i].text, strlen(out[i].text), low, sizeof low, skel, sizeof skel,
                          &marks, &caps))
            continue;
        uint32_t id = vb_lm_id(d->lm, low, strlen(low));
        if (id != VB_LM_UNK)
            ids[*n] = id, lp[(*n)++] = out[i].logp;
    }
}

/* The same through a small cache: documents repeat their words, and the
 * channel's search is the costly part of OCR restoration. */
static const extra_entry *extra_lookup(vb_decoder *d, const char *w, size_t len)
{
    static extra_entry miss;
    if (!d->xcache || d->xcache_ctx != d->extra_ctx) {
        if (!d->xcache)
            d->xcache = malloc(XCACHE_SIZE * sizeof *d->xcache);
        if (!d->xcache) { /* out of memory: uncached */
            extra_fetch(d, w, len, miss.ids, miss.lp, &miss.n);
            return &miss;
        }
        for (size_t i = 0; i < XCACHE_SIZE; i++)
            d->xcache[i].key = 0;
        d->xcache_ctx = d->extra_ctx;
    }
    uint64_t key = vb_hash64(w, len, 0x63686e) | 1;
    extra_entry *e = &d->xcache[key % XCACHE_SIZE];
    if (e->key != key) {
        extra_fetch(d, w, len, e->ids, e->lp, &e->n);
        e->key = key;
    }
    return e;
}

static int id_cmp(const void *a, const void *b)
{
    uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
    return (x > y) - (x < y);
}

/* Candidates from the plugged source (OCR channel), natural log → log10.
 * A capitalised word may be a name the document writes right elsewhere:
 * such forms get NAME_BONUS. */
static void extra_cands(vb_decoder *d, slot *s)
{
    const extra_entry *e = extra_lookup(d, d->line + s->off, s->len);
    for (int i = 0; i < e->n && s->ncand < MAXC; i++) {
        float chan = e->lp[i] * 0.4342945f * d->extra_w;
        if (d->cur_keep > 0 && e->ids[i] != s->obs)
            chan -= d->cur_keep; /* what changing a word the engine read costs */
        int j = find_cand(s, e->ids[i]);
        if (j >= 0) { /* a form already there: the channel knows its cost */
            s->chan[j] = chan;
            continue;
        }
        s->cand[s->ncand] = e->ids[i];
        s->chan[s->ncand++] = chan;
    }
    for (int i = 0; d->nnames && (s->caps == 1 || s->caps == 2) && i < s->ncand; i++)
        if (s->cand[i] != s->obs && bsearch(&s->cand[i], d->names, d->nnames, sizeof *d->names, id_cmp))
            s->chan[i] += NAME_BONUS;
}

/* 1 when the first code point of w is an upper-case letter. */
static int first_upper(const char *w, size_t n)
{
    int len;
    vb_vnchar v;
    uint32_t cp = vb_utf8_get(w, n, &len);
    return vb_vnchar_get(cp, &v) && cp == v.upper && cp != v.lower;
}

/* A word: its observed form, and the forms of its skeleton. */
static int word_slot(vb_decoder *d, const char *w, size_t off, size_t n)
{
    char low[256], skel[128];
    int marks, caps;
    vb_word_fold(w, n, low, sizeof low, skel, sizeof skel, &marks, &caps);
    slot *s = add_slot(d);
    if (!s)
        return -1;
    s->off = off, s->len = n, s->caps = caps;
    s->obs = vb_lm_id(d->lm, low, strlen(low));
    s->cand[0] = s->obs, s->chan[0] = 0, s->ncand = 1;
    if (caps == 3 || (marks > 0 && s->obs != VB_LM_UNK && !d->garbled)) {
        if (d->extra)
            extra_cands(d, s);
        if (caps == 3 && s->ncand > 1) /* OCR's "DOi", "cUa": case from the first letter */
            s->caps = first_upper(w, n);
        s->word = s->ncand > 1;
        return 0;
    }
    uint32_t nf;
    const uint32_t *f = vb_lm_forms(d->lm, skel, strlen(skel), &nf);
    if (s->obs != VB_LM_UNK && (marks > 0 || d->cur_keep >= 0)) {
        /* garbled line (OCR): a known marked word may still be a misread
         * one; its other forms compete at a penalty (with word confidences,
         * the chunk's own, for marked and unmarked words alike) */
        float pen = d->cur_keep >= 0 ? d->cur_keep : GARBLED_PENALTY;
        for (uint32_t i = 0; i < nf && s->ncand < d->maxc; i++)
            if (f[i] != s->obs)
                s->cand[s->ncand] = f[i], s->chan[s->ncand++] = -pen;
        if (d->extra)
            extra_cands(d, s);
        s->word = s->ncand > 1;
        return 0;
    }
    if (nf > 0) {
        /* forms come most frequent first; rare ones rarely win and cost time */
        float floor = vb_lm_unigram(d->lm, f[0]) - d->span;
        s->ncand = 0;
        for (uint32_t i = 0; i < nf && s->ncand < d->maxc; i++)
            if (i == 0 || vb_lm_unigram(d->lm, f[i]) >= floor)
                s->cand[s->ncand] = f[i], s->chan[s->ncand++] = 0;
        if (s->obs != VB_LM_UNK && !has_cand(s, s->obs) && s->ncand < MAXC)
            s->cand[s->ncand] = s->obs, s->chan[s->ncand++] = 0;
    }
    if (d->extra)
        extra_cands(d, s);
    s->word = s->ncand > 1 || s->cand[0] != s->obs;
    return 0;
}

/* Splits the line into slots (the tokenizer's rules, with offsets). */
static int build(vb_decoder *d, const char *s, size_t n);
static int piece_slot(void *ctx, size_t off, size_t len, int kind);

/* The chosen word at slot j (d->best), <s> before the line. */
static uint32_t chosen(const vb_decoder *d, size_t j, size_t back)
{
    return j >= back ? d->s[j - back].cand[d->best[j - back]] : VB_LM_BOS;
}

/* Score of the chosen candidate at slot j given the chosen ones before it. */
static float lp(vb_decoder *d, size_t j)
{
    return c_logp(d, chosen(d, j, 3), chosen(d, j, 2), chosen(d, j, 1), chosen(d, j, 0)) +
           d->s[j].chan[d->best[j]];
}

/* Moves the b best of h[0..n) to the front, best first (selection; b is
 * small). Which of two equal scores goes first is the selection's. */
static void select_b(hyp *h, int n, int b)
{
    for (int i = 0; i < b; i++) {
        int m = i;
        float best = h[i].score; /* in a register: the scan is one compare a step */
        for (int j = i + 1; j < n; j++)
            if (h[j].score > best)
                m = j, best = h[j].score;
        hyp t = h[i];
        h[i] = h[m];
        h[m] = t;
    }
}

/* The same in one pass: each hypothesis is inserted into the b best so
 * far, or refused by one compare with the last of them. With no equal
 * scores among the b + 1 best the order is the selection's; with some
 * (rare), the selection decides. */
static void top_b(hyp *h, int n, int b)
{
    hyp top[MAXBEAM];
    int k = 0;
    float out = -INFINITY; /* the best score refused */
    if (b < 1 || b > MAXBEAM) {
        select_b(h, n, b);
        return;
    }
    for (int j = 0; j < n; j++) {
        float sc = h[j].score;
        if (k == b) {
            if (sc <= top[b - 1].score) {
                out = sc > out ? sc : out;
                continue;
            }
            out = top[b - 1].score > out ? top[b - 1].score : out;
            k--;
        }
        int p = k++;
        for (; p > 0 && top[p - 1].score < sc; p--)
            top[p] = top[p - 1];
        top[p] = h[j];
    }
    int ties = k > 0 && out == top[k - 1].score;
    for (int i = 1; i < k && !ties; i++)
        ties = top[i].score == top[i - 1].score;
    if (ties)
        select_b(h, n, b);
    else
        memcpy(h, top, (size_t)k * sizeof *h);
}

/* Beam search over slots 2..ns-1 (slots 0, 1 are <s>). The bigram part of
 * each score is computed once per (previous, this) candidate pair and the
 * context backoffs once per hypothesis; each extension then costs a trigram
 * probe where the bigram is stored and a 4-gram probe where the trigram is.
 * States are recombined on the last two candidates (the word before them,
 * which a 4-gram also reads, is the best path's). The probes of a stage are
 * prefetched together: the model is larger than the caches. */
static void search(vb_decoder *d)
{
    size_t B = (size_t)d->beam;
    int four = d->order >= 4;
    hyp tmp[MAXC * MAXBEAM];
    short map[MAXC * MAXC];
    float b2[MAXC * MAXC], l3[MAXBEAM * MAXC];
    unsigned char has2[MAXC * MAXC], row[MAXC], f3[MAXBEAM * MAXC];
    d->h[0 * B] = (hyp){0, 0, 0, 0};
    d->h[1 * B] = (hyp){0, 0, 0, 0};
    d->nh[0] = d->nh[1] = 1;
    for (size_t i = 2; i < d->ns; i++) {
        const slot *S = &d->s[i], *P = &d->s[i - 1], *Q = &d->s[i - 2];
        int nt = 0, K = S->ncand;
        for (int j = 0; j < P->ncand * K; j++)
            map[j] = -1;
        memset(row, 0, (size_t)P->ncand);
        const hyp *ph = &d->h[(i - 1) * B];
        int np = d->nh[i - 1];
        float bo2[MAXBEAM], bo3[MAXBEAM];
        uint32_t tw[MAXBEAM];
        unsigned char ctx3[MAXBEAM];
        for (int k = 0; k < np; k++) {
            uint32_t g[3] = {VB_LM_BOS, Q->cand[ph[k].pc], P->cand[ph[k].c]};
            if (i >= 3)
                g[0] = d->s[i - 3].cand[d->h[(i - 2) * B + ph[k].back].pc];
            tw[k] = g[0];
            c_prefetch(d, g + 1, 2);
            if (four)
                c_prefetch(d, g, 3);
            if (!row[ph[k].c]) {
                row[ph[k].c] = 1;
                for (int c = 0; c < K; c++) {
                    uint32_t b[2] = {P->cand[ph[k].c], S->cand[c]};
                    c_prefetch(d, b, 2);
                }
            }
        }
        for (int k = 0; k < np; k++) {
            uint32_t u = Q->cand[ph[k].pc], v = P->cand[ph[k].c];
            bo2[k] = c_bigram(d, u, v)->bo;
            ctx3[k] = 0, bo3[k] = 0.0f;
            if (four) {
                const cache_entry *e = c_trigram(d, tw[k], u, v);
                ctx3[k] = (unsigned char)found(e), bo3[k] = found(e) ? e->bo : 0.0f;
            }
            if (row[ph[k].c] == 1) { /* bigram parts of this previous candidate, once */
                for (int c = 0; c < K; c++) {
                    const cache_entry *e = c_bigram(d, v, S->cand[c]);
                    b2[ph[k].c * K + c] = e->logp;
                    has2[ph[k].c * K + c] = (unsigned char)found(e);
                }
                row[ph[k].c] = 2;
            }
        }
        for (int k = 0; k < np; k++)
            for (int c = 0; c < K; c++)
                if (has2[ph[k].c * K + c]) {
                    uint32_t g[3] = {Q->cand[ph[k].pc], P->cand[ph[k].c], S->cand[c]};
                    c_prefetch(d, g, 3);
                }
        for (int k = 0; k < np; k++) {
            uint32_t u = Q->cand[ph[k].pc], v = P->cand[ph[k].c];
            for (int c = 0; c < K; c++) {
                int x = k * K + c;
                f3[x] = 0;
                if (!has2[ph[k].c * K + c])
                    continue;
                const cache_entry *e = c_trigram(d, u, v, S->cand[c]);
                f3[x] = (unsigned char)found(e), l3[x] = e->logp;
                if (found(e) && ctx3[k]) {
                    uint32_t g[4] = {tw[k], u, v, S->cand[c]};
                    c_prefetch(d, g, 4);
                }
            }
        }
        for (int k = 0; k < np; k++) {
            const hyp *p = &ph[k];
            uint32_t u = Q->cand[p->pc], v = P->cand[p->c];
            for (int c = 0; c < K; c++) {
                int x = k * K + c;
                float l;
                if (!f3[x])
                    l = bo3[k] + bo2[k] + b2[p->c * K + c];
                else if (!(ctx3[k] && c_four(d, tw[k], u, v, S->cand[c], &l)))
                    l = bo3[k] + l3[x];
                if (d->adapt)
                    l = vb_adapt_logp(d->adapt, u, v, S->cand[c], l);
                float sc = p->score + l + S->chan[c];
                int j = map[p->c * K + c]; /* recombine states (previous, this) */
                if (j < 0) {
                    map[p->c * K + c] = (short)nt;
                    tmp[nt++] = (hyp){sc, (uint16_t)k, p->c, (uint8_t)c};
                } else if (sc > tmp[j].score) {
                    tmp[j] = (hyp){sc, (uint16_t)k, p->c, (uint8_t)c};
                }
            }
        }
        top_b(tmp, nt, (size_t)nt > B ? (int)B : nt);
        int keep = (size_t)nt > B ? (int)B : nt;
        while (keep > 1 && tmp[keep - 1].score < tmp[0].score - d->prune)
            keep--; /* hopeless hypotheses: not worth their table probes */
        d->nh[i] = keep;
        memcpy(&d->h[i * B], tmp, (size_t)d->nh[i] * sizeof(hyp));
    }
    size_t last = d->ns - 1;
    int bi = 0;
    for (int k = 1; k < d->nh[last]; k++)
        if (d->h[last * B + (size_t)k].score > d->h[last * B + (size_t)bi].score)
            bi = k;
    for (size_t i = last; i >= 2; i--) {
        const hyp *h = &d->h[i * B + (size_t)bi];
        d->best[i] = h->c;
        bi = h->back;
    }
    d->best[0] = d->best[1] = 0;
}

/* Posterior of each chosen form given the chosen neighbours: the scores of
 * the slots whose history holds it (order − 1 to its right). */
static void posteriors(vb_decoder *d)
{
    size_t span = (size_t)d->order - 1;
    for (size_t i = 2; i + 1 < d->ns; i++) {
        slot *S = &d->s[i];
        if (S->ncand <= 1) {
            d->conf[i] = 1.0f;
            continue;
        }
        float sc[MAXC], mx = -1e30f;
        uint8_t keep = d->best[i], alive[MAXC] = {0};
        /* candidates the beam dropped at this slot (10^3 below the best on
         * their left context) carry no posterior mass worth a table probe */
        int nalive = 0;
        for (int k = 0; k < d->nh[i]; k++)
            alive[d->h[i * (size_t)d->beam + (size_t)k].c] = 1;
        alive[keep] = 1;
        for (int c = 0; c < S->ncand; c++)
            nalive += alive[c];
        if (nalive == 1) { /* every rival fell out of the beam here */
            d->conf[i] = 1.0f;
            continue;
        }
        for (int c = 0; c < S->ncand; c++) {
            if (!alive[c])
                continue;
            d->best[i] = (uint8_t)c;
            sc[c] = 0;
            for (size_t j = i; j <= i + span && j < d->ns; j++)
                sc[c] += lp(d, j);
            mx = sc[c] > mx ? sc[c] : mx;
        }
        d->best[i] = keep;
        double z = 0;
        for (int c = 0; c < S->ncand; c++)
            if (alive[c])
                z += pow(10.0, (double)(sc[c] - mx));
        d->conf[i] = (float)(pow(10.0, (double)(sc[keep] - mx)) / z);
    }
}

/* The chosen form in the observed case into out; returns its length. */
static size_t cased(const char *w, int caps, char *out, size_t cap)
{
    size_t n = strlen(w), o = 0;
    for (size_t i = 0; i < n && o + 4 < cap;) {
        int len;
        vb_vnchar v;
        uint32_t cp = vb_utf8_get(w + i, n - i, &len);
        if ((caps == 2 || (caps == 1 && i == 0)) && vb_vnchar_get(cp, &v))
            cp = v.upper;
        o += (size_t)vb_utf8_put(cp, out + o);
        i += (size_t)len;
    }
    out[o] = 0;
    return o;
}

static int grow(vb_decoder *d)
{
    if (d->ns <= d->hcap)
        return 0;
    size_t cap = d->ns * 2;
    hyp *h = realloc(d->h, cap * MAXBEAM * sizeof *h);
    if (!h)
        return -1;
    d->h = h;
    int *nh = realloc(d->nh, cap * sizeof *nh);
    uint8_t *best = nh ? realloc(d->best, cap) : NULL;
    uint8_t *need = best ? realloc(d->need, cap) : NULL;
    float *conf = need ? realloc(d->conf, cap * sizeof *conf) : NULL;
    vb_edit *edit = conf ? realloc(d->edit, cap * sizeof *edit) : NULL;
    if (nh)
        d->nh = nh;
    if (best)
        d->best = best;
    if (need)
        d->need = need;
    if (conf)
        d->conf = conf;
    if (!edit)
        return -1;
    d->edit = edit;
    d->hcap = cap;
    return 0;
}

/* Whether word w[0..n) and the model's word m differ only in marks and case. */
static int same_skeleton(const char *w, size_t n, const char *m)
{
    char low[256], a[128], b[128];
    int marks, caps;
    return vb_word_fold(w, n, low, sizeof low, a, sizeof a, &marks, &caps) &&
           vb_word_fold(m, strlen(m), low, sizeof low, b, sizeof b, &marks, &caps) &&
           strcmp(a, b) == 0;
}

/* In OCR text, whether changing a capitalised word (a name, a heading
 * word) at slot i into id has support: an anchored neighbour (a word whose
 * letters were kept, marks aside) that the model pairs with id as a
 * collocation (log10 P ≥ NAME_BIGRAM), or the document writing id
 * capitalised elsewhere. Returns -1 when no neighbour is such a word (no
 * evidence either way). An unknown name ("Pa Thom", "Pu Nhi") has no
 * reading as written to protect it, and the channel always finds words
 * near it that make some phrase ("Xưa đã thơm", "Đủ như"). */
static int name_support(vb_decoder *d, size_t i, uint32_t id)
{
    int words = 0, st;
    if (d->nnames && bsearch(&id, d->names, d->nnames, sizeof id, id_cmp))
        return 1;
    for (int side = -1; side <= 1; side += 2) {
        size_t j = i + (size_t)side;
        if (j < 2 || j + 1 >= d->ns)
            continue;
        const slot *N = &d->s[j];
        uint32_t w = N->cand[d->best[j]];
        if (w < VB_LM_NFIXED ||
            !(w == N->obs || same_skeleton(d->line + N->off, N->len, vb_lm_word(d->lm, w))))
            continue;
        words++;
        float lp = side < 0 ? c_logp2(d, w, id, &st) : c_logp2(d, id, w, &st);
        if (st && lp >= NAME_BIGRAM)
            return 1;
    }
    return words ? 0 : -1;
}

/* Writes the changes into t, right to left so earlier offsets stay valid. */
/* What each word slot's change needs (d->need), judged on the line as
 * written, before apply() rewrites it. */
static void judge(vb_decoder *d)
{
    for (size_t i = 2; i < d->ns; i++) {
        const slot *S = &d->s[i];
        uint32_t id = S->cand[d->best[i]];
        /* a Title Case word inside a line that is a word as written (Paris,
         * Linux, Hoa) is a name: change it only when sure */
        d->need[i] = S->caps == 1 && i > 2 && S->obs != VB_LM_UNK && has_cand(S, S->obs);
        /* Title Case after a full stop is the sentence's, not a name's */
        int sentence = S->caps == 1 && !d->s[i - 1].word && d->s[i - 1].cand[0] == VB_LM_STOP;
        if (d->extra && S->word && (S->caps == 1 || S->caps == 2) && !sentence && id != VB_LM_UNK &&
            id != S->obs && !same_skeleton(d->line + S->off, S->len, vb_lm_word(d->lm, id))) {
            int sup = name_support(d, i, id);
            d->need[i] = sup == 0 ? 2 : sup < 0 ? 3 : d->need[i];
        }
    }
}

static int apply(vb_decoder *d, vb_text *t, double min_conf, vb_line_result *r)
{
    judge(d);
    /* the changes as edits, filled from the end as the slots are read
     * right to left (the order the counts are summed in); their forms go
     * into d->forms in that order */
    size_t first = d->ns;
    d->forms.len = 0;
    for (size_t i = d->ns - 1; i >= 2; i--) {
        const slot *S = &d->s[i];
        if (!S->word || S->off < d->span_from || S->off + S->len > d->span_to)
            continue;
        r->tokens++;
        r->confsum += d->conf[i];
        uint32_t id = S->cand[d->best[i]];
        double floor = d->need[i] == 1 ? NAME_CONF : d->need[i] == 3 ? NAME_ALONE_CONF : 0;
        double need = min_conf < floor ? floor : min_conf;
        if (id == VB_LM_UNK || id == S->obs || d->need[i] == 2 || d->conf[i] < need)
            continue;
        char form[256];
        size_t m = cased(vb_lm_word(d->lm, id), S->caps, form, sizeof form);
        if (m == S->len && memcmp(form, t->s + S->off, m) == 0)
            continue;
        if (vb_buf_cat(&d->forms, form, m))
            return -1;
        d->edit[--first] = (vb_edit){S->off, S->len, NULL, m, d->conf[i]};
        r->changed++;
    }
    size_t o = 0;
    for (size_t k = d->ns; k-- > first;) {
        d->edit[k].s = d->forms.s + o;
        o += d->edit[k].m;
    }
    return vb_text_replace(t, d->edit + first, d->ns - first);
}

/* ---- the document cache --------------------------------------------------- */

/* A document keeps to its subject: words it has already used with
 * confidence are likelier than the corpus says ("tim", the heart, in an
 * article on the heart, where the corpus prefers "tìm"). Each candidate of
 * an open slot gets β·log10(Pc(w) / P(w)), Pc = (c(w) + μ P(w)) / (N + μ)
 * the document's frequency of w smoothed towards its unigram P(w). β, μ
 * and the confidence a word needs to be counted were tuned on the
 * development slices (doc/model.md). */
#define CACHE_BETA 0.2
#define CACHE_MU 100.0
#define CACHE_CONF 0.9

static void cache_bonus(vb_decoder *d)
{
    if (!d->dcount || d->dtotal < 1)
        return;
    uint32_t nv = vb_lm_info(d->lm)->nvocab;
    for (size_t i = 2; i < d->ns; i++) {
        slot *S = &d->s[i];
        if (S->ncand <= 1)
            continue;
        for (int c = 0; c < S->ncand; c++) {
            uint32_t w = S->cand[c];
            if (w < nv && d->dcount[w] != 0)
                S->chan[c] += d->dbonus[w];
        }
    }
}

/* The bonus of word w counted c times: log10(Pc / P) less its value for
 * unseen words, the same for every candidate: log10(1 + c / (μ P)). Kept
 * per word as its count changes: candidates outnumber counted words. */
static float cache_weight(const vb_decoder *d, uint32_t w, uint32_t c)
{
    double p = pow(10.0, (double)vb_lm_unigram(d->lm, w));
    return (float)(CACHE_BETA * log10(1.0 + c / (CACHE_MU * p)));
}

/* Counts the confidently chosen words of the line just decoded. */
static void cache_learn(vb_decoder *d)
{
    uint32_t nv = vb_lm_info(d->lm)->nvocab;
    if (!d->dcount) {
        d->dcount = calloc(nv, sizeof *d->dcount);
        d->dbonus = malloc(nv * sizeof *d->dbonus);
        if (!d->dcount || !d->dbonus) { /* out of memory: no cache, nothing lost */
            free(d->dcount);
            free(d->dbonus);
            d->dcount = NULL, d->dbonus = NULL;
            return;
        }
    }
    for (size_t i = 2; i + 1 < d->ns; i++) {
        const slot *S = &d->s[i];
        uint32_t w = S->cand[d->best[i]];
        if (!S->word || w < VB_LM_NFIXED || w >= nv || d->conf[i] < CACHE_CONF)
            continue;
        d->dcount[w]++;
        d->dbonus[w] = cache_weight(d, w, d->dcount[w]);
        d->dtotal++;
    }
}

int vb_decoder_line(vb_decoder *d, vb_text *t, double min_conf, vb_line_result *r)
{
    *r = (vb_line_result){0, 0, 0.0};
    d->ns = 0;
    if (build(d, t->s, t->len) != 0 || grow(d) != 0)
        return -1;
    if (d->ns <= 3)
        return 0;
    cache_bonus(d);
    search(d);
    posteriors(d);
    cache_learn(d);
    return apply(d, t, min_conf, r);
}

/* ---- slots from the line ---------------------------------------------------- */

static int piece_slot(void *ctx, size_t off, size_t len, int kind)
{
    vb_decoder *d = ctx;
    if (kind == 1)
        return word_slot(d, d->line + off, off, len);
    if (kind == 2)
        return fixed_slot(d, VB_LM_CODE, off, len);
    return fixed_slot(d, (uint32_t)vb_lm_punct_class(d->line + off, len), off, len);
}

static int is_space_cp(uint32_t cp)
{
    return cp == ' ' || cp == '\t' || cp == '\r' || cp == '\n' || cp == 0xA0 ||
           (cp >= 0x2000 && cp <= 0x200B) || cp == 0x3000 || cp == 0x202F;
}

size_t vb_line_chunks(const char *s, size_t n, size_t *start, size_t *end, size_t cap)
{
    size_t i = 0, k = 0;
    int len;
    while (i < n) {
        while (i < n && is_space_cp(vb_utf8_get(s + i, n - i, &len)))
            i += (size_t)len;
        size_t a = i;
        while (i < n && !is_space_cp(vb_utf8_get(s + i, n - i, &len)))
            i += (size_t)len;
        if (i > a && k < cap)
            start[k] = a, end[k] = i;
        k += i > a;
    }
    return k;
}

/* URLs, e-mail addresses and paths pass through whole. An '@' makes an
 * address only with a dot after it (OCR reads marks as '@': "nu@éc,"). */
static int is_link(const char *s, size_t n)
{
    if (!memchr(s, '.', n) && !memchr(s, ':', n) && !memchr(s, '@', n))
        return 0; /* every form below has one of them */
    const char *at = memchr(s, '@', n);
    return memmem(s, n, "://", 3) || memmem(s, n, "www.", 4) ||
           (at && at > s && memchr(at, '.', n - (size_t)(at - s)) && at[n - (size_t)(at - s) - 1] != '.') ||
           (n > 4 && memmem(s, n, ".vn", 3)) || (n > 4 && memmem(s, n, ".com", 4));
}

typedef struct {
    vb_decoder *d;
    size_t base;
} chunk_t;

static int chunk_piece(void *ctx, size_t off, size_t len, int kind)
{
    chunk_t *c = ctx;
    return piece_slot(c->d, c->base + off, len, kind);
}

/* Every lowercase Vietnamese vowel letter and đ: what a dropped glyph was. */
static const char *const dropped[] = {
    "a", "à", "á", "ả", "ã", "ạ", "ă", "ằ", "ắ", "ẳ", "ẵ", "ặ", "â", "ầ", "ấ", "ẩ", "ẫ", "ậ",
    "e", "è", "é", "ẻ", "ẽ", "ẹ", "ê", "ề", "ế", "ể", "ễ", "ệ", "i", "ì", "í", "ỉ", "ĩ", "ị",
    "o", "ò", "ó", "ỏ", "õ", "ọ", "ô", "ồ", "ố", "ổ", "ỗ", "ộ", "ơ", "ờ", "ớ", "ở", "ỡ", "ợ",
    "u", "ù", "ú", "ủ", "ũ", "ụ", "ư", "ừ", "ứ", "ử", "ữ", "ự", "y", "ỳ", "ý", "ỷ", "ỹ", "ỵ",
    "đ"};

/* A piece of a word whose glyph vanished: letters without the shape of a
 * syllable ("đ", "nh", "b"), or unknown to the model. */
static int vb_word_fold_ok(const vb_decoder *d, const slot *S)
{
    char low[256], skel[128];
    int marks, caps;
    return S->len <= 8 && vb_word_fold(d->line + S->off, S->len, low, sizeof low, skel,
                                       sizeof skel, &marks, &caps);
}

static int fragment(const vb_decoder *d, const slot *S)
{
    char low[256], skel[128];
    int marks, caps;
    if (S->len > 8 || !vb_word_fold(d->line + S->off, S->len, low, sizeof low, skel, sizeof skel,
                                    &marks, &caps))
        return 0;
    return caps < 2 && (!vb_syllable_shape(skel) || S->obs == VB_LM_UNK);
}

/* Words A X B where X is one dropped glyph: the known ones into out. */
static int fill_gap(const vb_decoder *d, const slot *A, const slot *B, uint32_t *out, int max)
{
    char a[128], b[128], skel[128], w[300];
    int marks, caps, n = 0;
    if (!vb_word_fold(d->line + A->off, A->len, a, sizeof a, skel, sizeof skel, &marks, &caps) ||
        (B && !vb_word_fold(d->line + B->off, B->len, b, sizeof b, skel, sizeof skel, &marks,
                            &caps)))
        return 0;
    size_t la = strlen(a), lb = B ? strlen(b) : 0;
    memcpy(w, a, la);
    uint32_t all[sizeof dropped / sizeof dropped[0]];
    for (size_t k = 0; k < sizeof dropped / sizeof dropped[0]; k++) {
        size_t lx = strlen(dropped[k]), len = la + lx + lb;
        memcpy(w + la, dropped[k], lx);
        memcpy(w + la + lx, b, lb);
        uint32_t id = vb_lm_id(d->lm, w, len);
        char low[300];
        /* Vietnamese syllables only: "o t o" is not "out ở" */
        if (id != VB_LM_UNK &&
            vb_word_fold(w, len, low, sizeof low, skel, sizeof skel, &marks, &caps) &&
            vb_syllable_shape(skel))
            all[n++] = id;
    }
    for (int i = 1; i < n; i++) /* most frequent first, then keep max */
        for (int j = i; j > 0 && vb_lm_unigram(d->lm, all[j]) > vb_lm_unigram(d->lm, all[j - 1]);
             j--) {
            uint32_t t = all[j];
            all[j] = all[j - 1];
            all[j - 1] = t;
        }
    n = n < max ? n : max;
    memcpy(out, all, (size_t)n * sizeof *out);
    return n;
}

/* Glyph-dropout repair: a fragment and its neighbour across one space
 * become one slot whose candidates are the words the gap completes. */
static void dropout_merge(vb_decoder *d)
{
    for (size_t i = 2; i + 1 < d->ns; i++) {
        slot *A = &d->s[i], *B = &d->s[i + 1];
        int pair = B->caps != 3 && A->caps != 3 && i + 2 < d->ns &&
                   B->off == A->off + A->len + 1 && d->line[A->off + A->len] == ' ' &&
                   vb_word_fold_ok(d, B) && (fragment(d, A) || fragment(d, B));
        uint32_t c[MAXC];
        int n = pair ? fill_gap(d, A, B, c, d->maxc) : 0;
        if (n == 0 && !fragment(d, A))
            continue;
        if (n == 0) { /* a lone fragment, then the gap and a space: "chuẩn b  tốt" */
            size_t e = A->off + A->len;
            if (A->caps != 0 || d->line[e] != ' ' || d->line[e + 1] != ' ')
                continue;
            n = fill_gap(d, A, NULL, c, d->maxc);
            if (n == 0)
                continue;
            pair = 0;
        }
        if (pair) {
            A->len = B->off + B->len - A->off;
            memmove(B, B + 1, (d->ns - i - 2) * sizeof *B);
            d->ns--;
        }
        for (int k = 0; k < n; k++)
            A->cand[k] = c[k], A->chan[k] = -0.3f;
        A->ncand = n;
        A->obs = VB_LM_UNK;
        A->word = 1;
    }
}

static int edge_punct(uint32_t cp)
{
    return (cp < 128 && strchr(".,;:!?()[]\"'", (int)cp) != NULL) || cp == 0x201C ||
           cp == 0x201D || cp == 0x2018 || cp == 0x2019 || cp == 0xAB || cp == 0xBB;
}

/* The last code point of s[0..n) and its length. */
static uint32_t last_cp(const char *s, size_t n, int *len)
{
    size_t p = n - 1;
    while (p > 0 && n - p < 4 && ((unsigned char)s[p] & 0xC0) == 0x80)
        p--;
    uint32_t cp = vb_utf8_get(s + p, n - p, len);
    if ((size_t)*len != n - p)
        *len = 1, cp = 0xFFFD;
    return cp;
}

/* A chunk s[*a..*b) that is, inside its edge punctuation, letters mixed
 * with digits or with symbols OCR made of letters ("X3y", "B6", "ở6",
 * "truo*ng", "$6"); narrows [*a, *b) to that core. A '?' or '!' after
 * letters that are no word ("nh?") belongs to the core. Returns 1 for
 * letters and digits only, 2 when symbols are in it, 0 for neither. */
static int mixed_core(const vb_decoder *d, const char *s, size_t *a, size_t *b)
{
    size_t i = *a, e = *b;
    int len, letters = 0, digits = 0, junk = 0;
    while (i < e && edge_punct(vb_utf8_get(s + i, e - i, &len)))
        i += (size_t)len;
    while (e > i && edge_punct(last_cp(s + i, e - i, &len)))
        e -= (size_t)len;
    if (e - i >= 64)
        return 0;
    for (size_t k = i; k < e; k += (size_t)len) {
        vb_vnchar v;
        uint32_t cp = vb_utf8_get(s + k, e - k, &len);
        if (cp >= '0' && cp <= '9')
            digits++;
        else if (vb_vnchar_get(cp, &v))
            letters++;
        else if (vb_channel_symbol(cp))
            junk++;
        else
            return 0;
    }
    if (letters && !digits && !junk && e < *b && (s[e] == '?' || s[e] == '!')) {
        char low[256], skel[128];
        int marks, caps;
        if (vb_word_fold(s + i, e - i, low, sizeof low, skel, sizeof skel, &marks, &caps) &&
            vb_lm_id(d->lm, low, strlen(low)) == VB_LM_UNK)
            e++, junk++;
    }
    if (!(letters && (digits || junk)) && !(junk && digits))
        return 0;
    *a = i, *b = e;
    return junk ? 2 : 1;
}

/* One slot for a mixed chunk: unknown as written, the channel's words. */
static int mixed_slot(vb_decoder *d, size_t off, size_t len)
{
    slot *s = add_slot(d);
    if (!s)
        return -1;
    int up = 0, letters = 0, l;
    for (size_t k = off; k < off + len; k += (size_t)l) {
        vb_vnchar v;
        uint32_t cp = vb_utf8_get(d->line + k, off + len - k, &l);
        if (vb_vnchar_get(cp, &v))
            letters++, up += cp == v.upper && cp != v.lower;
    }
    s->off = off, s->len = len, s->obs = VB_LM_UNK;
    s->caps = letters >= 2 && up == letters ? 2 : first_upper(d->line + off, len);
    s->cand[0] = VB_LM_UNK, s->chan[0] = 0, s->ncand = 1;
    extra_cands(d, s);
    s->word = s->ncand > 1;
    return 0;
}

/* A piece of a chunk the OCR engine was sure of: as written. */
static int kept_piece(void *ctx, size_t off, size_t len, int kind)
{
    chunk_t *c = ctx;
    const char *w = c->d->line + c->base + off;
    char low[256], skel[128];
    int marks, caps;
    uint32_t id = kind == 2 ? VB_LM_CODE
                  : kind == 1 ? (vb_word_fold(w, len, low, sizeof low, skel, sizeof skel, &marks,
                                              &caps)
                                     ? vb_lm_id(c->d->lm, low, strlen(low))
                                     : VB_LM_UNK)
                              : (uint32_t)vb_lm_punct_class(w, len);
    return fixed_slot(c->d, id, c->base + off, len);
}

/* An unknown word kept as written competes with known ones (OCR's "titng"
 * against the channel's "từng") at P(<unk> | context) times the chance of
 * this one string among all unknown words, 10^-UNK_PENALTY: <unk> is the
 * mass of every word the model lacks, and unknown words come in runs
 * (names, foreign words), so without it garbled runs read as likely.
 * Tuned on the OCR development set (doc/model.md). */
#define UNK_PENALTY 3.0f

static void unknown_penalty(vb_decoder *d)
{
    for (size_t i = 2; i < d->ns; i++)
        if (d->s[i].ncand > 1 && d->s[i].word)
            for (int c = 0; c < d->s[i].ncand; c++)
                if (d->s[i].cand[c] == VB_LM_UNK)
                    d->s[i].chan[c] -= UNK_PENALTY;
}

/* Slots of a chunk between spaces that holds no markup. */
static int plain_chunk(vb_decoder *d, const char *s, size_t start, size_t end)
{
    chunk_t c = {d, start};
    size_t a = start, b = end;
    if (d->extra) {
        /* a table rule OCR read as '|' between two words: "cho|Phúc" */
        for (size_t k = start + 1; k + 1 < end; k++) {
            if (s[k] != '|')
                continue;
            size_t p = k - 1;
            while (p > start && (s[p] & 0xC0) == 0x80)
                p--;
            int len;
            vb_vnchar v;
            if (vb_vnchar_get(vb_utf8_get(s + p, k - p, &len), &v) &&
                vb_vnchar_get(vb_utf8_get(s + k + 1, end - k - 1, &len), &v))
                return plain_chunk(d, s, start, k) || fixed_slot(d, VB_LM_COMMA, k, 1) ||
                       plain_chunk(d, s, k + 1, end);
        }
    }
    int mixed = mixed_core(d, s, &a, &b);
    if (mixed == 1 || (mixed && d->extra)) {
        /* OCR's "X3y", "m6", "truo*ng" as one word; elsewhere letters glued
         * to digits are a code or a formula (CO2, H2O, A1) and pass */
        chunk_t e = {d, b};
        return vb_lm_pieces(s + start, a - start, chunk_piece, &c) ||
               (d->extra ? mixed_slot(d, a, b - a) : fixed_slot(d, VB_LM_CODE, a, b - a)) ||
               vb_lm_pieces(s + b, end - b, chunk_piece, &e);
    }
    return is_link(s + start, end - start) ? fixed_slot(d, VB_LM_CODE, start, end - start)
                                           : vb_lm_pieces(s + start, end - start, chunk_piece, &c);
}

/* Copies memo entry e's slots for the chunk at start. */
static int memo_get(vb_decoder *d, const memo_entry *e, size_t start)
{
    int c = 0;
    for (int k = 0; k < e->nslot; k++) {
        slot *S = add_slot(d);
        if (!S)
            return -1;
        S->off = start + e->s[k].off, S->len = e->s[k].len;
        S->caps = e->s[k].caps, S->word = e->s[k].word, S->obs = e->s[k].obs;
        S->ncand = e->s[k].ncand;
        memcpy(S->cand, e->cand + c, (size_t)S->ncand * sizeof *S->cand);
        memcpy(S->chan, e->chan + c, (size_t)S->ncand * sizeof *S->chan);
        c += S->ncand;
    }
    return 0;
}

/* Keeps slots d->s[first..) of the chunk at start in e, when they fit. */
static void memo_put(vb_decoder *d, memo_entry *e, uint64_t key, const char *s, size_t start,
                     size_t n, size_t first)
{
    int total = 0;
    for (size_t k = first; k < d->ns; k++)
        total += d->s[k].ncand;
    e->key = 0;
    if (d->ns - first > MEMO_SLOTS || total > MEMO_CANDS)
        return;
    int c = 0;
    for (size_t k = first; k < d->ns; k++) {
        const slot *S = &d->s[k];
        e->s[k - first].off = (uint16_t)(S->off - start), e->s[k - first].len = (uint16_t)S->len;
        e->s[k - first].caps = (uint8_t)S->caps, e->s[k - first].word = (uint8_t)S->word;
        e->s[k - first].ncand = (uint8_t)S->ncand, e->s[k - first].obs = S->obs;
        memcpy(e->cand + c, S->cand, (size_t)S->ncand * sizeof *S->cand);
        memcpy(e->chan + c, S->chan, (size_t)S->ncand * sizeof *S->chan);
        c += S->ncand;
    }
    e->key = key, e->len = (uint8_t)n, e->garbled = (uint8_t)d->garbled;
    e->nslot = (uint8_t)(d->ns - first);
    memcpy(e->bytes, s + start, n);
}

/* plain_chunk through the memo. */
static int memo_chunk(vb_decoder *d, const char *s, size_t start, size_t end)
{
    size_t n = end - start;
    if (d->extra || d->cur_keep >= 0 || n > MEMO_BYTES ||
        (!d->memo && !(d->memo = calloc(MEMO_SIZE, sizeof *d->memo))))
        return plain_chunk(d, s, start, end);
    uint64_t key = vb_hash64(s + start, n, 0x6d656d6f) | 1;
    memo_entry *e = &d->memo[key % MEMO_SIZE];
    if (e->key == key && e->len == n && e->garbled == d->garbled &&
        memcmp(e->bytes, s + start, n) == 0)
        return memo_get(d, e, start);
    size_t first = d->ns;
    if (plain_chunk(d, s, start, end))
        return -1;
    memo_put(d, e, key, s, start, n, first);
    return 0;
}

/* Length of a markup tag at s[0..n) ("<p>", "</td>", "<br/>"), 0 if none. */
static size_t tag_len(const char *s, size_t n)
{
    size_t i = 1;
    if (n < 3 || s[0] != '<')
        return 0;
    if (s[i] == '/')
        i++;
    size_t name = i;
    while (i < n && ((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= 'A' && s[i] <= 'Z') ||
                     (i > name && s[i] >= '0' && s[i] <= '9')))
        i++;
    if (i == name)
        return 0;
    if (i < n && s[i] == '/')
        i++;
    return i < n && s[i] == '>' ? i + 1 : 0;
}

/* A table cell's edge (a tab) or markup left in the text (a tag): one
 * clause boundary for the model, as between cells no phrase goes on;
 * none right after another boundary. */
static int boundary_slot(vb_decoder *d, size_t off, size_t len)
{
    const slot *last = &d->s[d->ns - 1];
    uint32_t id = last->cand[0];
    if (!last->word && (id == VB_LM_BOS || id == VB_LM_COMMA || id == VB_LM_STOP))
        return 0;
    return fixed_slot(d, VB_LM_COMMA, off, len);
}

/* Slots of a chunk between spaces: its tags are boundaries. */
static int chunk_slots(vb_decoder *d, const char *s, size_t start, size_t end)
{
    for (size_t k = start; k < end; k++) {
        size_t t = s[k] == '<' ? tag_len(s + k, end - k) : 0;
        if (!t)
            continue;
        if ((k > start && memo_chunk(d, s, start, k)) || boundary_slot(d, k, t))
            return -1;
        start = k + t;
        k = start - 1;
    }
    return start < end ? memo_chunk(d, s, start, end) : 0;
}

/* A section number in Roman numerals opening a line ("IV.", "II)"), also
 * as OCR writes its I with a 1 or an l ("I1."): the length of the numeral,
 * 0 if the chunk s[0..n) is none. It is a number: never restored (the
 * channel would read "VI." as "VỚI."). */
static size_t roman_heading(const char *s, size_t n)
{
    size_t k = 0;
    int letters = 0;
    while (k < n && strchr("IVXL1l", s[k]) && s[k])
        letters += s[k] == 'I' || s[k] == 'V' || s[k] == 'X', k++;
    return letters && k + 1 == n && (s[k] == '.' || s[k] == ')') ? k : 0;
}

static int build(vb_decoder *d, const char *s, size_t n)
{
    d->line = s;
    int first = 1; /* the line's first chunk is still to come */
    if (fixed_slot(d, VB_LM_BOS, 0, 0) || fixed_slot(d, VB_LM_BOS, 0, 0))
        return -1;
    size_t i = 0, chunk = 0;
    int len;
    while (i < n) {
        int tab = 0;
        while (i < n && is_space_cp(vb_utf8_get(s + i, n - i, &len))) {
            tab |= s[i] == '\t';
            i += (size_t)len;
        }
        size_t start = i;
        while (i < n && !is_space_cp(vb_utf8_get(s + i, n - i, &len)))
            i += (size_t)len;
        if (i == start)
            continue;
        d->cur_keep = d->keep && chunk < d->nkeep ? d->keep[chunk] : -1.0f;
        if (tab && boundary_slot(d, start, 0))
            return -1;
        size_t roman = first && start >= d->span_from ? roman_heading(s + start, i - start) : 0;
        first &= start < d->span_from;
        if (roman) {
            /* for the model, the numeral it has seen ("iii"), 1 and l as I */
            char low[16];
            size_t m = roman < sizeof low ? roman : 0;
            for (size_t k = 0; k < m; k++)
                low[k] = s[start + k] == '1' || s[start + k] == 'l' ? 'i' : (char)(s[start + k] | 0x20);
            uint32_t id = m ? vb_lm_id(d->lm, low, m) : VB_LM_UNK;
            chunk_t c = {d, start + roman};
            if (fixed_slot(d, id == VB_LM_UNK ? VB_LM_CODE : id, start, roman) ||
                vb_lm_pieces(s + start + roman, i - start - roman, chunk_piece, &c))
                return -1;
        } else if (d->cur_keep >= VB_KEEP_ASIS) {
            chunk_t c = {d, start};
            if (vb_lm_pieces(s + start, i - start, kept_piece, &c))
                return -1;
        } else if (chunk_slots(d, s, start, i)) {
            return -1;
        }
        chunk++;
    }
    if (fixed_slot(d, VB_LM_EOS, n, 0))
        return -1;
    if (d->dropout)
        dropout_merge(d);
    unknown_penalty(d);
    return 0;
}
