/* decode.c — bytes in any supported encoding → UTF-8 NFC (vb_decode).
 * BOMs and the UTF-16 NUL pattern first, then detection (detect.c) over
 * every candidate, one decoding pass (per line when the document is mixed),
 * TCVN3 capitals restored, NFC, stray marks dropped, tone style applied. */
#include "normalize/enc.h"
#include "normalize/normalize.h"
#include "normalize/syllable.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unicode/uchar.h>

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
        up += u_isupper((UChar32)cp[i]) != 0;
        lo += u_islower((UChar32)cp[i]) != 0;
    }
    w->upper = up;
    w->cls = lo ? W_LOWER : up ? W_CAPS : W_NEUTRAL;
    w->syllable = 0;
    if (w->to - w->from < 8) {
        vb_bytes b = {0};
        for (size_t i = w->from; i < w->to; i++)
            vb_bytes_cp(&b, cp[i]);
        w->syllable = b.s && vb_syllable_valid(b.s, b.len);
        vb_bytes_free(&b);
    }
}

/* Should w's ambiguous letters be capitals, given its neighbours? */
static int caps_here(const word *w, const word *prev, const word *next)
{
    int pc = prev && prev->cls == W_CAPS, nc = next && next->cls == W_CAPS;
    int pstrong = pc && prev->upper >= 2 && prev->syllable, nstrong = nc && next->upper >= 2 && next->syllable;
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
        while (i < n && !u_isalpha((UChar32)cp[i]))
            i++;
        size_t a = i;
        while (i < n && u_isalpha((UChar32)cp[i]))
            i++;
        if (i > a) {
            ws[nw] = (word){a, i, 0, 0, 0};
            classify(cp, &ws[nw++]);
        }
    }
    int changed = 0;
    for (size_t k = 0; k < nw; k++) {
        if (!caps_here(&ws[k], k ? &ws[k - 1] : NULL, k + 1 < nw ? &ws[k + 1] : NULL))
            continue;
        for (size_t i = ws[k].from; i < ws[k].to; i++)
            if (ambiguous(cp[i])) {
                cp[i] = (uint32_t)u_toupper((UChar32)cp[i]);
                changed = 1;
            }
    }
    return changed;
}

/* Case restoration over UTF-8 text s[0..n), appended to out. */
static int restore_case(const char *s, size_t n, vb_bytes *out, int *changed)
{
    const unsigned char *u = (const unsigned char *)s;
    uint32_t *cp = malloc(sizeof *cp * (n + 1));
    word *ws = malloc(sizeof *ws * (n / 2 + 1));
    int rc = -1;
    if (!cp || !ws)
        goto done;
    for (size_t i = 0; i < n;) {
        const unsigned char *nl = memchr(u + i, '\n', n - i);
        size_t e = nl ? (size_t)(nl - u) + 1 : n, k = 0;
        for (size_t j = i; j < e;)
            cp[k++] = vb_utf8_next(u, e, &j);
        *changed |= restore_line_case(cp, k, ws, n / 2 + 1);
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

/* Drops combining marks NFC could not attach: after a non-letter, or a
 * second tone on an already toned vowel. U+0340/U+0341 are already
 * U+0300/U+0301 after NFC. */
static int drop_stray_marks(vb_text *t)
{
    if (!memchr(t->s, 0xCC, t->len) && !memchr(t->s, 0xCD, t->len))
        return 0;
    vb_bytes b = {0};
    const unsigned char *s = (const unsigned char *)t->s;
    uint32_t prev = ' ';
    for (size_t i = 0; i < t->len;) {
        size_t j = i;
        uint32_t cp = vb_utf8_next(s, t->len, &j);
        uint32_t base;
        int tone = 0;
        vb_letter_split(prev, &base, &tone);
        int stray = cp >= 0x300 && cp < 0x370 && (!u_isalpha((UChar32)prev) || tone);
        if (!stray && vb_bytes_put(&b, s + i, j - i)) {
            vb_bytes_free(&b);
            return -1;
        }
        if (!stray)
            prev = cp;
        i = j;
    }
    int rc = vb_text_set(t, b.s ? b.s : "", b.len);
    vb_bytes_free(&b);
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
    if (vb_nfc(&t, buf->s ? buf->s : "", buf->len) || drop_stray_marks(&t) ||
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

static void describe(const vb_detection *d, const long *count, vb_decoded *out)
{
    int second = -1;
    for (int id = 0; id < VB_ENC_COUNT; id++)
        if ((d->tried >> id & 1) && id != (int)d->best && (second < 0 || d->score[id] > d->score[second]))
            second = id;
    int k = snprintf(out->detail, sizeof out->detail, "%s: %.1f%% valid syllables (%ld words)",
                     vb_enc_name(d->best), 100 * d->score[d->best], d->words[d->best]);
    if (second >= 0 && k > 0 && (size_t)k < sizeof out->detail)
        k += snprintf(out->detail + k, sizeof out->detail - (size_t)k, "; next %s %.1f%%",
                      vb_enc_name((vb_enc_id)second), 100 * d->score[second]);
    for (int id = 0; count && id < VB_ENC_COUNT && k > 0 && (size_t)k < sizeof out->detail; id++)
        if (count[id])
            k += snprintf(out->detail + k, sizeof out->detail - (size_t)k, "; %ld lines %s", count[id],
                          vb_enc_name((vb_enc_id)id));
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
                              vb_bytes *buf, vb_decoded *out, vb_error *err)
{
    vb_detection d;
    if (vb_detect(s, n, utf8_only, &d))
        return vb_error_set(err, VB_ERR_NOMEM, "out of memory");
    long count[VB_ENC_COUNT] = {0};
    if (forced >= 0) {
        d.best = (vb_enc_id)forced;
        d.mixed = 0;
    } else if (d.score[d.best] < MIN_SCORE && d.words[d.best] >= MIN_WORDS &&
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
        used += count[id] > 0;
    snprintf(out->encoding, sizeof out->encoding, "%s", used > 1 ? "mixed" : vb_enc_name(d.best));
    out->score = d.score[d.best];
    describe(&d, used > 1 ? count : NULL, out);
    return VB_OK;
}

/* UTF-16 → UTF-8 first; the result may itself be mojibake or font text. */
static vb_status decode_utf16(vb_enc_id id, const unsigned char *s, size_t n, int forced,
                              vb_bytes *buf, vb_decoded *out, vb_error *err)
{
    vb_bytes u = {0};
    if (vb_enc_decode(id, s, n, &u)) {
        vb_bytes_free(&u);
        return vb_error_set(err, VB_ERR_NOMEM, "out of memory");
    }
    vb_status st = decode_bytes((unsigned char *)u.s, u.len, forced ? VB_ENC_UTF8 : -1, 1, buf, out, err);
    vb_bytes_free(&u);
    if (st == VB_OK && strcmp(out->encoding, "utf-8") == 0)
        snprintf(out->encoding, sizeof out->encoding, "%s", vb_enc_name(id));
    return st;
}

static vb_status decode_any(const unsigned char *s, size_t n, int forced, vb_bytes *buf,
                            vb_decoded *out, vb_error *err)
{
    int bom16 = n >= 2 && ((s[0] == 0xFF && s[1] == 0xFE) || (s[0] == 0xFE && s[1] == 0xFF));
    if ((forced < 0 && bom16) || forced == VB_ENC_UTF16LE || forced == VB_ENC_UTF16BE) {
        int le = bom16 ? s[0] == 0xFF : forced == VB_ENC_UTF16LE;
        out->had_bom = bom16;
        return decode_utf16(le ? VB_ENC_UTF16LE : VB_ENC_UTF16BE, s + 2 * bom16, n - 2 * (size_t)bom16,
                            forced >= 0, buf, out, err);
    }
    int bom8 = n >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0;
    out->had_bom = bom8;
    s += 3 * bom8;
    n -= 3 * (size_t)bom8;
    if (forced < 0) {
        int u16 = vb_detect_utf16(s, n);
        if (u16 >= 0)
            return decode_utf16((vb_enc_id)u16, s, n, 0, buf, out, err);
        if (vb_detect_binary(s, n < 1 << 20 ? n : 1 << 20))
            return vb_error_set(err, VB_ERR_BINARY, "binary data, not text (NUL or control bytes)");
    }
    return decode_bytes(s, n, forced, bom8, buf, out, err);
}

vb_status vb_decode(const unsigned char *data, size_t len, const char *from, int tone_style,
                    vb_decoded *out, vb_error *err)
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
    vb_status st = decode_any(data, len, forced, &buf, out, err);
    if (st == VB_OK)
        st = finish(&buf, tone_style, out, err);
    vb_bytes_free(&buf);
    if (st != VB_OK)
        vb_decoded_free(out);
    return st;
}
