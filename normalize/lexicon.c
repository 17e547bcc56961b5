/* lexicon.c — the set of the prefixes of the language model's words
 * (lexicon.h): a Bloom filter over 64-bit polynomial hashes of the
 * case-folded prefixes, a few hundred thousand of them for the model's
 * vocabulary, built once when OCR text first needs it. */
#include "normalize/lexicon.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

/* A Bloom filter: small enough to stay in the processor's cache, which a
 * hash table of the same prefixes (8 MB) did not; the search probes it for
 * every reading it tries. About 1 in 400 non-prefixes passes (it is then
 * merely searched on). */
#define BITS_PER 16 /* bits per prefix */
#define PROBES 4

struct vb_lexicon {
    uint64_t *bits;
    size_t mask;    /* number of bits − 1 */
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

static void set_bits(vb_lexicon *x, uint64_t h)
{
    uint64_t a = h, b = (h >> 29 | h << 35) | 1; /* double hashing */
    for (int i = 0; i < PROBES; i++, a += b)
        x->bits[(a & x->mask) >> 6] |= (uint64_t)1 << (a & 63);
}

vb_lexicon *vb_lexicon_new(const vb_lm *lm)
{
    uint32_t nv = vb_lm_info(lm)->nvocab;
    size_t prefixes = 0, nbits = 1 << 16;
    for (uint32_t id = VB_LM_NFIXED; id < nv; id++) { /* at most one per code point */
        const char *w = vb_lm_word(lm, id);
        for (size_t i = 0; w && w[i]; i++)
            prefixes += ((unsigned char)w[i] & 0xC0) != 0x80;
    }
    while (nbits < BITS_PER * prefixes)
        nbits *= 2;
    vb_lexicon *x = calloc(1, sizeof *x);
    if (!x || !(x->bits = calloc(nbits / 64, sizeof *x->bits))) {
        free(x);
        return NULL;
    }
    x->mask = nbits - 1;
    for (uint32_t id = VB_LM_NFIXED; id < nv; id++) {
        const char *w = vb_lm_word(lm, id);
        size_t n = w ? strlen(w) : 0;
        uint64_t h = VB_LEX_EMPTY;
        for (size_t i = 0; i < n;) {
            int len;
            vb_utf8_get(w + i, n - i, &len);
            h = vb_lexicon_step(h, w + i, (size_t)len);
            i += (size_t)len;
            set_bits(x, h);
        }
    }
    return x;
}

void vb_lexicon_free(vb_lexicon *x)
{
    if (!x)
        return;
    free(x->bits);
    free(x);
}

int vb_lexicon_has(const vb_lexicon *x, uint64_t h)
{
    uint64_t a = h, b = (h >> 29 | h << 35) | 1;
    for (int i = 0; i < PROBES; i++, a += b)
        if (!(x->bits[(a & x->mask) >> 6] & ((uint64_t)1 << (a & 63))))
            return 0;
    return 1;
}
