/* enc_codec.c — byte ↔ code point codecs for every encoding vb_decode knows:
 * UTF-8/16, ICU-derived single-byte maps (CP1252, Windows-1258), the
 * table-driven Vietnamese code pages (longest match, 1–3 bytes) and the
 * two-layer ones (mojibake, .Vn/VNI text extracted as CP1252). */
#include "normalize/enc.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/ucnv.h>

#define MULTI_MAX 24

/* A table codec: single-byte map with fallback, plus multi-byte entries
 * indexed by first byte (longest first). */
typedef struct codec {
    const vb_enc_entry *tab;
    uint32_t single[256];
    unsigned char utf8[256][4];   /* single[b] as UTF-8, its length in [3] */
    unsigned char nmulti[256];
    unsigned char multi[256][MULTI_MAX];
    unsigned char second[256];    /* byte occurs at position ≥ 2 of an entry */
    unsigned char used[256];      /* byte is the first of some letter */
    int has_multi;                /* some letter takes more than one byte */
} codec;

enum { C_TCVN3, C_VN1, C_VNI, C_VISCII, C_VPS, C_VIQR, C_CP1258, C_COUNT };

static uint32_t cp1252_map[256];
static uint32_t cp1258_map[256];
static uint16_t cp1252_rev_lo[0x2200];   /* code point → byte + 1 (ÿ is 0xFF + 1) */
static codec codecs[C_COUNT];
static pthread_once_t once = PTHREAD_ONCE_INIT;

static const char *const enc_names[VB_ENC_COUNT] = {
    "utf-8", "utf-16le", "utf-16be", "tcvn3", "vni", "cp1258", "viscii", "vps",
    "vn1", "viqr", "utf-8+cp1252", "utf-8+cp1252x2", "tcvn3+cp1252", "vni+cp1252"};

const char *vb_enc_name(vb_enc_id id)
{
    return (unsigned)id < VB_ENC_COUNT ? enc_names[id] : NULL;
}

int vb_enc_find(const char *canonical)
{
    for (int i = 0; i < VB_ENC_COUNT; i++)
        if (strcmp(canonical, enc_names[i]) == 0)
            return i;
    return -1;
}

/* ---- buffers and UTF-8 --------------------------------------------------- */

int vb_bytes_reserve(vb_bytes *b, size_t extra)
{
    if (b->cap - b->len > extra)
        return 0;
    size_t cap = b->cap ? b->cap : 256;
    while (cap - b->len <= extra) {
        if (cap > SIZE_MAX / 2)
            return -1;
        cap *= 2;
    }
    char *s = realloc(b->s, cap);
    if (!s)
        return -1;
    b->s = s;
    b->cap = cap;
    return 0;
}

int vb_bytes_put(vb_bytes *b, const void *s, size_t n)
{
    if (vb_bytes_reserve(b, n))
        return -1;
    if (n)
        memcpy(b->s + b->len, s, n);
    b->len += n;
    b->s[b->len] = 0;
    return 0;
}

size_t vb_utf8_encode(uint32_t c, unsigned char *o)
{
    if (c < 0x80) {
        o[0] = (unsigned char)c;
        return 1;
    }
    if (c < 0x800) {
        o[0] = (unsigned char)(0xC0 | c >> 6);
        o[1] = (unsigned char)(0x80 | (c & 0x3F));
        return 2;
    }
    if (c < 0x10000) {
        o[0] = (unsigned char)(0xE0 | c >> 12);
        o[1] = (unsigned char)(0x80 | ((c >> 6) & 0x3F));
        o[2] = (unsigned char)(0x80 | (c & 0x3F));
        return 3;
    }
    o[0] = (unsigned char)(0xF0 | c >> 18);
    o[1] = (unsigned char)(0x80 | ((c >> 12) & 0x3F));
    o[2] = (unsigned char)(0x80 | ((c >> 6) & 0x3F));
    o[3] = (unsigned char)(0x80 | (c & 0x3F));
    return 4;
}

int vb_bytes_cp(vb_bytes *b, uint32_t c)
{
    if (vb_bytes_reserve(b, 4))
        return -1;
    b->len += vb_utf8_encode(c, (unsigned char *)b->s + b->len);
    b->s[b->len] = 0;
    return 0;
}

void vb_bytes_free(vb_bytes *b)
{
    if (b) {
        free(b->s);
        memset(b, 0, sizeof *b);
    }
}

uint32_t vb_utf8_next_slow(const unsigned char *s, size_t n, size_t *i)
{
    unsigned char c = s[*i];
    size_t k = (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 0;
    if (k == 0 || *i + k > n || c < 0xC2 || c > 0xF4) {
        (*i)++;
        return 0xFFFD;
    }
    uint32_t v = c & (0x7F >> k);
    for (size_t j = 1; j < k; j++) {
        if ((s[*i + j] & 0xC0) != 0x80) {
            (*i)++;
            return 0xFFFD;
        }
        v = v << 6 | (s[*i + j] & 0x3F);
    }
    if ((k == 3 && (v < 0x800 || (v >= 0xD800 && v < 0xE000))) || (k == 4 && (v < 0x10000 || v > 0x10FFFF))) {
        (*i)++;
        return 0xFFFD;
    }
    *i += k;
    return v;
}

/* The table codec of an id, for the encoder (NULL if not table-driven). */
static const codec *codec_of(vb_enc_id id);

/* ---- initialisation ------------------------------------------------------ */

/* byte → code point through an ICU converter; unmapped bytes → identity. */
static void icu_map(const char *name, uint32_t *map)
{
    UErrorCode ec = U_ZERO_ERROR;
    UConverter *cv = ucnv_open(name, &ec);
    for (int b = 0; b < 256; b++) {
        map[b] = (uint32_t)b;
        if (!cv || b < 0x80)
            continue;
        char s[1] = {(char)b};
        UChar u[4];
        ec = U_ZERO_ERROR;
        int32_t n = ucnv_toUChars(cv, u, 4, s, 1, &ec);
        if (U_SUCCESS(ec) && n == 1 && u[0] != 0xFFFD && u[0] != 0x1A)
            map[b] = u[0];
    }
    ucnv_close(cv);
}

/* The UTF-8 of every single-byte reading (all below U+10000: ≤ 3 bytes). */
static void codec_utf8(codec *c)
{
    for (int b = 0; b < 256; b++)
        c->utf8[b][3] = (unsigned char)vb_utf8_encode(c->single[b] < 0x10000 ? c->single[b] : 0xFFFD,
                                                      c->utf8[b]);
}

/* Rows are read longest first; for one byte the first row wins (TCVN3
 * lists the 60 capitals without codes on their lowercase bytes). */
static void codec_init(codec *c, const vb_enc_entry *tab, const uint32_t *fallback)
{
    unsigned char claimed[256] = {0};
    c->tab = tab;
    for (int b = 0; b < 256; b++)
        c->single[b] = fallback ? fallback[b] : (uint32_t)b;
    for (int len = 3; len >= 1; len--)
        for (int i = 0; i < VB_ENC_LETTERS; i++) {
            const vb_enc_entry *e = &tab[i];
            if (e->n != len)
                continue;
            c->used[e->b[0]] = 1;
            if (len == 1 && !claimed[e->b[0]]) {
                c->single[e->b[0]] = e->cp;
                claimed[e->b[0]] = 1;
            } else if (len > 1 && c->nmulti[e->b[0]] < MULTI_MAX) {
                c->multi[e->b[0]][c->nmulti[e->b[0]]++] = (unsigned char)i;
                c->has_multi = 1;
                for (int j = 1; j < len; j++)
                    c->second[e->b[j]] = 1;
            }
        }
    codec_utf8(c);
}

static void init_all(void)
{
    icu_map("windows-1252", cp1252_map);
    icu_map("windows-1258", cp1258_map);
    for (int b = 255; b >= 0; b--)
        if (cp1252_map[b] < 0x2200)
            cp1252_rev_lo[cp1252_map[b]] = (uint16_t)(b + 1);
    codec_init(&codecs[C_TCVN3], vb_enc_tab_tcvn3, cp1252_map);
    /* .Vn fonts have no Latin-1 letters: a free byte at a letter position
     * means nothing (VN1 puts capitals there: Ổ = E0, not "à") */
    for (int b = 0xC0; b < 256; b++)
        if (!codecs[C_TCVN3].used[b])
            codecs[C_TCVN3].single[b] = 0xFFFD;
    codec_utf8(&codecs[C_TCVN3]);
    codec_init(&codecs[C_VN1], vb_enc_tab_tcvn5712_1_vn1, cp1252_map);
    codec_init(&codecs[C_VNI], vb_enc_tab_vni, cp1252_map);
    codec_init(&codecs[C_VISCII], vb_enc_tab_viscii, NULL);
    codec_init(&codecs[C_VPS], vb_enc_tab_vps, NULL);
    codec_init(&codecs[C_VIQR], vb_enc_tab_viqr, NULL);
    /* Windows-1258: ICU's byte map, with the letters of both byte forms
     * composed straight from the table (text comes out nearly NFC) */
    codec_init(&codecs[C_CP1258], vb_enc_tab_cp1258, cp1258_map);
}

uint32_t vb_cp1252_to_cp(unsigned char b)
{
    pthread_once(&once, init_all);
    return cp1252_map[b];
}

int vb_cp1252_from_cp(uint32_t cp)
{
    pthread_once(&once, init_all);
    return cp < 0x2200 && cp1252_rev_lo[cp] ? cp1252_rev_lo[cp] - 1 : -1;
}

/* ---- decoders ------------------------------------------------------------ */

/* Longest table entry matching at s[i..n), or NULL. */
static inline const vb_enc_entry *multi_match(const codec *c, const unsigned char *s, size_t n, size_t i)
{
    unsigned char b = s[i];
    if (!c->nmulti[b] || i + 1 >= n || !c->second[s[i + 1]])
        return NULL;
    for (int k = 0; k < c->nmulti[b]; k++) {
        const vb_enc_entry *e = &c->tab[c->multi[b][k]];
        if (e->b[1] == s[i + 1] && (e->n == 2 || (i + 2 < n && e->b[2] == s[i + 2])))
            return e;
    }
    return NULL;
}

/* Every letter or byte becomes at most 3 bytes of UTF-8 (no table entry
 * or single-byte reading is beyond U+FFFF), so the output is reserved once
 * (and a byte more for 4-byte stores) and written without checks. */
static int decode_table(const codec *c, const unsigned char *s, size_t n, vb_bytes *out)
{
    if (n > (SIZE_MAX - 2) / 3 || vb_bytes_reserve(out, 3 * n + 2))
        return -1;
    unsigned char *o = (unsigned char *)out->s + out->len;
    if (!c->has_multi) {   /* one byte, one reading: no branch to mispredict */
        for (size_t i = 0; i < n; i++) {
            const unsigned char *u = c->utf8[s[i]];
            memcpy(o, u, 4);   /* the 4th byte (the length) is overwritten next */
            o += u[3];
        }
        out->len = (size_t)(o - (unsigned char *)out->s);
        out->s[out->len] = 0;
        return 0;
    }
    for (size_t i = 0; i < n;) {
        unsigned char b = s[i];
        if (b < 0x80 && !c->used[b] && b >= 0x20) {
            *o++ = b;
            i++;
            continue;
        }
        const vb_enc_entry *e = c->nmulti[b] ? multi_match(c, s, n, i) : NULL;
        if (e) {
            o += vb_utf8_encode(e->cp, o);
            i += e->n;
        } else {
            memcpy(o, c->utf8[b], 3);
            o += c->utf8[b][3];
            i++;
        }
    }
    out->len = (size_t)(o - (unsigned char *)out->s);
    out->s[out->len] = 0;
    return 0;
}

static int is_mark(unsigned char b)
{
    return b && strchr("'`?~.^(+", b) != NULL;
}

/* VIQR's tone marks (the vowel marks ^ ( + are not tones). */
static int is_tone(unsigned char b)
{
    return b && strchr("'`?~.", b) != NULL;
}

/* VIQR written without escapes: '.' or '?' closing a lowercase word before
 * a space and a capital is punctuation, not a tone. */
static int viqr_punct(const unsigned char *s, size_t n, size_t j)
{
    unsigned char m = s[j - 1];
    if (m != '.' && m != '?')
        return 0;
    if (j >= n || (s[j] != ' ' && s[j] != '\t'))
        return 0;
    size_t k = j;
    while (k < n && k < j + 8 && (s[k] == ' ' || s[k] == '\t'))
        k++;
    return k < n && s[k] >= 'A' && s[k] <= 'Z';
}

/* Whether s[0..n) writes literal punctuation after a vowel the RFC 1456
 * way ("na`y\."): then an unescaped mark is always a tone. */
static int viqr_escapes(const unsigned char *s, size_t n)
{
    for (const unsigned char *p = s; (p = memchr(p, '\\', (size_t)(s + n - p))) && p + 1 < s + n; p++)
        if (is_tone(p[1]))
            return 1;
    return 0;
}

/* VIQR: every byte or escape becomes at most 3 bytes of UTF-8, so the
 * output is reserved once. A syllable has one tone, so a tone mark after a
 * word that has one ("na`y.", "lo'i?") is punctuation; without escapes in
 * the document, so is '.' or '?' before a capital (viqr_punct). */
static int decode_viqr(const codec *c, const unsigned char *s, size_t n, vb_bytes *out)
{
    if (n > (SIZE_MAX - 1) / 3 || vb_bytes_reserve(out, 3 * n + 1))
        return -1;
    unsigned char *o = (unsigned char *)out->s + out->len;
    int escapes = viqr_escapes(s, n), toned = 0;
    for (size_t i = 0; i < n;) {
        unsigned char b = s[i];
        if (b == '\\' && i + 1 < n && (is_mark(s[i + 1]) || s[i + 1] == '\\' || s[i + 1] == 'd' ||
                                       s[i + 1] == 'D')) {
            *o++ = s[i + 1];
            i += 2;
            toned = 0;
            continue;
        }
        if (b == 'D' && i + 1 < n && s[i + 1] == 'd') {   /* "Dd" as well as "DD" */
            o += vb_utf8_encode(0x110, o);
            i += 2;
            continue;
        }
        const vb_enc_entry *e = multi_match(c, s, n, i);
        if (e && e->n >= 2 && is_tone(e->b[e->n - 1]) &&
            (toned || (!escapes && e->b[0] >= 'a' && e->b[0] != 'd' && viqr_punct(s, n, i + e->n)))) {
            /* drop the final mark; retry with the shorter entries */
            const vb_enc_entry *f = NULL;
            for (int k = 0; k < c->nmulti[b] && !f; k++) {
                const vb_enc_entry *g = &c->tab[c->multi[b][k]];
                if (g->n == e->n - 1 && memcmp(g->b, e->b, g->n) == 0)
                    f = g;
            }
            e = f;
        }
        if (e && e->n >= 2 && is_tone(e->b[e->n - 1]))
            toned = 1;
        else if (!e && !((b | 0x20) >= 'a' && (b | 0x20) <= 'z'))
            toned = 0; /* a word ends */
        o += vb_utf8_encode(e ? e->cp : b >= 0x80 ? 0xFFFD : b, o);
        i += e ? e->n : 1;
    }
    out->len = (size_t)(o - (unsigned char *)out->s);
    out->s[out->len] = 0;
    return 0;
}

/* Valid runs are copied in one piece; each bad byte becomes U+FFFD. */
static int decode_utf8(const unsigned char *s, size_t n, vb_bytes *out)
{
    if (vb_bytes_reserve(out, n + 1))
        return -1;
    size_t run = 0;
    for (size_t i = 0; i < n;) {
        if (s[i] < 0x80) {
            i++;
            continue;
        }
        size_t j = i;
        if (vb_utf8_next(s, n, &j) != 0xFFFD || j - i > 1) {
            i = j;
            continue;
        }
        if (vb_bytes_put(out, s + run, i - run) || vb_bytes_cp(out, 0xFFFD))
            return -1;
        run = i = j;
    }
    return vb_bytes_put(out, s + run, n - run);
}

static int decode_utf16(int le, const unsigned char *s, size_t n, vb_bytes *out)
{
    size_t even = n & ~(size_t)1;
    if (even > INT32_MAX / 2 || vb_bytes_reserve(out, even * 2 + 8))
        return -1;
    UErrorCode ec = U_ZERO_ERROR;
    int32_t k = ucnv_convert("UTF-8", le ? "UTF-16LE" : "UTF-16BE", out->s + out->len,
                             (int32_t)(out->cap - out->len), (const char *)s, (int32_t)even, &ec);
    if (U_FAILURE(ec))
        return vb_bytes_cp(out, 0xFFFD);
    out->len += (size_t)k;
    out->s[out->len] = 0;
    return even < n ? vb_bytes_cp(out, 0xFFFD) : 0;
}

/* The CP1252 byte that shows as cp, or -1. */
static inline int cp1252_byte(uint32_t cp)
{
    return cp < 0x80 ? (int)cp : cp < 0x2200 && cp1252_rev_lo[cp] ? cp1252_rev_lo[cp] - 1 : -1;
}

/* Characters back to the bytes CP1252 showed them as; characters CP1252
 * cannot show are kept as their own UTF-8 (text only partly garbled).
 * Never longer than the input. */
static int cp1252_bytes(const unsigned char *s, size_t n, vb_bytes *out)
{
    if (vb_bytes_reserve(out, n + 1))
        return -1;
    unsigned char *o = (unsigned char *)out->s + out->len;
    for (size_t i = 0; i < n;) {
        if (s[i] < 0x80) {
            *o++ = s[i++];
            continue;
        }
        size_t j = i;
        int b = cp1252_byte(vb_utf8_next(s, n, &j));
        if (b >= 0)
            *o++ = (unsigned char)b;
        else
            for (size_t k = i; k < j; k++)
                *o++ = s[k];
        i = j;
    }
    out->len = (size_t)(o - (unsigned char *)out->s);
    out->s[out->len] = 0;
    return 0;
}

/* UTF-8 where bytes that are not UTF-8 are read as CP1252 (undoes a
 * partial mis-reading without inventing U+FFFD). A byte becomes at most
 * 3 bytes (€). */
static int decode_sloppy(const unsigned char *s, size_t n, vb_bytes *out)
{
    if (n > (SIZE_MAX - 1) / 3 || vb_bytes_reserve(out, 3 * n + 1))
        return -1;
    unsigned char *o = (unsigned char *)out->s + out->len;
    for (size_t i = 0; i < n;) {
        if (s[i] < 0x80) {
            *o++ = s[i++];
            continue;
        }
        size_t j = i;
        uint32_t cp = vb_utf8_next(s, n, &j);
        if (cp == 0xFFFD && j - i == 1)
            o += vb_utf8_encode(cp1252_map[s[i]], o);
        else
            for (size_t k = i; k < j; k++)
                *o++ = s[k];
        i = j;
    }
    out->len = (size_t)(o - (unsigned char *)out->s);
    out->s[out->len] = 0;
    return 0;
}

static int decode_moji(int times, const unsigned char *s, size_t n, vb_bytes *out)
{
    vb_bytes a = {0}, b = {0};
    int rc = -1;
    if (cp1252_bytes(s, n, &a))
        goto done;
    if (times == 2 && (decode_sloppy((unsigned char *)a.s, a.len, &b) ||
                       (a.len = 0, cp1252_bytes((unsigned char *)b.s, b.len, &a))))
        goto done;
    rc = decode_sloppy((unsigned char *)a.s, a.len, out);
done:
    vb_bytes_free(&a);
    vb_bytes_free(&b);
    return rc;
}

/* Text whose characters are the CP1252 images of legacy-font bytes, back
 * to bytes and through the table; other characters as they are. A codec
 * of single-byte letters reads each byte on its own; one with multi-byte
 * letters (VNI) gets runs of bytes. */
static int decode_font_text(const codec *c, const unsigned char *s, size_t n, vb_bytes *out)
{
    if (!c->has_multi) {
        if (n > (SIZE_MAX - 1) / 3 || vb_bytes_reserve(out, 3 * n + 1))
            return -1;
        unsigned char *o = (unsigned char *)out->s + out->len;
        for (size_t i = 0; i < n;) {
            size_t j = i;
            int b = cp1252_byte(vb_utf8_next(s, n, &j));
            if (b >= 0) {   /* a byte read through the table: ≤ 3 bytes of UTF-8 */
                memcpy(o, c->utf8[b], 3);
                o += c->utf8[b][3];
            } else if (j - i == 1 && s[i] >= 0x80) {   /* not UTF-8 */
                o += vb_utf8_encode(0xFFFD, o);
            } else {        /* the character itself */
                memcpy(o, s + i, j - i);
                o += j - i;
            }
            i = j;
        }
        out->len = (size_t)(o - (unsigned char *)out->s);
        out->s[out->len] = 0;
        return 0;
    }
    vb_bytes a = {0};
    if (vb_bytes_reserve(&a, n + 1))
        return -1;
    unsigned char *bytes = (unsigned char *)a.s;
    size_t k = 0;
    int rc = 0;
    for (size_t i = 0; i < n && rc == 0;) {
        size_t j = i;
        uint32_t cp = vb_utf8_next(s, n, &j);
        int b = cp1252_byte(cp);
        if (b >= 0) {
            bytes[k++] = (unsigned char)b;
        } else {
            rc = (k && decode_table(c, bytes, k, out)) || vb_bytes_cp(out, cp) ? -1 : 0;
            k = 0;
        }
        i = j;
    }
    if (rc == 0 && k)
        rc = decode_table(c, bytes, k, out);
    vb_bytes_free(&a);
    return rc;
}

int vb_enc_decode(vb_enc_id id, const unsigned char *s, size_t n, vb_bytes *out)
{
    pthread_once(&once, init_all);
    if (vb_bytes_reserve(out, 1))
        return -1;
    out->s[out->len] = 0;
    switch (id) {
    case VB_ENC_UTF8: return decode_utf8(s, n, out);
    case VB_ENC_UTF16LE: return decode_utf16(1, s, n, out);
    case VB_ENC_UTF16BE: return decode_utf16(0, s, n, out);
    case VB_ENC_CP1258: return decode_table(&codecs[C_CP1258], s, n, out);
    case VB_ENC_TCVN3: return decode_table(&codecs[C_TCVN3], s, n, out);
    case VB_ENC_VNI: return decode_table(&codecs[C_VNI], s, n, out);
    case VB_ENC_VISCII: return decode_table(&codecs[C_VISCII], s, n, out);
    case VB_ENC_VPS: return decode_table(&codecs[C_VPS], s, n, out);
    case VB_ENC_VN1: return decode_table(&codecs[C_VN1], s, n, out);
    case VB_ENC_VIQR: return decode_viqr(&codecs[C_VIQR], s, n, out);
    case VB_ENC_MOJI1: return decode_moji(1, s, n, out);
    case VB_ENC_MOJI2: return decode_moji(2, s, n, out);
    case VB_ENC_TCVN3_CP1252: return decode_font_text(&codecs[C_TCVN3], s, n, out);
    case VB_ENC_VNI_CP1252: return decode_font_text(&codecs[C_VNI], s, n, out);
    default: return decode_utf8(s, n, out);
    }
}

/* ---- encoders (tests and evaluation) --------------------------------------- */

static const codec *codec_of(vb_enc_id id)
{
    switch (id) {
    case VB_ENC_CP1258: return &codecs[C_CP1258];
    case VB_ENC_TCVN3: case VB_ENC_TCVN3_CP1252: return &codecs[C_TCVN3];
    case VB_ENC_VNI: case VB_ENC_VNI_CP1252: return &codecs[C_VNI];
    case VB_ENC_VISCII: return &codecs[C_VISCII];
    case VB_ENC_VPS: return &codecs[C_VPS];
    case VB_ENC_VN1: return &codecs[C_VN1];
    case VB_ENC_VIQR: return &codecs[C_VIQR];
    default: return NULL;
    }
}

/* The byte a table codec's fallback gives cp, if no letter uses it. */
static int fallback_byte(const codec *c, uint32_t cp)
{
    /* .Vn fonts (TCVN3, VN1) keep only CP1252's 0x80–0xA0 punctuation */
    int top = c == &codecs[C_TCVN3] || c == &codecs[C_VN1] ? 0xA1 : 256;
    for (int b = 0x80; b < top; b++)
        if (c->single[b] == cp && !c->used[b])
            return b;
    return -1;
}

static int encode_table(const codec *c, int viqr, const unsigned char *s, size_t n, vb_bytes *out,
                        size_t *bad)
{
    uint32_t prev = 0;
    for (size_t i = 0; i < n;) {
        uint32_t cp = vb_utf8_next(s, n, &i);
        const vb_enc_entry *e = NULL;
        for (int k = 0; k < VB_ENC_LETTERS && cp >= 0x80 && !e; k++)
            if (c->tab[k].cp == cp)
                e = &c->tab[k];
        int rc;
        if (e) {
            rc = vb_bytes_put(out, e->b, e->n);
        } else if (cp < 0x80) {
            int esc = viqr && ((is_mark((unsigned char)cp) && prev) || ((cp == 'd' || cp == 'D') && prev == 'd') ||
                               cp == '\\');
            unsigned char two[2] = {'\\', (unsigned char)cp};
            rc = vb_bytes_put(out, two + !esc, 1 + (size_t)esc);
        } else {
            int b = viqr ? -1 : fallback_byte(c, cp);
            unsigned char ch = b < 0 ? '?' : (unsigned char)b;
            *bad += b < 0;
            rc = vb_bytes_put(out, &ch, 1);
        }
        if (rc)
            return -1;
        /* VIQR: a following mark would attach to a vowel or 'd' */
        prev = (cp < 0x80 && strchr("aeiouyAEIOUY", (int)cp) && cp) || e ? 1 : (cp == 'd' || cp == 'D') ? 'd' : 0;
    }
    return 0;
}

/* Each byte of s shown as its CP1252 character, in UTF-8. */
static int bytes_as_cp1252(const unsigned char *s, size_t n, vb_bytes *out)
{
    for (size_t i = 0; i < n; i++)
        if (vb_bytes_cp(out, cp1252_map[s[i]]))
            return -1;
    return 0;
}

static int encode_utf16(int le, const char *s, size_t n, vb_bytes *out)
{
    if (n > INT32_MAX / 4 || vb_bytes_reserve(out, n * 2 + 8))
        return -1;
    UErrorCode ec = U_ZERO_ERROR;
    int32_t k = ucnv_convert(le ? "UTF-16LE" : "UTF-16BE", "UTF-8", out->s + out->len,
                             (int32_t)(out->cap - out->len), s, (int32_t)n, &ec);
    if (U_FAILURE(ec))
        return -1;
    out->len += (size_t)k;
    return 0;
}

int vb_enc_encode(vb_enc_id id, const char *utf8, size_t n, vb_bytes *out, size_t *unmappable)
{
    pthread_once(&once, init_all);
    const unsigned char *s = (const unsigned char *)utf8;
    size_t bad = 0;
    vb_bytes a = {0}, b = {0};
    int rc = -1;
    if (vb_bytes_reserve(out, 1))
        return -1;
    if (id == VB_ENC_UTF8) {
        rc = vb_bytes_put(out, s, n);
    } else if (id == VB_ENC_UTF16LE || id == VB_ENC_UTF16BE) {
        rc = encode_utf16(id == VB_ENC_UTF16LE, utf8, n, out);
    } else if (id == VB_ENC_MOJI1) {
        rc = bytes_as_cp1252(s, n, out);
    } else if (id == VB_ENC_MOJI2) {
        rc = bytes_as_cp1252(s, n, &a) ? -1 : bytes_as_cp1252((unsigned char *)a.s, a.len, out);
    } else if (id == VB_ENC_TCVN3_CP1252 || id == VB_ENC_VNI_CP1252) {
        rc = encode_table(codec_of(id), 0, s, n, &b, &bad) ? -1
             : bytes_as_cp1252((unsigned char *)b.s, b.len, out);
    } else if (codec_of(id)) {
        rc = encode_table(codec_of(id), id == VB_ENC_VIQR, s, n, out, &bad);
    }
    vb_bytes_free(&a);
    vb_bytes_free(&b);
    if (unmappable)
        *unmappable = bad;
    return rc;
}
