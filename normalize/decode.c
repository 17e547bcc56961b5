/* decode.c — bytes in any supported encoding → UTF-8 NFC (vb_decode).
 * BOMs and the UTF-16 NUL pattern first, then detection (detect.c) over
 * every candidate, one decoding pass (per line when the document is mixed),
 * TCVN3 capitals restored, NFC, stray marks dropped, tone style applied. */
#include "normalize/enc.h"
#include "normalize/normalize.h"
#include "normalize/restore_priv.h"
#include "normalize/syllable.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unicode/uchar.h>
#include <unicode/unorm2.h>
#include <unicode/ustring.h>

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

/* 1 if some word of the line has two capitals (ASCII or Ă Â Ê Ô Ơ Ư Đ,
 * the only ones TCVN3 decodes to): without one no case is restored. */
static int two_capitals(const unsigned char *s, size_t n)
{
    int cur = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = s[i];
        if (c >= 'A' && c <= 'Z')
            cur++;
        else if (c < 0x80 && !(c >= 'a' && c <= 'z'))
            cur = 0;
        else if (c >= 0xC0 && i + 1 < n) {
            unsigned v = (unsigned)c << 8 | s[i + 1];
            cur += v == 0xC382 || v == 0xC38A || v == 0xC394 || v == 0xC482 || v == 0xC490 ||
                   v == 0xC6A0 || v == 0xC6AF;
        }
        if (cur >= 2)
            return 1;
    }
    return 0;
}

/* Case restoration over UTF-8 text s[0..n), appended to out. */
static int restore_case(const char *s, size_t n, vb_bytes *out, int *changed)
{
    const unsigned char *u = (const unsigned char *)s;
    uint32_t *cp = NULL;
    word *ws = NULL;
    size_t cap = 0;
    int rc = -1;
    for (size_t i = 0; i < n;) {
        const unsigned char *nl = memchr(u + i, '\n', n - i);
        size_t e = nl ? (size_t)(nl - u) + 1 : n, k = 0;
        if (!two_capitals(u + i, e - i)) {
            if (vb_bytes_put(out, u + i, e - i))
                goto done;
            i = e;
            continue;
        }
        if (e - i + 1 > cap) {   /* buffers sized to the longest line seen */
            cap = e - i + 1;
            uint32_t *c2 = realloc(cp, sizeof *cp * cap);
            cp = c2 ? c2 : cp;
            word *w2 = c2 ? realloc(ws, sizeof *ws * (cap / 2 + 1)) : NULL;
            ws = w2 ? w2 : ws;
            if (!c2 || !w2)
                goto done;
        }
        for (size_t j = i; j < e;)
            cp[k++] = vb_utf8_next(u, e, &j);
        *changed |= restore_line_case(cp, k, ws, cap / 2 + 1);
        for (size_t j = 0; j < k; j++)
            if (vb_bytes_cp(out, cp[j]))
                goto done;
        i = e;
    }
    rc = 0;
done:
    free(cp);
    free(ws);
    return rc;
}

/* ---- decoding ---------------------------------------------------------------- */

static int is_tcvn3(vb_enc_id id)
{
    return id == VB_ENC_TCVN3 || id == VB_ENC_TCVN3_CP1252;
}

/* Decodes one piece as id into out, restoring TCVN3 capitals. */
static int decode_piece(vb_enc_id id, const unsigned char *s, size_t n, vb_bytes *out, vb_bytes *tmp,
                        int *case_inferred)
{
    if (!is_tcvn3(id))
        return vb_enc_decode(id, s, n, out);
    tmp->len = 0;
    if (vb_enc_decode(id, s, n, tmp))
        return -1;
    return restore_case(tmp->s, tmp->len, out, case_inferred);
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
            count[id]++;
            rc = decode_piece(id, s + i, e - i, out, &tmp, case_inferred);
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

/* u[0..ulen) in NFC, of which u[0..yes) already is, into t as UTF-8. */
static int normalize_rest(vb_text *t, const UNormalizer2 *n2, UChar *u, int32_t ulen, int32_t yes)
{
    UErrorCode ec = U_ZERO_ERROR;
    int32_t cap = ulen + 64, vlen = 0;
    UChar *v = malloc(sizeof *v * (size_t)cap);
    char *o = NULL;
    int rc = -1;
    if (!v)
        return -1;
    u_memcpy(v, u, yes);
    vlen = unorm2_normalizeSecondAndAppend(n2, v, yes, cap, u + yes, ulen - yes, &ec);
    if (ec == U_BUFFER_OVERFLOW_ERROR) {
        UChar *w = realloc(v, sizeof *v * (size_t)(vlen + 1));
        if (!w)
            goto done;
        v = w;
        ec = U_ZERO_ERROR;
        u_memcpy(v, u, yes);
        vlen = unorm2_normalizeSecondAndAppend(n2, v, yes, vlen + 1, u + yes, ulen - yes, &ec);
    }
    int32_t olen = 0;
    if (U_FAILURE(ec) || !(o = malloc((size_t)vlen * 3 + 1)))
        goto done;
    u_strToUTF8(o, vlen * 3 + 1, &olen, v, vlen, &ec);
    rc = U_FAILURE(ec) ? -1 : vb_text_set(t, o, (size_t)olen);
done:
    free(v);
    free(o);
    return rc;
}

/* NFC through ICU (as vb_nfc does); text already in NFC, the usual case, is
 * only checked, not converted back. */
static int nfc(vb_text *t, const vb_bytes *buf)
{
    if (!buf->s)
        return vb_text_set(t, "", 0);
    UErrorCode ec = U_ZERO_ERROR;
    const UNormalizer2 *n2 = unorm2_getNFCInstance(&ec);
    UChar *u = malloc(sizeof *u * (buf->len + 1));
    int32_t ulen = 0, yes = -1;
    if (u && U_SUCCESS(ec)) {
        u_strFromUTF8WithSub(u, (int32_t)buf->len + 1, &ulen, buf->s, (int32_t)buf->len, 0xFFFD, NULL, &ec);
        yes = U_SUCCESS(ec) ? unorm2_spanQuickCheckYes(n2, u, ulen, &ec) : -1;
    }
    int rc = -1;
    if (U_SUCCESS(ec) && yes == ulen)
        rc = vb_text_set(t, buf->s, buf->len);
    else if (U_SUCCESS(ec))
        rc = normalize_rest(t, n2, u, ulen, yes);
    free(u);
    return rc;
}

/* NFC, stray marks, tone style: raw UTF-8 in buf → out->utf8. */
static vb_status finish(vb_bytes *buf, int tone_style, vb_decoded *out, vb_error *err)
{
    vb_text t;
    vb_text_init(&t);
    if (buf->len > INT32_MAX / 4) {
        vb_text_free(&t);
        return vb_error_set(err, VB_ERR_LIMIT, "decoded text too large (%zu bytes)", buf->len);
    }
    if (nfc(&t, buf) || drop_stray_marks(&t) ||
        vb_tone_style_apply(&t, tone_style) < 0) {
        vb_text_free(&t);
        return vb_error_set(err, VB_ERR_NOMEM, "out of memory");
    }
    out->utf8 = t.s;
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
    } else {
        say(out, "%s: %.1f%% valid syllables (%ld words)", vb_enc_name(d->best),
            100 * d->score[d->best], d->words[d->best]);
        int second = -1;
        for (int id = 0; id < VB_ENC_COUNT; id++)
            if ((d->tried >> id & 1) && id != (int)d->best &&
                (second < 0 || d->score[id] > d->score[second]))
                second = id;
        if (second >= 0)
            say(out, "; next %s %.1f%%", vb_enc_name((vb_enc_id)second), 100 * d->score[second]);
    }
    if (d->alike && d->lm)
        say(out, "; %d alike, the language model prefers %s to %s by 10^%.1f", d->alike,
            vb_enc_name(d->best), vb_enc_name(d->rival), d->lm_margin);
    else if (d->alike)
        say(out, "; %d alike and no language model to choose", d->alike);
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

/* Detects (unless forced) and decodes s[0..n) into buf. */
static vb_status decode_bytes(const unsigned char *s, size_t n, int forced, int utf8_only,
                              const vb_lm *lm, vb_bytes *buf, vb_decoded *out, vb_error *err)
{
    vb_detection d;
    if (forced >= 0 ? vb_detect_forced(s, n, (vb_enc_id)forced, &d) : vb_detect(s, n, utf8_only, lm, &d))
        return vb_error_set(err, VB_ERR_NOMEM, "out of memory");
    long count[VB_ENC_COUNT] = {0};
    if (forced < 0 && d.score[d.best] < MIN_SCORE && d.words[d.best] >= MIN_WORDS &&
        max_marked(&d) * 20 < d.words[d.best]) {
        return vb_error_set(err, VB_ERR_ENCODING,
                            "not Vietnamese text in any known encoding (best: %s, %.0f%% valid "
                            "syllables of %ld words)",
                            vb_enc_name(d.best), 100 * d.score[d.best], d.words[d.best]);
    }
    vb_bytes tmp = {0};
    int rc = d.mixed ? decode_mixed(&d, s, n, buf, &out->case_inferred, count)
                     : decode_piece(d.best, s, n, buf, &tmp, &out->case_inferred);
    vb_bytes_free(&tmp);
    if (rc)
        return vb_error_set(err, VB_ERR_NOMEM, "out of memory");
    int used = 0;
    for (int id = 0; id < VB_ENC_COUNT; id++)
        if (count[id] > 0 && used++ == 0)
            d.best = (vb_enc_id)id;   /* the one used, when all lines agree */
    snprintf(out->encoding, sizeof out->encoding, "%s", used > 1 ? "mixed" : vb_enc_name(d.best));
    out->score = d.score[d.best];
    describe(&d, used > 1 ? count : NULL, forced, out);
    return VB_OK;
}

/* UTF-16 → UTF-8 first; the result may itself be mojibake or font text. */
static vb_status decode_utf16(vb_enc_id id, const unsigned char *s, size_t n, int forced,
                              const vb_lm *lm, vb_bytes *buf, vb_decoded *out, vb_error *err)
{
    vb_bytes u = {0};
    if (vb_enc_decode(id, s, n, &u)) {
        vb_bytes_free(&u);
        return vb_error_set(err, VB_ERR_NOMEM, "out of memory");
    }
    vb_status st = decode_bytes((unsigned char *)u.s, u.len, forced ? VB_ENC_UTF8 : -1, 1, lm, buf, out, err);
    vb_bytes_free(&u);
    if (st == VB_OK && strcmp(out->encoding, "utf-8") == 0)
        snprintf(out->encoding, sizeof out->encoding, "%s", vb_enc_name(id));
    return st;
}

static vb_status decode_any(const unsigned char *s, size_t n, int forced, const vb_lm *lm,
                            vb_bytes *buf, vb_decoded *out, vb_error *err)
{
    int bom16 = n >= 2 && ((s[0] == 0xFF && s[1] == 0xFE) || (s[0] == 0xFE && s[1] == 0xFF));
    if ((forced < 0 && bom16) || forced == VB_ENC_UTF16LE || forced == VB_ENC_UTF16BE) {
        int le = bom16 ? s[0] == 0xFF : forced == VB_ENC_UTF16LE;
        out->had_bom = bom16;
        return decode_utf16(le ? VB_ENC_UTF16LE : VB_ENC_UTF16BE, s + 2 * bom16, n - 2 * (size_t)bom16,
                            forced >= 0, lm, buf, out, err);
    }
    int bom8 = n >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0;
    out->had_bom = bom8;
    s += 3 * bom8;
    n -= 3 * (size_t)bom8;
    if (forced < 0) {
        int u16 = vb_detect_utf16(s, n);
        if (u16 >= 0)
            return decode_utf16((vb_enc_id)u16, s, n, 0, lm, buf, out, err);
        if (vb_detect_binary(s, n < 1 << 20 ? n : 1 << 20))
            return vb_error_set(err, VB_ERR_BINARY, "binary data, not text (NUL or control bytes)");
    }
    return decode_bytes(s, n, forced, bom8, lm, buf, out, err);
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
    vb_status st = decode_any(data, len, forced, model ? vb_model_lm(model) : NULL, &buf, out, err);
    if (st == VB_OK)
        st = finish(&buf, tone_style, out, err);
    vb_bytes_free(&buf);
    if (st != VB_OK)
        vb_decoded_free(out);
    return st;
}
