/* text.h — growable UTF-8 strings that remember corrections and where
 * their words were printed.
 *
 * A vb_text is the unit of text that flows from ingest (which records each
 * word's box on its page) and normalize (which may change tokens and records
 * the original of each) through extract (which cuts, joins and trims) to the
 * XML writer (which emits <corr orig="…" conf="…"> and <w bbox="…">).
 * Every edit function keeps the correction and word offsets right, so
 * extract code never handles offsets itself: cut with vb_text_append_range,
 * join with vb_text_append, tidy with vb_text_collapse_space.
 */
#ifndef VB_TEXT_H
#define VB_TEXT_H

#include <stddef.h>
#include <stdint.h>

/* One changed token: bytes [off, off+len) of the text replaced orig. */
typedef struct vb_corr {
    size_t off, len;
    char *orig;     /* owned, NUL-terminated UTF-8 */
    float conf;     /* posterior of the chosen form, 0..1 */
} vb_corr;

/* A box in page pixels. x0 < 0 means "no geometry". */
typedef struct vb_box {
    int x0, y0, x1, y1;
} vb_box;

/* Where bytes [off, off+len) of the text were printed: one word (or the
 * part of one that a cut left) on a page image. */
typedef struct vb_word {
    size_t off, len;
    vb_box box;     /* page pixels at the page's dpi (vb_page) */
    float conf;     /* OCR confidence 0..1; -1 when not OCR'd */
    int page;       /* 1-based */
} vb_word;

typedef struct vb_text {
    char *s;        /* NUL-terminated UTF-8; NULL while nothing was ever stored */
    size_t len, cap;
    vb_corr *corr;  /* sorted by off, non-overlapping */
    size_t ncorr, corrcap;
    vb_word *words; /* sorted by off, non-overlapping (may touch) */
    size_t nwords, wordcap;
} vb_text;

/* All functions return 0 on success, -1 on out of memory (text unchanged or
 * still valid). A zeroed vb_text is valid and empty. Unless said otherwise,
 * words follow the same rules as corrections. */
void vb_text_init(vb_text *t);
void vb_text_free(vb_text *t);          /* frees contents; t may be reused */
void vb_text_clear(vb_text *t);         /* empties, keeps the buffers */
int vb_text_set(vb_text *t, const char *s, size_t n);    /* replaces, drops corrections, words */
int vb_text_cat(vb_text *t, const char *s, size_t n);    /* appends plain bytes */
int vb_text_cats(vb_text *t, const char *s);             /* appends a C string */
int vb_text_catf(vb_text *t, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;
int vb_text_copy(vb_text *dst, const vb_text *src);      /* dst = src, corrections too */

/* Appends src[from, to) with the corrections lying wholly inside it.
 * Corrections cut by the range are dropped (their tokens were split); words
 * cut by it keep the part inside, with the whole word's box. */
int vb_text_append_range(vb_text *dst, const vb_text *src, size_t from, size_t to);
/* Appends all of src; when both are non-empty, sep (may be NULL) goes between. */
int vb_text_append(vb_text *dst, const vb_text *src, const char *sep);

/* Records that bytes [off, off+len) replaced orig. */
int vb_text_add_corr(vb_text *t, size_t off, size_t len, const char *orig, float conf);

/* Records that bytes [off, off+len) were printed in box on page (conf: OCR
 * confidence or -1). Fails (-1) on a range outside the text or overlapping
 * a word already recorded. */
int vb_text_add_word(vb_text *t, size_t off, size_t len, int page, vb_box box, float conf);
/* Forgets every word box (corrections stay). */
void vb_text_drop_words(vb_text *t);

/* Replaces bytes [off, off+n) with s[0..m). Corrections overlapping the
 * replaced range are dropped; those after it shift. Words: an insertion
 * inside a word grows it; a deletion shrinks the words it touches and drops
 * those wholly inside it; a replacement (m > 0) belongs to the words it
 * touches, merged into one (boxes united on one page) when several. */
int vb_text_splice(vb_text *t, size_t off, size_t n, const char *s, size_t m);

/* One replacement for vb_text_replace: bytes [off, off+n) become s[0..m),
 * recorded as a correction (the bytes replaced, conf). */
typedef struct vb_edit {
    size_t off, n;
    const char *s;
    size_t m;
    float conf;
} vb_edit;

/* Applies e[0..ne) (sorted by off, non-overlapping, inside the text) as
 * vb_text_splice and vb_text_add_corr would one at a time from the last,
 * in one pass when the text has no corrections or words yet. On failure
 * (-1) the edits before some point may have been applied. */
int vb_text_replace(vb_text *t, const vb_edit *e, size_t ne);

/* Replaces the whole text with s[0..n), a token-for-token rewrite of it
 * (same white-space runs between tokens; tokens may change, as NFC or tone
 * placement changes them). Corrections and words stay on their tokens; a
 * correction that started or ended inside a changed token is dropped, a
 * word's boundary inside one moves to the token's edge. When the token
 * structure differs, corrections and words are dropped (as vb_text_set).
 * s must not point into t. */
int vb_text_rewrite(vb_text *t, const char *s, size_t n);

/* Collapses runs of white space (ASCII space, tab, CR, LF, NBSP, other
 * Unicode spaces) to one ASCII space and trims both ends. */
int vb_text_collapse_space(vb_text *t);
/* Trims white space at both ends only. */
int vb_text_trim(vb_text *t);

/* A simple growable byte buffer for building output. */
typedef struct vb_buf {
    char *s;
    size_t len, cap;
} vb_buf;

void vb_buf_init(vb_buf *b);
void vb_buf_free(vb_buf *b);
int vb_buf_cat(vb_buf *b, const char *s, size_t n);
int vb_buf_cats(vb_buf *b, const char *s);
int vb_buf_catf(vb_buf *b, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;
/* Hands the NUL-terminated contents to the caller (free()); b becomes empty. */
char *vb_buf_take(vb_buf *b, size_t *len);

#endif
