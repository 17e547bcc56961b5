/* fold.c — Vietnamese folding for search, done with ICU: NFC, then NFD with
 * every nonspacing mark removed (this catches stacked marks such as ế, ộ that
 * FTS5's unicode61 misses), đ/Đ → d/D, and full case folding. */
#include "search/search.h"
#include "search/search_int.h"

#include <stdlib.h>
#include <string.h>
#include <unicode/uchar.h>
#include <unicode/unorm2.h>
#include <unicode/ustring.h>

/* UTF-8 → malloc'd UTF-16 (*n code units). */
static vb_status to_u16(const char *s, UChar **out, int32_t *n, vb_error *err)
{
    UErrorCode ec = U_ZERO_ERROR;
    int32_t len = 0;
    u_strFromUTF8(NULL, 0, &len, s, -1, &ec);
    if (ec != U_BUFFER_OVERFLOW_ERROR && U_FAILURE(ec))
        return vb_error_set(err, VB_ERR_ENCODING, "search text is not valid UTF-8");
    UChar *u = malloc(((size_t)len + 1) * sizeof *u);
    if (!u)
        return vb_error_set(err, VB_ERR_NOMEM, "out of memory folding text");
    ec = U_ZERO_ERROR;
    u_strFromUTF8(u, len + 1, NULL, s, -1, &ec);
    if (U_FAILURE(ec)) {
        free(u);
        return vb_error_set(err, VB_ERR_ENCODING, "search text is not valid UTF-8");
    }
    *out = u;
    *n = len;
    return VB_OK;
}

/* UTF-16 → malloc'd UTF-8. */
static vb_status to_u8(const UChar *u, int32_t n, char **out, vb_error *err)
{
    UErrorCode ec = U_ZERO_ERROR;
    int32_t len = 0;
    u_strToUTF8(NULL, 0, &len, u, n, &ec);
    char *s = malloc((size_t)len + 1);
    if (!s)
        return vb_error_set(err, VB_ERR_NOMEM, "out of memory folding text");
    ec = U_ZERO_ERROR;
    u_strToUTF8(s, len + 1, NULL, u, n, &ec);
    if (U_FAILURE(ec)) {
        free(s);
        return vb_error_set(err, VB_ERR_ENCODING, "cannot encode folded text");
    }
    s[len] = '\0';
    *out = s;
    return VB_OK;
}

/* Applies a normalizer into a fresh buffer; frees *u and replaces it. */
static vb_status normalize(const UNormalizer2 *nf, UChar **u, int32_t *n, vb_error *err)
{
    UErrorCode ec = U_ZERO_ERROR;
    int32_t cap = *n * 3 + 16;
    UChar *d = malloc((size_t)cap * sizeof *d);
    if (!d)
        return vb_error_set(err, VB_ERR_NOMEM, "out of memory folding text");
    int32_t len = unorm2_normalize(nf, *u, *n, d, cap, &ec);
    if (U_FAILURE(ec)) {
        free(d);
        return vb_error_set(err, VB_ERR_ENCODING, "cannot normalize text");
    }
    free(*u);
    *u = d;
    *n = len;
    return VB_OK;
}

/* In place: drops nonspacing marks, maps đ/Đ (and the look-alike ð/Ð, which
 * legacy encodings produce for đ) to d/D. */
static int32_t strip_marks(UChar *u, int32_t n)
{
    int32_t w = 0;
    for (int32_t i = 0; i < n; i++) {
        UChar c = u[i];
        if (U16_IS_SINGLE(c) && u_charType(c) == U_NON_SPACING_MARK)
            continue;
        if (c == 0x0111 || c == 0x00F0)
            c = 'd';
        else if (c == 0x0110 || c == 0x00D0)
            c = 'D';
        u[w++] = c;
    }
    return w;
}

vb_status vb_fold(const char *utf8, char **out, vb_error *err)
{
    *out = NULL;
    UErrorCode ec = U_ZERO_ERROR;
    const UNormalizer2 *nfd = unorm2_getNFDInstance(&ec);
    if (U_FAILURE(ec))
        return vb_error_set(err, VB_ERR_UNSUPPORTED, "ICU has no NFD data");
    UChar *u = NULL;
    int32_t n = 0;
    vb_status st = to_u16(utf8, &u, &n, err);
    if (st == VB_OK)
        st = normalize(nfd, &u, &n, err); /* NFD of NFC input = NFD of input */
    if (st != VB_OK) {
        free(u);
        return st;
    }
    n = strip_marks(u, n);
    UChar *f = malloc(((size_t)n * 3 + 1) * sizeof *f);
    if (!f) {
        free(u);
        return vb_error_set(err, VB_ERR_NOMEM, "out of memory folding text");
    }
    ec = U_ZERO_ERROR;
    int32_t fl = u_strFoldCase(f, n * 3 + 1, u, n, U_FOLD_CASE_DEFAULT, &ec);
    free(u);
    if (U_FAILURE(ec)) {
        free(f);
        return vb_error_set(err, VB_ERR_ENCODING, "cannot case-fold text");
    }
    st = to_u8(f, fl, out, err);
    free(f);
    return st;
}

vb_status vb_search_nfc(const char *utf8, char **out, vb_error *err)
{
    *out = NULL;
    UErrorCode ec = U_ZERO_ERROR;
    const UNormalizer2 *nfc = unorm2_getNFCInstance(&ec);
    if (U_FAILURE(ec))
        return vb_error_set(err, VB_ERR_UNSUPPORTED, "ICU has no NFC data");
    UChar *u = NULL;
    int32_t n = 0;
    vb_status st = to_u16(utf8, &u, &n, err);
    if (st == VB_OK)
        st = normalize(nfc, &u, &n, err);
    if (st == VB_OK)
        st = to_u8(u, n, out, err);
    free(u);
    return st;
}

int vb_fold_has_marks(const char *utf8)
{
    UErrorCode ec = U_ZERO_ERROR;
    const UNormalizer2 *nfd = unorm2_getNFDInstance(&ec);
    UChar *u = NULL;
    int32_t n = 0;
    if (U_FAILURE(ec) || to_u16(utf8, &u, &n, NULL) != VB_OK)
        return 0;
    int marks = 0;
    if (normalize(nfd, &u, &n, NULL) == VB_OK)
        for (int32_t i = 0; i < n && !marks; i++)
            marks = u_charType(u[i]) == U_NON_SPACING_MARK || u[i] == 0x0111 ||
                    u[i] == 0x0110;
    free(u);
    return marks;
}
