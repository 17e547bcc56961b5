/* restore_priv.h — private: the restorer's model handle and the lattice
 * decoder (normalize/lmdecode.c), shared by restore.c, the CLI and tests. */
#ifndef VB_RESTORE_PRIV_H
#define VB_RESTORE_PRIV_H

#include <pthread.h>
#include <stdio.h>

#include "core/text.h"
#include "normalize/lm.h"
#include "normalize/normalize.h"

/* Lines whose syllable-shaped tokens are at most this share unmarked read as
 * written with their marks (clean Vietnamese: 20–35 %). */
#define VB_NEED_CLEAN_UNMARKED 0.45

/* An extra candidate for an observed token, with log P(observed | text)
 * (natural log), the shape of the OCR channel's vb_cand. */
typedef struct vb_restore_cand {
    char text[64];
    float logp;
} vb_restore_cand;

/* Extra candidate source (the OCR channel): fills out[0..max) with
 * candidates for obs[0..n), using known(kctx, s, n) to ask whether a form is a
 * word of the model; returns how many. Shaped like vb_channel_candidates
 * with its channel bound into ctx. */
typedef size_t (*vb_extra_fn)(void *ctx, const char *obs, size_t n,
                              int (*known)(void *kctx, const char *s, size_t n), void *kctx,
                              vb_restore_cand *out, size_t max);

/* Adaptation counts from a user's clean documents (lmadapt.c). */
typedef struct vb_adapt vb_adapt;
vb_adapt *vb_adapt_new(const vb_lm *lm);
void vb_adapt_free(vb_adapt *a);                 /* NULL is a no-op */
/* Counts the n-grams of clean text s[0..n) (lines). Returns 0 or -1 (OOM). */
int vb_adapt_learn(vb_adapt *a, const char *s, size_t n);
int vb_adapt_save(const vb_adapt *a, FILE *f);
vb_adapt *vb_adapt_load(const vb_lm *lm, const char *path, vb_error *err);
/* The model's log10 P(w | u v) = base, interpolated with the user's counts. */
float vb_adapt_logp(const vb_adapt *a, uint32_t u, uint32_t v, uint32_t w, float base);

struct vb_model {
    vb_lm *lm;
    vb_extra_fn extra;
    void *extra_ctx;
    int beam;               /* decoder beam width; 0 = default */
    int max_forms;          /* skeleton forms per slot; 0 = default */
    float span;             /* their unigram span (log10); 0 = default */
    vb_adapt *adapt;        /* owned; NULL when not adapted */
    /* The OCR channels (normalize/channel.h) of Tesseract's English and
     * Vietnamese models, each loaded on first use from next to the language
     * model; used when no extra source was plugged in with
     * vb_model_set_extra. */
    char *path;             /* the language model's file */
    struct vb_channel *channel[2];  /* VB_OCR_ENG, VB_OCR_VIE */
    int channel_tried[2];
    struct vb_lexicon *lex; /* the model's words' prefixes, for the channels */
    struct vb_ocr_source {  /* what the decoder's extra source gets */
        const struct vb_channel *channel;
        const struct vb_lexicon *lex;
    } source[2];
    pthread_mutex_t channel_lock;
    float channel_weight;   /* weight of log P(observed | intended); 0 = default */
};

enum { VB_OCR_ENG = 0, VB_OCR_VIE = 1 };

/* Plugs an extra candidate source into a model (NULL removes it). */
void vb_model_set_extra(vb_model *m, vb_extra_fn fn, void *ctx);
const struct vb_lm *vb_model_lm(const vb_model *m);

typedef struct vb_decoder vb_decoder;

typedef struct vb_line_result {
    long tokens, changed;
    double confsum;          /* sum of the chosen forms' posteriors */
} vb_line_result;

vb_decoder *vb_decoder_new(const vb_lm *lm);
void vb_decoder_free(vb_decoder *d);                  /* NULL is a no-op */
void vb_decoder_set_extra(vb_decoder *d, vb_extra_fn fn, void *ctx);
/* Weight of the extra source's log-probabilities (default 1). */
void vb_decoder_set_extra_weight(vb_decoder *d, float w);
void vb_decoder_set_adapt(vb_decoder *d, const vb_adapt *a);
/* Garbled (OCR) text: marked words the model knows are re-decided too,
 * against their other forms at a penalty. */
void vb_decoder_set_garbled(vb_decoder *d, int on);
/* Glyph dropout ("Quy đ nh"): fragments are joined across a space with the
 * glyph that completes a known word. */
void vb_decoder_set_dropout(vb_decoder *d, int on);
/* Words (model ids, sorted) the document writes capitalised with their
 * marks: in OCR text a capitalised word may become one of these without
 * other support (see name_support). The array is the caller's. */
void vb_decoder_set_names(vb_decoder *d, const uint32_t *ids, size_t n);
/* Only bytes [from, to) of the next lines may change; the rest is context
 * the decoder reads (the edge words of the lines around a wrapped line). */
void vb_decoder_set_span(vb_decoder *d, size_t from, size_t to);
/* The white-space separated chunks of s[0..n) as the decoder sees them:
 * the first cap into start[], end[]; returns how many there are. */
size_t vb_line_chunks(const char *s, size_t n, size_t *start, size_t *end, size_t cap);
/* OCR with word confidences: keep[k] is the log10 cost of changing the
 * k-th white-space chunk of the next lines (forms of its known word other
 * than the one written pay it); VB_KEEP_ASIS or more: kept as written.
 * NULL: none given. The array is the caller's. */
#define VB_KEEP_ASIS 100.0f
void vb_decoder_set_keep(vb_decoder *d, const float *keep, size_t n);
/* Beam width (default 12). */
void vb_decoder_set_beam(vb_decoder *d, int beam);
/* Skeleton forms kept per slot (default 12), and only those within span
 * (log10, default 3) of the most frequent one's unigram probability. */
void vb_decoder_set_forms(vb_decoder *d, int maxc, float span);
/* Restores one line in place, recording a vb_corr for each changed token
 * whose posterior is ≥ min_conf. Returns 0, or -1 on out of memory. */
int vb_decoder_line(vb_decoder *d, vb_text *t, double min_conf, vb_line_result *r);

/* The need measure from counts, and for one piece of text (*shaped gets
 * its number of syllable-shaped words). */
double vb_need_score(long words, long shaped, long marked, long fragments);
double vb_restore_need_text(const char *s, size_t n, long *shaped);
/* Share of syllable-shaped words that carry a mark. */
double vb_line_marked_share(const char *s, size_t n);
/* Words of a line that look like pieces of a word (glyph dropout). */
long vb_line_fragments(const char *s, size_t n);

#endif
