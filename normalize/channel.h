/* channel.h — the learned OCR channel model P(observed | intended) and the
 * candidate generator the restoration decoder calls for every OCR token.
 * The tables (model/ocr-channel.tsv) are made by tools/ocr-channel from
 * synthetic scans OCR'd with Tesseract; see doc/channel.md. */
#ifndef VB_CHANNEL_H
#define VB_CHANNEL_H

#include <stddef.h>
#include <stdint.h>

#include "core/vanban.h"

typedef struct vb_channel vb_channel;

/* One candidate: an intended form and log P(observed | intended) (natural log,
 * best segmentation). text is NUL-terminated UTF-8. */
typedef struct vb_cand {
    char text[64];
    float logp;
} vb_cand;

/* Loads the channel of Tesseract's English model ("eng" rows) from a table
 * written by tools/ocr-channel. Fails with VB_ERR_IO (unreadable),
 * VB_ERR_MODEL (no rows for the model, malformed), VB_ERR_NOMEM. The
 * channel is read-only afterwards and may be shared by threads. */
vb_status vb_channel_load(const char *path, vb_channel **out, vb_error *err);

/* The same for a named source model: "eng" or "vie" (Tesseract's
 * Vietnamese model), whichever OCR produced the text. */
vb_status vb_channel_load_model(const char *path, const char *model, vb_channel **out,
                                vb_error *err);

void vb_channel_free(vb_channel *ch); /* NULL is a no-op */

/* Candidates (intended forms) for the observed token obs[0..n), best first
 * (highest logp), at most max, written to out. Each is obs with at most
 * VB_CHANNEL_MAX_EDITS learned reverse edits applied; the unchanged token is
 * always among them (when known). Punctuation at the token's edges
 * (.,;:!?()[]"') is kept as it is: it is stripped before the search and put
 * back on every candidate. When known is not NULL only candidates whose core
 * (without that punctuation) passes known(ctx, s, len) are returned.
 * Tokens longer than VB_CHANNEL_MAX_CHARS code points or 63 bytes, or not
 * valid UTF-8, yield only themselves (when they fit and are known). Returns
 * the count (0 also when out of memory).
 * Bounded work: a beam of fixed width over the token's code points. */
size_t vb_channel_candidates(const vb_channel *ch, const char *obs, size_t n,
                             int (*known)(void *ctx, const char *s, size_t n), void *ctx,
                             vb_cand *out, size_t max);

/* The same, searching only readings that are prefixes of a word of lex
 * (normalize/lexicon.h; NULL: all): with a language model's lexicon the
 * search's beam holds readings that can become its words, and the
 * candidates are found faster and more often. */
struct vb_lexicon;
size_t vb_channel_candidates_lex(const vb_channel *ch, const struct vb_lexicon *lex,
                                 const char *obs, size_t n,
                                 int (*known)(void *ctx, const char *s, size_t n), void *ctx,
                                 vb_cand *out, size_t max);

enum { VB_CHANNEL_MAX_EDITS = 3, VB_CHANNEL_MAX_CHARS = 24 };

/* Whether code point cp, inside a word, is a symbol OCR may have made of a
 * letter or of its marks ("truo*ng", "hi¢n", "B§", "THU'C"): not a letter,
 * digit or space, nor the punctuation that joins codes and numbers (GD&ĐT,
 * th/h, 2022-2023, 1.5). */
int vb_channel_symbol(uint32_t cp);

#endif
