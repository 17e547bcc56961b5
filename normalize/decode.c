/* decode.c — bytes in any supported encoding → UTF-8 NFC (vb_decode).
 * BOMs and the UTF-16 NUL pattern first, then detection (detect.c) over
 * every candidate, one decoding pass (per line when the document is mixed),
 * TCVN3 capitals restored, NFC, stray marks dropped, tone style applied. */
#include "normalize/enc.h"
#include "normalize/normalize.h"
#include "normalize/restore_priv.h"
#include "normalize/syllable.h"

#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unicode/uchar.h>
#include <unicode/unorm2.h>

#define MIN_WORDS 6        /* fewer words: too little to call it not Vietnamese */
#define MIN_SCORE 0.5      /* below, with under 5% of words carrying Vietnamese
                              diacritics: not Vietnamese in any known encoding */

void vb_decoded_free(vb_decoded *d)
{
    if (!d)
        return;
    free(d->utf8);
    memset(d, 0, sizeof *d);
}

static const char *const aliases[][2] = {
    {"utf8", "utf-8"}, {"utf-16", "utf-16le"}, {"utf16", "utf-16le"}, {"utf16le", "utf-16le"},
    {"utf16be", "utf-16be"}, {"windows-1258", "cp1258"}, {"win1258", "cp1258"},
    {"cp-1258", "cp1258"}, {"1258", "cp1258"}, {"vn3", "tcvn3"}, {"tcvn", "tcvn3"},
    {"abc", "tcvn3"}, {".vn", "tcvn3"}, {"tcvn-3", "tcvn3"}, {"tcvn5712", "vn1"},
    {"tcvn5712-1", "vn1"}, {"tcvn-5712", "vn1"}, {"vni-windows", "vni"}, {"vni-win", "vni"},
    {"mojibake", "utf-8+cp1252"}, {"utf-8+latin1", "utf-8+cp1252"}, {"mojibake2", "utf-8+cp1252x2"},
    {"tcvn3-pdf", "tcvn3+cp1252"}, {"vni-pdf", "vni+cp1252"}};

const char *vb_encoding_canonical(const char *name)
{
    if (!name)
        return NULL;
    for (int i = 0; i < VB_ENC_COUNT; i++)
        if (strcasecmp(name, vb_enc_name((vb_enc_id)i)) == 0)
            return vb_enc_name((vb_enc_id)i);
    for (size_t i = 0; i < sizeof aliases / sizeof aliases[0]; i++)
        if (strcasecmp(name, aliases[i][0]) == 0)
            return aliases[i][1];
    return NULL;
}

/* ---- TCVN3 capitals -------------------------------------------------------- */

/* Letter classes for case restoration: toned lowercase vowels share their
 * byte with the capital in TCVN3 (and H fonts show every Vietnamese letter
 * as a capital), so only the ASCII letters and capitals tell case. */
enum { W_NONE, W_CAPS, W_LOWER, W_NEUTRAL };

typedef struct word {
    size_t from, to;   /* code point indexes */
    int cls, upper;
    int syllable;      /* a Vietnamese syllable (not an acronym: GTVT, II) */
} word;

/* ICU's character classes with an ASCII fast path (the common case). */
static int is_up(uint32_t c)
{
    return c < 0x80 ? c >= 'A' && c <= 'Z' : u_isupper((UChar32)c) != 0;
}

static int is_low(uint32_t c)
{
    return c < 0x80 ? c >= 'a' && c <= 'z' : u_islower((UChar32)c) != 0;
}

static int is_alpha(uint32_t c)
{
    return c < 0x80 ? (c | 0x20) >= 'a' && (c | 0x20) <= 'z' : u_isalpha((UChar32)c) != 0;
}

static int ambiguous(uint32_t cp)
{
    uint32_t base;
    int tone;
    /* toned lowercase vowels, and ă â ê ô ơ ư đ typed lowercase under a
     * capitals-only ".VnXxxH" font */
    return cp >= 0x80 && u_islower((UChar32)cp) && (vb_letter_split(cp, &base, &tone) || cp == 0x111);
}

static void classify(const uint32_t *cp, word *w)
{
    int up = 0, lo = 0;
    for (size_t i = w->from; i < w->to; i++) {
        if (ambiguous(cp[i]))
            continue;
        up += is_up(cp[i]);
        lo += is_low(cp[i]);
    }
    w->upper = up;
    w->cls = lo ? W_LOWER : up ? W_CAPS : W_NEUTRAL;
    w->syllable = -1;   /* found out when needed */
}

/* A Vietnamese syllable, not an acronym (HOẠCH, not GTVT or II). */
static int syllable(const uint32_t *cp, word *w)
{
    if (w->syllable < 0) {
        char buf[40];
        size_t n = 0;
        for (size_t i = w->from; i < w->to && i < w->from + 8; i++) {
            vb_bytes b = {buf + n, 0, sizeof buf - n};
            if (vb_bytes_cp(&b, cp[i]) == 0 && b.s == buf + n)
                n += b.len;
        }
        w->syllable = w->to - w->from < 8 && vb_syllable_valid(buf, n);
    }
    return w->syllable;
}

/* Should w's ambiguous letters be capitals, given its neighbours? */
static int caps_here(const uint32_t *cp, word *w, word *prev, word *next)
{
    int pc = prev && prev->cls == W_CAPS, nc = next && next->cls == W_CAPS;
    int pstrong = pc && prev->upper >= 2 && syllable(cp, prev);
    int nstrong = nc && next->upper >= 2 && syllable(cp, next);
    if (w->cls == W_CAPS && w->upper >= 2)
        return 1;
    if (w->cls == W_CAPS)   /* "Bộ GTVT" stays; "KÕ HO¹CH" → "KẾ HOẠCH" */
        return (!prev || pc) && (!next || nc) && (pstrong || nstrong);
    if (w->cls == W_NEUTRAL)
        return (prev || next) && (!prev || pc) && (!next || nc) && (pstrong || nstrong);
    return 0;
}

/* Restores capitals in the words of one line (code points, in place). */
static int restore_line_case(uint32_t *cp, size_t n, word *ws, size_t maxw)
{
    size_t nw = 0;
    for (size_t i = 0; i < n && nw < maxw;) {
        while (i < n && !is_alpha(cp[i]))
            i++;
        size_t a = i;
        while (i < n && is_alpha(cp[i]))
            i++;
        if (i > a) {
            ws[nw] = (word){a, i, 0, 0, 0};
            classify(cp, &ws[nw++]);
        }
    }
    int changed = 0;
    for (size_t k = 0; k < nw; k++) {
        if (!caps_here(cp, &ws[k], k ? &ws[k - 1] : NULL, k + 1 < nw ? &ws[k + 1] : NULL))
            continue;
        for (size_t i = ws[k].from; i < ws[k].to; i++)
            if (ambiguous(cp[i])) {
                cp[i] = (uint32_t)u_toupper((UChar32)cp[i]);
                changed = 1;
            }
    }
    return changed;
}

/* Finding words with two capitals (ASCII or Ă Â Ê Ô Ơ Ư Đ, the only
 * capitals TCVN3 decodes to): without one, a line has no case to restore.
 * Per byte: 1 for an ASCII capital, bits of the lead bytes C3 C4 C6 that
 * the next byte completes to one of the others, and whether it ends a
 * word — tables, so the scan has no branch per byte. */
static unsigned char byte_cap[256], byte_keep[256], lead_bit[256], next_bits[256];
static pthread_once_t byte_once = PTHREAD_ONCE_INIT;

static void byte_init(void)
{
    for (int c = 0; c < 256; c++) {
        byte_cap[c] = c >= 'A' && c <= 'Z';
        byte_keep[c] = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c >= 0x80 ? 0xFF : 0;
    }
    lead_bit[0xC3] = 1, lead_bit[0xC4] = 2, lead_bit[0xC6] = 4;
    next_bits[0x82] = 1 | 2;                                  /* Â Ă */
    next_bits[0x8A] = next_bits[0x94] = 1;                    /* Ê Ô */
    next_bits[0x90] = 2;                                      /* Đ */
    next_bits[0xA0] = next_bits[0xAF] = 4;                    /* Ơ Ư */
}

/* Writes the code points cp[0..k) of the line u[0..n) back over it, in
 * place: a Vietnamese letter and its capital have UTF-8 of one length. */
static void write_back(unsigned char *u, size_t n, const uint32_t *cp, size_t k)
{
    for (size_t j = 0, at = 0; j < k && at < n; j++) {
        unsigned char b[4];
        size_t m = vb_utf8_encode(cp[j], b), old = at;
        vb_utf8_next(u, n, &at);
        if (at - old == m)
            memcpy(u + old, b, m);
    }
}

/* Restores the case of one line u[0..n) in place; cp and ws are sized
 * for it. 1 if anything changed. */
static int restore_line(unsigned char *u, size_t n, uint32_t *cp, word *ws, size_t maxw)
{
    size_t k = 0;
    for (size_t j = 0; j < n;)
        cp[k++] = vb_utf8_next(u, n, &j);
    if (!restore_line_case(cp, k, ws, maxw))
        return 0;
    write_back(u, n, cp, k);
    return 1;
}

/* Case restoration over UTF-8 text s[0..n) (s[n] readable: the buffer's
 * NUL), in place: one pass over the bytes finds the lines with a word of
 * two capitals; only those are looked at closely. */
static int restore_case(char *s, size_t n, int *changed)
{
    pthread_once(&byte_once, byte_init);
    unsigned char *u = (unsigned char *)s;
    uint32_t *cp = NULL;
    word *ws = NULL;
    size_t cap = 0;
    unsigned caps = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char b = u[i];
        caps = (caps + byte_cap[b] + ((lead_bit[b] & next_bits[u[i + 1]]) != 0)) & byte_keep[b];
        if (caps < 2)
            continue;
        const unsigned char *nl = memchr(u + i, '\n', n - i);
        size_t e = nl ? (size_t)(nl - u) + 1 : n, line = i;
        while (line > 0 && u[line - 1] != '\n')
            line--;
        if (e - line + 1 > cap) {   /* buffers sized to the longest line seen */
            cap = e - line + 1;
            uint32_t *c2 = realloc(cp, sizeof *cp * cap);
            cp = c2 ? c2 : cp;
            word *w2 = c2 ? realloc(ws, sizeof *ws * (cap / 2 + 1)) : NULL;
            ws = w2 ? w2 : ws;
            if (!c2 || !w2) {
                free(cp);
                free(ws);
                return -1;
            }
        }
        *changed |= restore_line(u + line, e - line, cp, ws, cap / 2 + 1);
        i = e - 1;
        caps = 0;
    }
    free(cp);
    free(ws);
    return 0;
}

/* ---- decoding ---------------------------------------------------------------- */

static int is_tcvn3(vb_enc_id id)
{
    return id == VB_ENC_TCVN3 || id == VB_ENC_TCVN3_CP1252;
}

/* Decodes one piece as id, appended to out, restoring TCVN3 capitals. */
static int decode_piece(vb_enc_id id, const unsigned char *s, size_t n, vb_bytes *out,
                        int *case_inferred)
{
    size_t at = out->len;
    if (vb_enc_decode(id, s, n, out))
        return -1;
    return is_tcvn3(id) ? restore_case(out->s + at, out->len - at, case_inferred) : 0;
}

static int ascii(const unsigned char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (s[i] >= 0x80)
            return 0;
    return 1;
}

/* Mixed document: each line in its own best decoding. */
static int decode_mixed(const vb_detection *d, const unsigned char *s, size_t n, vb_bytes *out,
                        int *case_inferred, long *count)
{
    vb_bytes tmp = {0};
    int rc = 0;
    for (size_t i = 0; i < n && rc == 0;) {
        const unsigned char *nl = memchr(s + i, '\n', n - i);
        size_t e = nl ? (size_t)(nl - s) + 1 : n;
        vb_enc_id id;
        rc = vb_detect_line(s + i, e - i, d, &tmp, &id);
        if (rc == 0) {
            size_t at = out->len;
            rc = decode_piece(id, s + i, e - i, out, case_inferred);
            /* an ASCII line the reading leaves as it is could be any */
            count[id] += rc == 0 && !(ascii(s + i, e - i) && out->len - at == e - i &&
                                      memcmp(out->s + at, s + i, e - i) == 0);
        }
        i = e;
    }
    vb_bytes_free(&tmp);
    return rc;
}

/* Start of the code point that ends just before byte i. */
static size_t prev_start(const unsigned char *s, size_t i)
{
    size_t k = i;
    while (k > 0 && i - k < 4 && (s[k - 1] & 0xC0) == 0x80)
        k--;
    return k > 0 ? k - 1 : 0;
}

/* Drops combining marks NFC could not attach: after a non-letter, or a
 * second tone on an already toned vowel. U+0340/U+0341 are already
 * U+0300/U+0301 after NFC. Only the bytes around marks are looked at. */
static int drop_stray_marks(vb_text *t)
{
    const unsigned char *s = (const unsigned char *)t->s;
    vb_bytes b = {0};
    size_t run = 0, dropped = 0;
    for (size_t i = 0; i + 1 < t->len; i++) {
        if (s[i] != 0xCC && s[i] != 0xCD)
            continue;
        uint32_t cp = (uint32_t)((s[i] & 0x1F) << 6 | (s[i + 1] & 0x3F)), base;
        size_t p = prev_start(s, i), q = p;
        uint32_t prev = i > 0 ? vb_utf8_next(s, i, &q) : ' ';
        int tone = 0;
        vb_letter_split(prev, &base, &tone);
        if (cp >= 0x370 || (u_isalpha((UChar32)prev) && !tone))
            continue;
        if (vb_bytes_put(&b, s + run, i - run)) {
            vb_bytes_free(&b);
            return -1;
        }
        run = i + 2;
        dropped++;
    }
    if (!dropped)
        return 0;
    int rc = vb_bytes_put(&b, s + run, t->len - run) ? -1 : vb_text_set(t, b.s, b.len);
    vb_bytes_free(&b);
    return rc;
}

/* Code points below U+3000 that NFC leaves alone wherever they stand
 * (quick check Yes, combining class 0), one bit each. The combining
 * diacritics block is left out as a whole (its grapheme joiner U+034F has
 * class 0): text without them has no stray marks to drop either. */
#define PLAIN_MAX 0x3000
static unsigned char plain_bits[PLAIN_MAX / 8];
static pthread_once_t plain_once = PTHREAD_ONCE_INIT;

static int nfc_plain(UChar32 c)
{
    return u_getIntPropertyValue(c, UCHAR_NFC_QUICK_CHECK) == UNORM_YES && u_getCombiningClass(c) == 0 &&
           !(c >= 0x300 && c < 0x370);
}

static void plain_init(void)
{
    for (UChar32 c = 0; c < PLAIN_MAX; c++)
        if (nfc_plain(c))
            plain_bits[c >> 3] |= (unsigned char)(1u << (c & 7));
}

/* 1 when valid UTF-8 s[0..n) is NFC as it stands because no code point in
 * it can change or combine: the usual case, decided without converting the
 * text to UTF-16. 0: ICU must look. */
static int surely_nfc(const unsigned char *s, size_t n)
{
    pthread_once(&plain_once, plain_init);
    for (size_t i = 0; i < n;) {
        if (s[i] < 0x80) {
            i++;
            continue;
        }
        size_t j = i;
        uint32_t c = vb_utf8_next(s, n, &j);
        if (c == 0xFFFD && j - i == 1)
            return 0;   /* invalid byte: ICU substitutes it */
        if (c < PLAIN_MAX ? !(plain_bits[c >> 3] >> (c & 7) & 1) : !nfc_plain((UChar32)c))
            return 0;
        i = j;
    }
    return 1;
}

/* Decodings whose every character comes from their own tables: ASCII,
 * precomposed letters, Latin-1 and CP1252 characters, U+FFFD — all of
 * which NFC leaves alone wherever they stand (test_decode checks every
 * byte and table row), so their output needs no NFC check. Windows-1258
 * has combining tones; UTF-8 and the CP1252 readings pass text through. */
static int nfc_by_table(vb_enc_id id)
{
    return id == VB_ENC_TCVN3 || id == VB_ENC_VN1 || id == VB_ENC_VNI || id == VB_ENC_VISCII ||
           id == VB_ENC_VPS || id == VB_ENC_VIQR;
}

/* Takes buf's memory over as t's (both are malloc'd, NUL-terminated). */
static void take_over(vb_text *t, vb_bytes *buf)
{
    t->s = buf->s;
    t->len = buf->len;
    t->cap = buf->cap;
    memset(buf, 0, sizeof *buf);
}

/* Where the first line NFC could change starts in s[0..n), or n. */
static size_t first_unplain_line(const unsigned char *s, size_t n)
{
    for (size_t i = 0; i < n;) {
        const unsigned char *nl = memchr(s + i, '\n', n - i);
        size_t e = nl ? (size_t)(nl - s) + 1 : n;
        if (!surely_nfc(s + i, e - i))
            return i;
        i = e;
    }
    return n;
}

/* buf in NFC, line by line (NFC never composes across a line break):
 * lines no code point of which NFC changes are kept as they are, the
 * others go through ICU and are written back in place (NFC seldom
 * lengthens a line; when it does, the rest is built in a new buffer).
 * *plain: nothing needed ICU. Then buf's memory becomes t's. 0 or -1. */
static int nfc_lines(vb_bytes *buf, vb_text *t, int *plain)
{
    unsigned char *s = (unsigned char *)buf->s;
    size_t n = buf->len, i = first_unplain_line(s, n), w = i;
    vb_bytes grown = {0};   /* used once a line outgrew its place */
    vb_text line;
    vb_text_init(&line);
    int rc = 0;
    *plain = i == n;
    while (rc == 0 && i < n) {
        const unsigned char *nl = memchr(s + i, '\n', n - i);
        size_t e = nl ? (size_t)(nl - s) + 1 : n;
        const void *src = s + i;
        size_t len = e - i;
        if (!surely_nfc(s + i, e - i)) {
            rc = vb_nfc(&line, (const char *)s + i, e - i);
            src = line.s;
            len = line.len;
        }
        if (rc == 0 && !grown.s && w + len <= e) {
            memmove(s + w, src, len);
            w += len;
        } else if (rc == 0) {
            rc = (!grown.s && vb_bytes_put(&grown, s, w)) || vb_bytes_put(&grown, src, len) ? -1 : 0;
        }
        i = e;
    }
    vb_text_free(&line);
    if (rc == 0 && grown.s) {
        vb_bytes_free(buf);
        *buf = grown;
    } else if (rc == 0) {
        buf->len = w;
        buf->s[w] = 0;
    } else {
        vb_bytes_free(&grown);
    }
    if (rc == 0)
        take_over(t, buf);
    return rc;
}

/* NFC, stray marks, tone style: raw UTF-8 in buf → out->utf8. */
static vb_status finish(vb_bytes *buf, int plain_known, int tone_style, vb_decoded *out, vb_error *err)
{
    vb_text t;
    vb_text_init(&t);
    if (buf->len > INT32_MAX / 4)
        return vb_error_set(err, VB_ERR_LIMIT, "decoded text too large (%zu bytes)", buf->len);
    int plain = plain_known && buf->s, rc;
    if (plain)
        take_over(&t, buf);
    rc = plain ? 0 : buf->s ? nfc_lines(buf, &t, &plain) : vb_text_set(&t, "", 0);
    if (rc ||
        (!plain && drop_stray_marks(&t)) || vb_tone_style_apply(&t, tone_style) < 0) {
        vb_text_free(&t);
        return vb_error_set(err, VB_ERR_NOMEM, "out of memory");
    }
    char *fit = t.cap > t.len + t.len / 4 + 4096 ? realloc(t.s, t.len + 1) : NULL;
    out->utf8 = fit ? fit : t.s;   /* decoders reserve for the worst case */
    out->len = t.len;
    t.s = NULL;
    vb_text_free(&t);
    return VB_OK;
}

/* Appends printf-style text to out->detail, as far as it fits. */
static void say(vb_decoded *out, const char *fmt, ...)
{
    size_t k = strlen(out->detail);
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(out->detail + k, sizeof out->detail - k, fmt, ap);
    va_end(ap);
}

static void describe(const vb_detection *d, const long *count, int forced, vb_decoded *out)
{
    out->detail[0] = 0;
    if (count) {
        say(out, "lines disagree, decoded one by one");
        for (int id = 0; id < VB_ENC_COUNT; id++)
            if (count[id])
                say(out, "; %ld lines %s", count[id], vb_enc_name((vb_enc_id)id));
        if (!d->lm && forced < 0)
            say(out, "; no language model");
        return;
    }
    say(out, "%s: %.1f%% valid syllables (%ld words)", vb_enc_name(d->best), 100 * d->score[d->best],
        d->words[d->best]);
    int second = -1;
    for (int id = 0; id < VB_ENC_COUNT; id++)
        if ((d->tried >> id & 1) && id != (int)d->best && (second < 0 || d->score[id] > d->score[second]))
            second = id;
    if (second >= 0)
        say(out, "; next %s %.1f%%", vb_enc_name((vb_enc_id)second), 100 * d->score[second]);
    if (d->alike && d->lm && d->lm_margin >= 0)
        say(out, "; %d more read alike, the language model prefers %s to %s by 10^%.1f", d->alike,
            vb_enc_name(d->best), vb_enc_name(d->rival), d->lm_margin);
    else if (d->alike && d->lm)
        say(out, "; %d more read alike, the language model leans to %s by 10^%.1f, too little", d->alike,
            vb_enc_name(d->rival), -d->lm_margin);
    else if (d->alike)
        say(out, "; %d more read alike and there is no language model to choose", d->alike);
    else if (!d->lm && forced < 0)
        say(out, "; no language model");
}

static long max_marked(const vb_detection *d)
{
    long m = 0;
    for (int id = 0; id < VB_ENC_COUNT; id++)
        m = d->marked[id] > m ? d->marked[id] : m;
    return m;
}

/* The reading the inventory scored highest (the model may have chosen
 * another alike one): how Vietnamese the text can look at all. */
static vb_enc_id top_scored(const vb_detection *d)
{
    vb_enc_id top = d->best;
    for (int id = 0; id < VB_ENC_COUNT; id++)
        if ((d->tried >> id & 1) && d->score[id] > d->score[top])
            top = (vb_enc_id)id;
    return top;
}

/* Detects (unless forced), decodes s[0..n) through buf and finishes the
 * text into out. */
static vb_status decode_bytes(const unsigned char *s, size_t n, int forced, int utf8_only,
                              const vb_lm *lm, int tone_style, vb_bytes *buf, vb_decoded *out,
                              vb_error *err)
{
    vb_detection d;
    if (forced >= 0 ? vb_detect_forced(s, n, (vb_enc_id)forced, &d) : vb_detect(s, n, utf8_only, lm, &d))
        return vb_error_set(err, VB_ERR_NOMEM, "out of memory");
    long count[VB_ENC_COUNT] = {0};
    vb_enc_id top = top_scored(&d);
    if (forced < 0 && d.score[top] < MIN_SCORE && d.words[top] >= MIN_WORDS &&
        max_marked(&d) * 20 < d.words[top]) {
        return vb_error_set(err, VB_ERR_ENCODING,
                            "not Vietnamese text in any known encoding (best: %s, %.0f%% valid "
                            "syllables of %ld words)",
                            vb_enc_name(top), 100 * d.score[top], d.words[top]);
    }
    int rc = d.mixed ? decode_mixed(&d, s, n, buf, &out->case_inferred, count)
                     : decode_piece(d.best, s, n, buf, &out->case_inferred);
    if (rc)
        return vb_error_set(err, VB_ERR_NOMEM, "out of memory");
    int used = 0;
    vb_enc_id detected = d.best;
    for (int id = 0; id < VB_ENC_COUNT; id++)
        if (count[id] > 0 && used++ == 0)
            d.best = (vb_enc_id)id;   /* the one used, when all lines agree */
    if (d.best != detected)
        d.alike = 0;   /* the model's say was about another reading */
    snprintf(out->encoding, sizeof out->encoding, "%s", used > 1 ? "mixed" : vb_enc_name(d.best));
    out->score = d.score[d.best];
    describe(&d, used > 1 ? count : NULL, forced, out);
    return finish(buf, !d.mixed && nfc_by_table(d.best), tone_style, out, err);
}

/* UTF-16 → UTF-8 first; the result may itself be mojibake or font text. */
static vb_status decode_utf16(vb_enc_id id, const unsigned char *s, size_t n, int forced,
                              const vb_lm *lm, int tone_style, vb_bytes *buf, vb_decoded *out,
                              vb_error *err)
{
    vb_bytes u = {0};
    if (vb_enc_decode(id, s, n, &u)) {
        vb_bytes_free(&u);
        return vb_error_set(err, VB_ERR_NOMEM, "out of memory");
    }
    vb_status st = decode_bytes((unsigned char *)u.s, u.len, forced ? VB_ENC_UTF8 : -1, 1, lm, tone_style,
                                 buf, out, err);
    vb_bytes_free(&u);
    if (st == VB_OK && strcmp(out->encoding, "utf-8") == 0)
        snprintf(out->encoding, sizeof out->encoding, "%s", vb_enc_name(id));
    return st;
}

static vb_status decode_any(const unsigned char *s, size_t n, int forced, const vb_lm *lm,
                            int tone_style, vb_bytes *buf, vb_decoded *out, vb_error *err)
{
    int bom16 = n >= 2 && ((s[0] == 0xFF && s[1] == 0xFE) || (s[0] == 0xFE && s[1] == 0xFF));
    if ((forced < 0 && bom16) || forced == VB_ENC_UTF16LE || forced == VB_ENC_UTF16BE) {
        int le = bom16 ? s[0] == 0xFF : forced == VB_ENC_UTF16LE;
        out->had_bom = bom16;
        return decode_utf16(le ? VB_ENC_UTF16LE : VB_ENC_UTF16BE, s + 2 * bom16, n - 2 * (size_t)bom16,
                            forced >= 0, lm, tone_style, buf, out, err);
    }
    int bom8 = n >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0;
    out->had_bom = bom8;
    s += 3 * bom8;
    n -= 3 * (size_t)bom8;
    if (forced < 0) {
        int u16 = vb_detect_utf16(s, n);
        if (u16 >= 0)
            return decode_utf16((vb_enc_id)u16, s, n, 0, lm, tone_style, buf, out, err);
        if (vb_detect_binary(s, n < 1 << 20 ? n : 1 << 20))
            return vb_error_set(err, VB_ERR_BINARY, "binary data, not text (NUL or control bytes)");
    }
    return decode_bytes(s, n, forced, bom8, lm, tone_style, buf, out, err);
}

vb_status vb_decode(const unsigned char *data, size_t len, const char *from, int tone_style,
                    vb_decoded *out, vb_error *err)
{
    return vb_decode_lm(data, len, from, tone_style, NULL, out, err);
}

vb_status vb_decode_lm(const unsigned char *data, size_t len, const char *from, int tone_style,
                       const vb_model *model, vb_decoded *out, vb_error *err)
{
    memset(out, 0, sizeof *out);
    if (len == 0)
        return vb_error_set(err, VB_ERR_EMPTY, "empty file: nothing to convert");
    if (len > INT32_MAX / 4)
        return vb_error_set(err, VB_ERR_LIMIT, "text too large to decode in one piece");
    int forced = -1;
    if (from && strcasecmp(from, "auto") != 0) {
        const char *c = vb_encoding_canonical(from);
        if (!c)
            return vb_error_set(err, VB_ERR_USAGE, "unknown encoding '%s'", from);
        forced = vb_enc_find(c);
    }
    vb_bytes buf = {0};
    vb_status st = decode_any(data, len, forced, model ? vb_model_lm(model) : NULL, tone_style, &buf,
                              out, err);
    vb_bytes_free(&buf);
    if (st != VB_OK)
        vb_decoded_free(out);
    return st;
}
