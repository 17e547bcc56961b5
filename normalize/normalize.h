/* normalize.h — stage 2: everything about characters and words.
 *
 *   vb_decode            bytes in any supported encoding → UTF-8 NFC
 *   vb_normalize_layout  rewrites a layout's lines in place: markup residue,
 *                        NFC, odd spaces, tone style, diacritic restoration and
 *                        OCR correction (recorded as vb_corr on each line)
 *   vb_restore_*         the language-model restorer, also used alone by
 *                        `vanban restore`
 */
#ifndef VB_NORMALIZE_H
#define VB_NORMALIZE_H

#include "core/text.h"
#include "core/vanban.h"
#include "ingest/ingest.h"

/* ---- decoding ---------------------------------------------------------- */

/* The result of decoding a byte string. */
typedef struct vb_decoded {
    char *utf8;            /* NUL-terminated UTF-8 NFC; owned */
    size_t len;
    char encoding[32];     /* canonical name of what was found: "utf-8",
                              "utf-16le", "tcvn3", "vni", "viscii", "vps",
                              "viqr", "cp1258", "utf-8+cp1252" (mojibake),
                              "mixed" (several, per run) */
    double score;          /* 0..1: share of valid Vietnamese syllables */
    int case_inferred;     /* TCVN3 capitals restored from context */
    int had_bom;
    char detail[256];      /* human-readable decision, for --detect */
} vb_decoded;

void vb_decoded_free(vb_decoded *d);   /* frees contents; NULL is a no-op */

/* Decodes data. from: NULL or "auto" detects; otherwise one of the names
 * above (aliases accepted, see vb_encoding_canonical). Fails with
 * VB_ERR_BINARY for binary data, VB_ERR_ENCODING when no decoding yields
 * text, VB_ERR_EMPTY for no bytes. */
vb_status vb_decode(const unsigned char *data, size_t len, const char *from,
                    int tone_style, vb_decoded *out, vb_error *err);

typedef struct vb_model vb_model;

/* vb_decode with the language model (vb_model_open, vb_engine_model) to
 * decide between readings the syllable inventory scores alike (TCVN3 or
 * VN1, VISCII or VPS). model NULL: the inventory alone, as vb_decode. */
vb_status vb_decode_lm(const unsigned char *data, size_t len, const char *from,
                       int tone_style, const vb_model *model, vb_decoded *out,
                       vb_error *err);

/* Canonical encoding name for an alias ("vn3" → "tcvn3"), or NULL. */
const char *vb_encoding_canonical(const char *name);

/* ---- text normalization ------------------------------------------------ */

/* NFC-normalizes s[0..n) into t (replacing its contents). Invalid UTF-8
 * becomes U+FFFD. Returns 0, or -1 on out of memory. */
int vb_nfc(vb_text *t, const char *s, size_t n);

/* Applies the tone-mark placement style (VB_TONE_OLD: hòa, thủy;
 * VB_TONE_NEW: hoà, thuỷ) to NFC text in place. VB_TONE_KEEP does nothing. */
int vb_tone_style_apply(vb_text *t, int style);

/* Removes markup residue from a converted document's line: markdown
 * emphasis and heading marks, HTML tags and entities, [bookmark: …],
 * markdown table rules. Returns 1 if anything was removed, 0 if not,
 * -1 on out of memory. */
int vb_markup_strip(vb_text *t);

/* Rewrites every line of L in place: markup residue, NFC, spaces, tone
 * style, and (per the engine's options) restoration. Records repairs on L. */
vb_status vb_normalize_layout(vb_engine *e, vb_layout *L, vb_error *err);

/* ---- restoration (language model) -------------------------------------- */

/* Memory-maps a model file. */
vb_status vb_model_open(const char *path, vb_model **out, vb_error *err);
void vb_model_close(vb_model *m);     /* NULL is a no-op */
/* The engine's model, opened on first use (thread-safe); NULL + err if none. */
vb_model *vb_engine_model(vb_engine *e, vb_error *err);

/* How much a layout needs restoration: 0 = clean text, 1 = fully stripped
 * or garbled. Measured from syllable statistics, not guessed. */
double vb_restore_need(const vb_layout *L);

typedef struct vb_restore_stats {
    long tokens, changed;
    double mean_conf;
} vb_restore_stats;

/* Restores diacritics / repairs OCR confusions in every line of L, keeping
 * the original of each changed token as a vb_corr. Tokens whose posterior is
 * below min_conf are left as they are. */
vb_status vb_restore_layout(vb_model *m, vb_layout *L, double min_conf,
                            vb_restore_stats *stats, vb_error *err);

#endif
