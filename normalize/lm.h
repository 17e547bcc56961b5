/* lm.h — private: the syllable language model (format, lookup) and the
 * Vietnamese character/token helpers shared by the trainer (tools/vbtrain.c)
 * and the restorer. The model is a 3- or 4-gram backoff model (interpolated
 * modified Kneser–Ney, pruned, quantized) in one little-endian file that is
 * memory-mapped as is; see doc/model.md for the layout. */
#ifndef VB_LM_H
#define VB_LM_H

#include <stddef.h>
#include <stdint.h>

#include "core/vanban.h"

/* ---- characters and tokens (lmtok.c) ----------------------------------- */

/* Decodes one UTF-8 code point at s (n bytes left); *len gets its length
 * (1 for invalid bytes, which yield 0xFFFD). */
uint32_t vb_utf8_get(const char *s, size_t n, int *len);
/* Encodes cp into out (4 bytes room); returns the length. */
int vb_utf8_put(uint32_t cp, char *out);

/* Facts about a letter: 0 when cp is not a letter vanban knows (ASCII or
 * Vietnamese). */
typedef struct vb_vnchar {
    uint32_t lower, upper;   /* case forms */
    char base;               /* ASCII skeleton letter ('d' for đ) */
    unsigned char marked;    /* 1 when it carries a diacritic */
} vb_vnchar;
/* Returns 1 and fills *out when cp is an ASCII or Vietnamese letter. */
int vb_vnchar_get(uint32_t cp, vb_vnchar *out);

/* Token classes for the model's fixed ids. */
enum { VB_LM_UNK = 0, VB_LM_BOS, VB_LM_EOS, VB_LM_CODE, VB_LM_STOP, VB_LM_COMMA, VB_LM_NFIXED };

/* A word of letters: lowercased into low (NUL-terminated), ASCII skeleton
 * into skel. Returns 1 when s[0..n) is all letters and fits (cap bytes),
 * 0 otherwise. *marks gets the number of marked letters, *caps a case code:
 * 0 lower, 1 Title, 2 ALL CAPS (≥ 2 letters), 3 mixed. */
int vb_word_fold(const char *s, size_t n, char *low, size_t cap, char *skel,
                 size_t skelcap, int *marks, int *caps);

/* Splits a line into pieces: maximal runs of letters (kind 1), digits (2)
 * or other non-space characters (3), calling fn with each one's offset. */
int vb_lm_pieces(const char *s, size_t n, int (*fn)(void *ctx, size_t off, size_t len, int kind),
                 void *ctx);
/* VB_LM_STOP for punctuation that ends a sentence or clause, else COMMA. */
int vb_lm_punct_class(const char *s, size_t n);

/* Splits a line into model tokens, calling fn(ctx, text, n, cls) for each:
 * cls is -1 for a word (text = lowercased letters), else a VB_LM_* class
 * (CODE for numbers, STOP/COMMA for punctuation): the pieces of
 * vb_lm_pieces. Returns 0, or
 * what fn returned when it was non-zero. */
int vb_lm_tokenize(const char *s, size_t n,
                   int (*fn)(void *ctx, const char *w, size_t wn, int cls), void *ctx);

/* Whether a lowercase ASCII skeleton has the shape of a Vietnamese syllable
 * (onset, vowels, final). */
int vb_syllable_shape(const char *skel);

/* 64-bit hash of bytes. */
uint64_t vb_hash64(const void *p, size_t n, uint64_t seed);

/* ---- the model file (lm.c) ---------------------------------------------- */

#define VB_LM_MAGIC "VBLM0005"
#define VB_LM_MAXORDER 4
/* Probabilities and backoffs of n-grams are 8-bit indices into per-order
 * codebooks of 256 log10 values (bins of equal population). */
#define VB_LM_QLEVELS 256

typedef struct vb_lm_header {
    char magic[8];
    uint32_t order, nvocab;       /* order 3 or 4 */
    uint64_t ntokens;             /* training tokens (weighted) */
    uint32_t vhash_size;          /* vocab hash slots */
    uint32_t skel_size, nskelforms;
    uint32_t pad;
    /* n-gram tables, index = order (2 .. order): slots, entries, offset.
     * An entry is a 24-bit fingerprint (0 = empty slot), an 8-bit
     * probability code and, below the top order, an 8-bit backoff code:
     * 5 bytes, 4 at the top order. */
    uint32_t ng_size[VB_LM_MAXORDER + 1], ng_n[VB_LM_MAXORDER + 1];
    uint64_t off_ng[VB_LM_MAXORDER + 1];
    /* codebooks: per order 2 .. order, VB_LM_QLEVELS probabilities then
     * VB_LM_QLEVELS backoffs (float log10) */
    uint64_t off_code;
    uint64_t off_vstr, off_voff, off_vhash, off_uni;
    uint64_t off_skel, off_skelforms;
    uint64_t file_size;
    char recipe[256];             /* how it was built, for `model info` */
} vb_lm_header;

typedef struct vb_lm_uni {
    float logp, bo;               /* log10 */
} vb_lm_uni;

typedef struct vb_lm_skel {
    uint32_t fp;                  /* skeleton hash fingerprint; 0 = empty */
    uint32_t start, count;        /* into the forms array, best first */
} vb_lm_skel;

typedef struct vb_lm vb_lm;

vb_status vb_lm_open(const char *path, vb_lm **out, vb_error *err);
/* Opens a model held in memory (not copied; must outlive the model). */
vb_status vb_lm_open_mem(const void *data, size_t n, vb_lm **out, vb_error *err);
void vb_lm_close(vb_lm *m);
const vb_lm_header *vb_lm_info(const vb_lm *m);
/* The model's order (3 or 4). */
int vb_lm_order(const vb_lm *m);

/* Word id of a lowercase word, or VB_LM_UNK. */
uint32_t vb_lm_id(const vb_lm *m, const char *w, size_t n);
const char *vb_lm_word(const vb_lm *m, uint32_t id);
/* log10 P(w | h[0..n)), the n ≤ order-1 previous words oldest first
 * (VB_LM_BOS before a line's first word), under backoff. */
float vb_lm_logpn(const vb_lm *m, const uint32_t *h, int n, uint32_t w);
/* log10 P(w | u v): vb_lm_logpn with a two-word history. */
float vb_lm_logp(const vb_lm *m, uint32_t u, uint32_t v, uint32_t w);
/* log10 P(w), the unigram. */
float vb_lm_unigram(const vb_lm *m, uint32_t w);
/* The pieces, for decoders that cache them. vb_lm_ngram looks up the
 * stored n-gram g[0..n) (2 ≤ n ≤ order): 1 when it is stored, with *logp
 * its probability and *bo its backoff as a context (0 at the top order),
 * else 0 (*bo = 0). Backoff: log P(w | h) = stored ? logp(h w) :
 * bo(h) + log P(w | h minus its first word); a stored n-gram's suffix and
 * prefix are always stored, so no (n-1)-gram means no n-gram. */
int vb_lm_ngram(const vb_lm *m, const uint32_t *g, int n, float *logp, float *bo);
/* Starts loading the table slot of n-gram g[0..n) (2 ≤ n ≤ order) so that
 * a later lookup finds it in cache. */
void vb_lm_prefetch(const vb_lm *m, const uint32_t *g, int n);
/* The unigram level of the backoff: log10 P(w | v) when (v, w) is not
 * stored = uni[v].bo + uni[w].logp. */
float vb_lm_unibo(const vb_lm *m, uint32_t v);
/* Forms (word ids, most frequent first) whose skeleton is skel. */
const uint32_t *vb_lm_forms(const vb_lm *m, const char *skel, size_t n, uint32_t *count);

/* Hash of an n-gram g[0..n) (2 ≤ n ≤ 4): its table slot and fingerprint
 * are vb_lm_slot and vb_lm_fp of it; shared with the trainer. */
static inline uint64_t vb_lm_mix(uint64_t h)
{
    h ^= h >> 33;
    h *= 0xff51afd7ed558ccdULL;
    h ^= h >> 33;
    h *= 0xc4ceb9fe1a85ec53ULL;
    h ^= h >> 33;
    return h;
}
static inline uint64_t vb_lm_hash(const uint32_t *g, int n)
{
    uint64_t h = ((uint64_t)g[n - 2] << 21) ^ g[n - 1];
    if (n >= 3)
        h ^= (uint64_t)g[n - 3] << 42;
    if (n >= 4)
        h ^= ((uint64_t)g[n - 4] + 1) * 0x9e3779b97f4a7c15ULL;
    return vb_lm_mix(h);
}
static inline uint32_t vb_lm_slot(uint64_t h, uint32_t size)
{
    return (uint32_t)(((h & 0xffffffffu) * size) >> 32);
}
/* 24-bit fingerprint, never 0 (0 marks an empty slot). */
static inline uint32_t vb_lm_fp(uint64_t h)
{
    uint32_t f = (uint32_t)(h >> 40);
    return f ? f : 1;
}

#endif
