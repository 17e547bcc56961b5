/* enc.h — private to normalize/: the byte codecs behind vb_decode. Legacy
 * Vietnamese code pages are table-driven (enc_tables.c, generated from the
 * shared TSV tables); UTF-16, Windows-1258 and CP1252 come from ICU. */
#ifndef VB_ENC_H
#define VB_ENC_H

#include <stddef.h>
#include <stdint.h>

#define VB_ENC_LETTERS 134

/* One table row: the bytes of a letter (1–3) and its code point. */
typedef struct vb_enc_entry {
    unsigned char b[3];
    unsigned char n;
    uint32_t cp;
} vb_enc_entry;

extern const vb_enc_entry vb_enc_tab_tcvn3[VB_ENC_LETTERS];
extern const vb_enc_entry vb_enc_tab_tcvn5712_1_vn1[VB_ENC_LETTERS];
extern const vb_enc_entry vb_enc_tab_vni[VB_ENC_LETTERS];
extern const vb_enc_entry vb_enc_tab_viscii[VB_ENC_LETTERS];
extern const vb_enc_entry vb_enc_tab_vps[VB_ENC_LETTERS];
extern const vb_enc_entry vb_enc_tab_viqr[VB_ENC_LETTERS];
extern const vb_enc_entry vb_enc_tab_cp1258[VB_ENC_LETTERS];
extern const vb_enc_entry vb_enc_tab_cp1258_tone_decomposed[VB_ENC_LETTERS];

/* Every decoding vb_decode knows, in order of preference on ties. */
typedef enum vb_enc_id {
    VB_ENC_UTF8 = 0,
    VB_ENC_UTF16LE,
    VB_ENC_UTF16BE,
    VB_ENC_TCVN3,
    VB_ENC_VNI,
    VB_ENC_CP1258,
    VB_ENC_VISCII,
    VB_ENC_VPS,
    VB_ENC_VN1,
    VB_ENC_VIQR,
    VB_ENC_MOJI1,          /* UTF-8 read once as CP1252/Latin-1 */
    VB_ENC_MOJI2,          /* ... twice */
    VB_ENC_TCVN3_CP1252,   /* TCVN3 bytes extracted as CP1252 characters */
    VB_ENC_VNI_CP1252,     /* VNI bytes extracted as CP1252 characters */
    VB_ENC_COUNT
} vb_enc_id;

/* Canonical name ("tcvn3"); -1 / NULL for unknown. */
const char *vb_enc_name(vb_enc_id id);
int vb_enc_find(const char *canonical);

/* Growable byte buffer; zeroed is empty. */
typedef struct vb_bytes {
    char *s;
    size_t len, cap;
} vb_bytes;
int vb_bytes_reserve(vb_bytes *b, size_t extra);   /* 0 or -1 (out of memory) */
int vb_bytes_put(vb_bytes *b, const void *s, size_t n);
int vb_bytes_cp(vb_bytes *b, uint32_t cp);          /* appends UTF-8 of cp */
/* Writes the UTF-8 of cp (up to 4 bytes, no NUL) at o; returns its length. */
size_t vb_utf8_encode(uint32_t cp, unsigned char *o);
void vb_bytes_free(vb_bytes *b);

/* Next code point of UTF-8 s[*i..n); invalid bytes give 0xFFFD (one byte
 * consumed). Strict: no overlongs, surrogates or > U+10FFFF. The inner
 * loop of detection and decoding, so the common cases are inline. */
uint32_t vb_utf8_next_slow(const unsigned char *s, size_t n, size_t *i);
static inline uint32_t vb_utf8_next(const unsigned char *s, size_t n, size_t *i)
{
    unsigned char c = s[*i];
    if (c < 0x80) {
        (*i)++;
        return c;
    }
    if (c >= 0xC2 && c < 0xE0 && *i + 1 < n && (s[*i + 1] & 0xC0) == 0x80) {
        *i += 2;
        return (uint32_t)(c & 0x1F) << 6 | (s[*i - 1] & 0x3F);
    }
    if (c > 0xE0 && c < 0xF0 && c != 0xED && *i + 2 < n && (s[*i + 1] & 0xC0) == 0x80 &&
        (s[*i + 2] & 0xC0) == 0x80) {   /* E0 (overlongs) and ED (surrogates) go the slow way */
        *i += 3;
        return (uint32_t)(c & 0x0F) << 12 | (uint32_t)(s[*i - 2] & 0x3F) << 6 | (s[*i - 1] & 0x3F);
    }
    return vb_utf8_next_slow(s, n, i);
}

/* Decodes s[0..n) as id, appending UTF-8 (not yet NFC) to out. Bytes with no
 * meaning become U+FFFD. Returns 0, or -1 on out of memory. */
int vb_enc_decode(vb_enc_id id, const unsigned char *s, size_t n, vb_bytes *out);

/* Encodes UTF-8 NFC text as id (the inverse, for tests and the evaluation).
 * Characters the encoding cannot hold become '?' and are counted in
 * *unmappable. Returns 0, or -1 on out of memory. */
int vb_enc_encode(vb_enc_id id, const char *utf8, size_t n, vb_bytes *out, size_t *unmappable);

/* CP1252 as Windows reads it (undefined 81 8D 8F 90 9D pass through as
 * U+0081…). byte → code point, and code point → byte (-1 if none). */
uint32_t vb_cp1252_to_cp(unsigned char b);
int vb_cp1252_from_cp(uint32_t cp);

/* ---- detection (detect.c) ------------------------------------------------ */

struct vb_lm;

/* What detection found in a sample. */
typedef struct vb_detection {
    vb_enc_id best;
    double score[VB_ENC_COUNT];     /* share of valid syllables per candidate */
    long words[VB_ENC_COUNT];
    long marked[VB_ENC_COUNT];      /* valid syllables with diacritics */
    unsigned tried;                 /* bit per candidate scored */
    int mixed;                      /* some lines read better in another encoding */
    int split;                      /* UTF-8 lines and legacy lines side by side */
    vb_enc_id best_utf8, best_legacy;   /* per family, when split */
    /* Readings the inventory scores alike (within a small margin of best):
     * the language model, when there is one, decides between them. */
    int alike;                      /* how many other readings scored alike */
    int lm;                         /* 1: there is a model, 0: no model */
    const struct vb_lm *model;      /* it, for the lines of mixed documents */
    vb_enc_id rival;                /* the runner-up among the alike readings */
    double lm_margin;               /* log10 P(best) - log10 P(rival) where they differ */
} vb_detection;

/* *delta = log10 P(b) - log10 P(a) under the language model, over the
 * words where two decodings of the same lines (a, b: UTF-8, line for line)
 * differ (enc_lm.c); 0 when they read the same. 0, or -1 (out of memory). */
int vb_enc_lm_delta(const struct vb_lm *lm, const char *a, size_t an, const char *b, size_t bn,
                    double *delta);

/* 1 if s looks binary (NUL or stray control bytes). */
int vb_detect_binary(const unsigned char *s, size_t n);
/* UTF-16 without BOM from the NUL pattern: VB_ENC_UTF16LE/BE, or -1. */
int vb_detect_utf16(const unsigned char *s, size_t n);
/* Scores every applicable candidate on a sample of s (utf8_only: only the
 * decodings of UTF-8 text — plain, mojibake, font text). 0 or -1 (memory). */
int vb_detect(const unsigned char *s, size_t n, int utf8_only, const struct vb_lm *lm,
              vb_detection *d);
/* Only scores id on the sample (the encoding was given). 0 or -1. */
int vb_detect_forced(const unsigned char *s, size_t n, vb_enc_id id, vb_detection *d);
/* The best decoding of one line given the document's choice: the document's
 * unless the line reads clearly better in another tried candidate. */
int vb_detect_line(const unsigned char *s, size_t n, const vb_detection *d, vb_bytes *tmp,
                   vb_enc_id *out);

#endif
