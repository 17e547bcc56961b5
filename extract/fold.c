/* fold.c — keyword matching that ignores diacritics and case: Vietnamese
 * text folded to ASCII lower case, one byte per code point, with each
 * byte's offset in the source so a match can cut the original vb_text.
 * The base letter of each code point comes from ICU's NFD decomposition,
 * computed once into a table for U+0080–U+1FFF. */
#include "extract/doc.h"

#include <ctype.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/uchar.h>
#include <unicode/unorm2.h>
#include <unicode/utf8.h>

#define FOLD_MAX 0x2000
static unsigned char fold_table[FOLD_MAX];
static pthread_once_t fold_once = PTHREAD_ONCE_INIT;

static unsigned char fold_slow(UChar32 c, const UNormalizer2 *nfd)
{
    if (c == 0x0111 || c == 0x0110)
        return 'd';
    if (u_isUWhiteSpace(c) || c == 0x200B || c == 0xFEFF)
        return ' ';
    if (c == 0x2029 || c == 0x2028)
        return '\n';
    if (c >= 0x2010 && c <= 0x2015)
        return '-';
    UChar buf[8];
    UErrorCode e = U_ZERO_ERROR;
    int32_t n = nfd ? unorm2_getDecomposition(nfd, c, buf, 8, &e) : 0;
    UChar32 base = (n > 0 && U_SUCCESS(e)) ? buf[0] : c;
    if (base < 0x80 && isalpha((int)base))
        return (unsigned char)tolower((int)base);
    return '~';
}

static void fold_init(void)
{
    UErrorCode e = U_ZERO_ERROR;
    const UNormalizer2 *nfd = unorm2_getNFDInstance(&e);
    if (U_FAILURE(e))
        nfd = NULL;
    for (UChar32 c = 0; c < FOLD_MAX; c++)
        fold_table[c] = c < 0x80 ? (unsigned char)tolower(c) : fold_slow(c, nfd);
}

static unsigned char fold_cp(UChar32 c)
{
    if (c < 0)
        return '~';
    if (c < FOLD_MAX)
        return fold_table[c];
    return fold_slow(c, NULL);
}

int vb_fold_make(vb_folded *f, const char *s, size_t len)
{
    pthread_once(&fold_once, fold_init);
    memset(f, 0, sizeof *f);
    f->s = malloc(len + 1);
    f->off = malloc((len + 1) * sizeof *f->off);
    if (!f->s || !f->off) {
        vb_fold_free(f);
        return -1;
    }
    const uint8_t *u = (const uint8_t *)s;
    int32_t i = 0, n = (int32_t)len;
    size_t k = 0;
    while (i < n) {
        f->off[k] = (size_t)i;
        UChar32 c;
        if (u[i] < 0x80) {
            c = u[i++];
            if (c == '\t' || c == '\r' || c == '\n')
                c = ' ';
        } else {
            U8_NEXT(u, i, n, c);
        }
        f->s[k++] = (char)fold_cp(c);
    }
    f->off[k] = len;
    f->s[k] = '\0';
    f->n = k;
    return 0;
}

void vb_fold_free(vb_folded *f)
{
    if (!f)
        return;
    free(f->s);
    free(f->off);
    memset(f, 0, sizeof *f);
}

static int is_word(char c)
{
    return isalnum((unsigned char)c);
}

int vb_fold_at(const vb_folded *f, size_t at, const char *w)
{
    size_t n = strlen(w);
    if (at > f->n || f->n - at < n || memcmp(f->s + at, w, n) != 0)
        return 0;
    if (at > 0 && is_word(f->s[at - 1]) && is_word(w[0]))
        return 0;
    return !(at + n < f->n && is_word(f->s[at + n]) && is_word(w[n - 1]));
}

int vb_fold_at_loose(const vb_folded *f, size_t at, const char *w, size_t *end)
{
    size_t i = at, j = 0;
    for (; w[j] && i < f->n; j++, i++) {
        char c = f->s[i];
        if (c == w[j])
            continue;
        if (isalpha((unsigned char)w[j]) && (c == ' ' || c == '~'))
            continue;
        return 0;
    }
    if (w[j])
        return 0;
    if (end)
        *end = i;
    return !(i < f->n && is_word(f->s[i]) && is_word(w[j - 1]));
}

size_t vb_fold_find(const vb_folded *f, size_t from, const char *w)
{
    size_t n = strlen(w);
    for (size_t i = from; i + n <= f->n; i++) {
        const char *p = memchr(f->s + i, w[0], f->n - i);
        if (!p)
            break;
        i = (size_t)(p - f->s);
        if (vb_fold_at(f, i, w))
            return i;
    }
    return (size_t)-1;
}

double vb_upper_share(const char *s, size_t len)
{
    const uint8_t *u = (const uint8_t *)s;
    int32_t i = 0, n = (int32_t)len;
    long up = 0, letters = 0;
    while (i < n) {
        UChar32 c;
        U8_NEXT(u, i, n, c);
        if (c < 0 || !u_isalpha(c))
            continue;
        letters++;
        up += u_isupper(c) != 0;
    }
    return letters ? (double)up / (double)letters : -1.0;
}
