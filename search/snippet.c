/* snippet.c — the highlighted snippet of a hit: a window of words of the
 * exact text with every word whose folded form contains a query term (as a
 * whole token) in [brackets]. Written here rather than with FTS5's snippet()
 * because matches are found in the folded column but shown in the exact one. */
#include "search/search_int.h"

#include <stdlib.h>
#include <string.h>

#define MAX_WORDS 4096

typedef struct span {
    const char *s;
    size_t n;
} span;

static size_t split(const char *t, span *w, size_t max)
{
    size_t n = 0;
    while (*t && n < max) {
        t += strspn(t, " \t\n\r");
        size_t k = strcspn(t, " \t\n\r");
        if (!k)
            break;
        w[n].s = t;
        w[n++].n = k;
        t += k;
    }
    return n;
}

static int is_word_byte(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
           c >= 0x80;
}

/* 1 when one token (word-byte run) of the folded word equals a term. */
static int matches(span f, char *const *terms, size_t nt)
{
    size_t i = 0;
    while (i < f.n) {
        while (i < f.n && !is_word_byte((unsigned char)f.s[i]))
            i++;
        size_t b = i;
        while (i < f.n && is_word_byte((unsigned char)f.s[i]))
            i++;
        for (size_t k = 0; k < nt && i > b; k++)
            if (strlen(terms[k]) == i - b && memcmp(terms[k], f.s + b, i - b) == 0)
                return 1;
    }
    return 0;
}

static char *render(const span *w, const unsigned char *hit, size_t from, size_t to,
                    size_t n)
{
    char *out = NULL;
    size_t len = 0, cap = 0;
    int ok = vb_ix_append(&out, &len, &cap, from ? "… " : "", from ? 4 : 0);
    for (size_t i = from; ok && i < to; i++)
        ok = (i == from || vb_ix_append(&out, &len, &cap, " ", 1)) &&
             (!hit[i] || vb_ix_append(&out, &len, &cap, "[", 1)) &&
             vb_ix_append(&out, &len, &cap, w[i].s, w[i].n) &&
             (!hit[i] || vb_ix_append(&out, &len, &cap, "]", 1));
    ok = ok && (to >= n || vb_ix_append(&out, &len, &cap, " …", 4));
    if (!ok) {
        free(out);
        return NULL;
    }
    return out;
}

char *vb_ix_snippet(const char *text, char *const *terms, size_t nterms, int words)
{
    char *folded = NULL;
    if (vb_fold(text, &folded, NULL) != VB_OK)
        return NULL;
    span *w = malloc(2 * MAX_WORDS * sizeof *w);
    unsigned char *hit = calloc(MAX_WORDS, 1);
    char *out = NULL;
    if (w && hit) {
        size_t n = split(text, w, MAX_WORDS);
        size_t nf = split(folded, w + MAX_WORDS, MAX_WORDS);
        size_t first = n;
        for (size_t i = 0; i < n && i < nf; i++) {
            hit[i] = (unsigned char)matches(w[MAX_WORDS + i], terms, nterms);
            if (hit[i] && first == n)
                first = i;
        }
        size_t from = first < n && first > (size_t)words / 3 ? first - (size_t)words / 3 : 0;
        size_t to = from + (size_t)words < n ? from + (size_t)words : n;
        out = render(w, hit, from, to, n);
    }
    free(w);
    free(hit);
    free(folded);
    return out;
}
