/* lexicon.c — a hash set of the prefixes of the language model's words
 * (lexicon.h): open addressing over 64-bit polynomial hashes of the
 * case-folded prefixes, a few hundred thousand entries for the model's vocabulary,
 * built once when OCR text first needs it. */
#include "normalize/lexicon.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

struct vb_lexicon {
    uint64_t *slot; /* 0 = empty */
    size_t mask, n;
};

/* Lower case of the code points below 0x1F00 (Latin, with Vietnamese's
 * letters), built once: the channel's search folds every letter it tries. */
#define FOLD_MAX 0x1F00
static uint16_t fold[FOLD_MAX];
static pthread_once_t fold_once = PTHREAD_ONCE_INIT;

static void fold_build(void)
{
    for (uint32_t cp = 0; cp < FOLD_MAX; cp++) {
        vb_vnchar v;
        fold[cp] = (uint16_t)(vb_vnchar_get(cp, &v) ? v.lower : cp);
    }
}

#define MUL 0x100000001b3ULL /* the polynomial's base (odd: a bijection mod 2^64) */

static uint64_t fnv(uint64_t h, unsigned char b)
{
    return h * MUL + b + 1;
}

vb_lexseg vb_lexicon_seg(const char *s, size_t n)
{
    vb_lexseg g = {0, 1};
    g.h = vb_lexicon_step(0, s, n);
    /* pow = MUL^(folded length): step the unit through the same bytes */
    uint64_t one = vb_lexicon_step(1, s, n) - g.h; /* = MUL^k, as step is affine in h */
    g.pow = one;
    return g;
}

uint64_t vb_lexicon_step(uint64_t h, const char *s, size_t n)
{
    const unsigned char *u = (const unsigned char *)s;
    pthread_once(&fold_once, fold_build);
    for (size_t i = 0; i < n;) {
        uint32_t cp;
        int len;
        if (u[i] < 0x80) { /* ASCII: the search's most common case */
            h = fnv(h, u[i] >= 'A' && u[i] <= 'Z' ? u[i] + 32u : u[i]);
            i++;
            continue;
        }
        if ((u[i] & 0xE0) == 0xC0 && i + 1 < n)
            cp = ((u[i] & 0x1Fu) << 6) | (u[i + 1] & 0x3Fu), len = 2;
        else if ((u[i] & 0xF0) == 0xE0 && i + 2 < n)
            cp = ((u[i] & 0x0Fu) << 12) | ((u[i + 1] & 0x3Fu) << 6) | (u[i + 2] & 0x3Fu), len = 3;
        else
            cp = FOLD_MAX, len = 1; /* anything else is hashed as it is */
        if (cp < FOLD_MAX && fold[cp] != cp) {
            char buf[4];
            int k = vb_utf8_put(fold[cp], buf);
            for (int j = 0; j < k; j++)
                h = fnv(h, (unsigned char)buf[j]);
        } else {
            for (int j = 0; j < len; j++)
                h = fnv(h, u[i + (size_t)j]);
        }
        i += (size_t)len;
    }
    return h;
}

static int insert(vb_lexicon *x, uint64_t h)
{
    h |= 1; /* never the empty slot */
    if (2 * (x->n + 1) > x->mask + 1) { /* keep the table at most half full */
        size_t cap = 2 * (x->mask + 1);
        uint64_t *s = calloc(cap, sizeof *s), *old = x->slot;
        if (!s)
            return -1;
        for (size_t i = 0; i <= x->mask; i++)
            if (old[i]) {
                size_t j = old[i] & (cap - 1);
                while (s[j])
                    j = (j + 1) & (cap - 1);
                s[j] = old[i];
            }
        free(old);
        x->slot = s;
        x->mask = cap - 1;
    }
    size_t j = h & x->mask;
    while (x->slot[j] && x->slot[j] != h)
        j = (j + 1) & x->mask;
    x->n += x->slot[j] == 0;
    x->slot[j] = h;
    return 0;
}

vb_lexicon *vb_lexicon_new(const vb_lm *lm)
{
    vb_lexicon *x = calloc(1, sizeof *x);
    if (!x || !(x->slot = calloc((size_t)1 << 16, sizeof *x->slot))) {
        free(x);
        return NULL;
    }
    x->mask = ((size_t)1 << 16) - 1;
    uint32_t nv = vb_lm_info(lm)->nvocab;
    for (uint32_t id = VB_LM_NFIXED; id < nv; id++) {
        const char *w = vb_lm_word(lm, id);
        size_t n = w ? strlen(w) : 0;
        uint64_t h = VB_LEX_EMPTY;
        for (size_t i = 0; i < n;) {
            int len;
            vb_utf8_get(w + i, n - i, &len);
            h = vb_lexicon_step(h, w + i, (size_t)len);
            i += (size_t)len;
            if (insert(x, h)) {
                vb_lexicon_free(x);
                return NULL;
            }
        }
    }
    return x;
}

void vb_lexicon_free(vb_lexicon *x)
{
    if (!x)
        return;
    free(x->slot);
    free(x);
}

int vb_lexicon_has(const vb_lexicon *x, uint64_t h)
{
    h |= 1;
    for (size_t j = h & x->mask; x->slot[j]; j = (j + 1) & x->mask)
        if (x->slot[j] == h)
            return 1;
    return 0;
}
