/* decode.c — bytes → UTF-8 NFC. This first version knows UTF-8 (with or
 * without BOM) and UTF-16 with a BOM; the legacy-encoding issue adds the
 * Vietnamese code pages and detection behind the same call. */
#include "normalize/normalize.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/ucnv.h>

void vb_decoded_free(vb_decoded *d)
{
    if (!d)
        return;
    free(d->utf8);
    memset(d, 0, sizeof *d);
}

const char *vb_encoding_canonical(const char *name)
{
    static const char *const names[] = {"utf-8", "utf-16le", "utf-16be"};
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        if (strcasecmp(name, names[i]) == 0)
            return names[i];
    if (strcasecmp(name, "utf8") == 0)
        return "utf-8";
    return NULL;
}

/* Share of bytes in valid UTF-8 sequences (1.0 for pure ASCII). */
static double utf8_valid_share(const unsigned char *s, size_t n, size_t *bad)
{
    size_t i = 0, b = 0;
    while (i < n) {
        unsigned char c = s[i];
        size_t k = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 0;
        int ok = k > 0 && i + k <= n;
        for (size_t j = 1; ok && j < k; j++)
            ok = (s[i + j] & 0xC0) == 0x80;
        if (ok && k == 2 && c < 0xC2)
            ok = 0;
        if (!ok) {
            b++;
            i++;
        } else {
            i += k;
        }
    }
    *bad = b;
    return n ? 1.0 - (double)b / (double)n : 1.0;
}

static vb_status from_icu(const char *conv, const unsigned char *data, size_t len,
                          vb_decoded *out, vb_error *err)
{
    UErrorCode ec = U_ZERO_ERROR;
    size_t cap = len * 2 + 16;
    char *u8 = malloc(cap);
    if (!u8)
        return vb_error_set(err, VB_ERR_NOMEM, "out of memory");
    int32_t n = ucnv_convert("UTF-8", conv, u8, (int32_t)cap, (const char *)data,
                             (int32_t)len, &ec);
    if (U_FAILURE(ec)) {
        free(u8);
        return vb_error_set(err, VB_ERR_ENCODING, "cannot decode as %s", conv);
    }
    vb_text t;
    vb_text_init(&t);
    if (vb_nfc(&t, u8, (size_t)n)) {
        free(u8);
        vb_text_free(&t);
        return vb_error_set(err, VB_ERR_NOMEM, "out of memory");
    }
    free(u8);
    out->utf8 = t.s;
    out->len = t.len;
    return VB_OK;
}

vb_status vb_decode(const unsigned char *data, size_t len, const char *from, int tone_style,
                    vb_decoded *out, vb_error *err)
{
    (void)tone_style;
    memset(out, 0, sizeof *out);
    if (len == 0)
        return vb_error_set(err, VB_ERR_EMPTY, "empty file: nothing to convert");
    if (len > INT32_MAX / 2)
        return vb_error_set(err, VB_ERR_LIMIT, "text too large to decode in one piece");
    if (from && strcmp(from, "auto") != 0 && !vb_encoding_canonical(from))
        return vb_error_set(err, VB_ERR_USAGE, "unknown encoding '%s'", from);
    if (len >= 2 && ((data[0] == 0xFF && data[1] == 0xFE) || (data[0] == 0xFE && data[1] == 0xFF))) {
        int le = data[0] == 0xFF;
        snprintf(out->encoding, sizeof out->encoding, le ? "utf-16le" : "utf-16be");
        out->had_bom = 1;
        out->score = 1.0;
        return from_icu(le ? "UTF-16LE" : "UTF-16BE", data + 2, len - 2, out, err);
    }
    if (len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0) {
        data += 3;
        len -= 3;
        out->had_bom = 1;
    }
    size_t bad;
    double share = utf8_valid_share(data, len, &bad);
    if (share < 0.99)
        return vb_error_set(err, VB_ERR_ENCODING,
                            "not UTF-8 (%zu invalid bytes) and no other encoding is known yet",
                            bad);
    snprintf(out->encoding, sizeof out->encoding, "utf-8");
    out->score = share;
    snprintf(out->detail, sizeof out->detail, "utf-8%s", out->had_bom ? " with BOM" : "");
    return from_icu("UTF-8", data, len, out, err);
}
