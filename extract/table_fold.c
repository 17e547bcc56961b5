/* table_fold.c — case- and diacritic-folded text for keyword matching in
 * the improvement table ("Tiêu chí" == "TIEU CHI" == "tiêu chí"), with a
 * map back to the original bytes so cuts land in the real text.
 * Decomposition and case come from ICU (unorm2 NFD, u_tolower). */
#include "extract/table.h"

#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <unicode/uchar.h>
#include <unicode/unorm2.h>
#include <unicode/utf8.h>

/* The folded form of one code point: an ASCII byte, or 0 when the code
 * point folds to something non-ASCII (copied as UTF-8 by the caller), or
 * -1 when it vanishes (a combining mark). */
static int fold_cp(const UNormalizer2 *nfd, UChar32 c, UChar32 *out)
{
    if (c < 0x80) {
        *out = u_tolower(c);
        return 1;
    }
    if (c == 0x0110 || c == 0x0111) {          /* Đ đ: no decomposition */
        *out = 'd';
        return 1;
    }
    if ((c >= 0x2010 && c <= 0x2015) || c == 0x2212) {
        *out = '-';
        return 1;
    }
    if (u_isUWhiteSpace(c) || c == 0x200B || c == 0xFEFF) {
        *out = c == 0x2029 ? '\n' : ' ';
        return 1;
    }
    if (u_charType(c) == U_NON_SPACING_MARK)
        return -1;
    UChar buf[8];
    UErrorCode e = U_ZERO_ERROR;
    int32_t n = nfd ? unorm2_getDecomposition(nfd, c, buf, 8, &e) : -1;
    UChar32 base = c;
    if (n > 0 && U_SUCCESS(e))
        U16_GET(buf, 0, 0, n, base);
    *out = u_tolower(base);
    return 1;
}

/* Latin letters up to U+1EFF (Vietnamese lives there) fold through a table
 * filled once from ICU: the hot path then needs no ICU call per letter. */
enum { LATIN_END = 0x1F00 };
static signed char latin[LATIN_END];
static pthread_once_t latin_once = PTHREAD_ONCE_INIT;

static void latin_fill(void)
{
    UErrorCode e = U_ZERO_ERROR;
    const UNormalizer2 *nfd = unorm2_getNFDInstance(&e);
    for (UChar32 c = 0; c < LATIN_END; c++) {
        UChar32 f;
        int r = fold_cp(U_SUCCESS(e) ? nfd : NULL, c, &f);
        latin[c] = (signed char)(r < 0 ? -1 : f < 0x80 ? f : 0);   /* 0: not ASCII */
    }
}

/* Folds the code point at s[*i] into tmp; returns its byte count (0 when
 * it vanishes) and advances *i. */
static int32_t fold_next(const UNormalizer2 *nfd, const char *s, int32_t *i, int32_t end,
                         uint8_t tmp[4])
{
    int32_t at = *i;
    UChar32 c, f;
    U8_NEXT(s, *i, end, c);
    if (c < 0)
        c = 0xFFFD;
    if (c < LATIN_END && latin[c] != 0 && c != 0) {
        if (latin[c] < 0)
            return 0;
        f = latin[c];
    } else if (fold_cp(nfd, c, &f) < 0) {
        return 0;
    }
    /* a folded code point never takes more bytes than the original */
    int32_t k = 0;
    UBool bad = 0;
    U8_APPEND(tmp, k, 4, f, bad);
    if (bad || k > *i - at) {
        tmp[0] = '?';
        k = 1;
    }
    return k;
}

char *vb_fold(const char *s, size_t n, size_t *len, size_t **off)
{
    UErrorCode e = U_ZERO_ERROR;
    const UNormalizer2 *nfd = unorm2_getNFDInstance(&e);
    pthread_once(&latin_once, latin_fill);
    if (n > (size_t)INT32_MAX)
        n = (size_t)INT32_MAX;
    char *out = malloc(n + 1);
    size_t *map = off ? malloc((n + 1) * sizeof *map) : NULL;
    if (!out || (off && !map)) {
        free(out);
        free(map);
        return NULL;
    }
    size_t o = 0;
    int32_t i = 0, end = (int32_t)n;
    while (i < end) {
        int32_t at = i;
        uint8_t tmp[4];
        int32_t k = fold_next(U_SUCCESS(e) ? nfd : NULL, s, &i, end, tmp);
        for (int32_t j = 0; j < k; j++) {
            if (map)
                map[o] = (size_t)at;
            out[o++] = (char)tmp[j];
        }
    }
    out[o] = '\0';
    if (map)
        map[o] = n;
    if (len)
        *len = o;
    if (off)
        *off = map;
    return out;
}
