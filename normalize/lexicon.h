/* lexicon.h — the prefixes of the language model's words, for the OCR
 * channel's search: a reading of an OCR token is pursued only while it can
 * still become a word the model knows ("bả" of "bảo" from "bio"), so the
 * search's beam holds readings, not letter salad. Case-insensitive. */
#ifndef VB_LEXICON_H
#define VB_LEXICON_H

#include <stddef.h>
#include <stdint.h>

#include "normalize/lm.h"

typedef struct vb_lexicon vb_lexicon;

/* The start of a prefix hash (the empty prefix). */
#define VB_LEX_EMPTY 0xcbf29ce484222325ULL

/* Prefix hashes are polynomial over the case-folded bytes, so that a
 * search can append a segment whose part it computed once:
 * hash(p + s) = hash(p) · seg.pow + seg.h. */
typedef struct vb_lexseg {
    uint64_t h, pow;
} vb_lexseg;

/* The part of segment s[0..n) (UTF-8; letters case-folded). */
vb_lexseg vb_lexicon_seg(const char *s, size_t n);

static inline uint64_t vb_lexicon_append(uint64_t h, vb_lexseg s)
{
    return h * s.pow + s.h;
}

/* Builds the set of every prefix (at code point boundaries) of every word
 * of lm; NULL when out of memory. Read-only afterwards: threads may share it. */
vb_lexicon *vb_lexicon_new(const vb_lm *lm);
void vb_lexicon_free(vb_lexicon *x); /* NULL is a no-op */

/* The hash of prefix h followed by s[0..n) (UTF-8; letters case-folded). */
uint64_t vb_lexicon_step(uint64_t h, const char *s, size_t n);

/* Whether the prefix hashed h is a prefix of some word (or a word). */
int vb_lexicon_has(const vb_lexicon *x, uint64_t h);

#endif
