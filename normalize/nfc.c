/* nfc.c — Unicode normalization through ICU: UTF-8 → UTF-16 → NFC → UTF-8. */
#include "normalize/normalize.h"

#include <stdlib.h>
#include <unicode/unorm2.h>
#include <unicode/ustring.h>

int vb_nfc(vb_text *t, const char *s, size_t n)
{
    UErrorCode ec = U_ZERO_ERROR;
    const UNormalizer2 *nfc = unorm2_getNFCInstance(&ec);
    if (U_FAILURE(ec) || n > INT32_MAX / 4)
        return -1;
    int32_t ulen = 0;
    ec = U_ZERO_ERROR;
    u_strFromUTF8WithSub(NULL, 0, &ulen, s, (int32_t)n, 0xFFFD, NULL, &ec);
    UChar *u = malloc(sizeof(UChar) * ((size_t)ulen + 1));
    UChar *v = malloc(sizeof(UChar) * ((size_t)ulen * 3 + 1));
    char *o = NULL;
    int rc = -1;
    if (!u || !v)
        goto done;
    ec = U_ZERO_ERROR;
    u_strFromUTF8WithSub(u, ulen + 1, &ulen, s, (int32_t)n, 0xFFFD, NULL, &ec);
    int32_t vlen = unorm2_normalize(nfc, u, ulen, v, ulen * 3 + 1, &ec);
    if (U_FAILURE(ec))
        goto done;
    int32_t olen = 0;
    ec = U_ZERO_ERROR;
    u_strToUTF8(NULL, 0, &olen, v, vlen, &ec);
    o = malloc((size_t)olen + 1);
    ec = U_ZERO_ERROR;
    if (!o)
        goto done;
    u_strToUTF8(o, olen + 1, &olen, v, vlen, &ec);
    if (U_FAILURE(ec))
        goto done;
    rc = vb_text_set(t, o, (size_t)olen);
done:
    free(u);
    free(v);
    free(o);
    return rc;
}
