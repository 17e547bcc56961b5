/* pdf_util.h — helpers shared by test_pdf.c and test_image.c: one engine per
 * test binary, fixtures from corpus/, layouts compared by edit distance. */
#ifndef VB_TEST_PDF_UTIL_H
#define VB_TEST_PDF_UTIL_H

#include "core/vanban.h"
#include "ingest/ingest.h"

#include <stdlib.h>
#include <string.h>

static unsigned char *fixture(const char *path, size_t *len)
{
    unsigned char *d = NULL;
    vb_error err = {0};
    if (vb_file_read(path, 1u << 30, &d, len, &err) != VB_OK)
        return NULL;
    return d;
}

static inline vb_layout *ingest_bytes(vb_engine *e, const unsigned char *d, size_t n, vb_status *st,
                               vb_error *err)
{
    vb_layout *L = NULL;
    memset(err, 0, sizeof *err);
    *st = vb_ingest(e, d, n, &L, err);
    return L;
}

/* Levenshtein distance over bytes, two rows. */
static inline size_t edit_distance(const char *a, const char *b)
{
    size_t n = strlen(a), m = strlen(b);
    size_t *prev = malloc((m + 1) * sizeof *prev), *cur = malloc((m + 1) * sizeof *cur);
    for (size_t j = 0; j <= m; j++)
        prev[j] = j;
    for (size_t i = 1; i <= n; i++) {
        cur[0] = i;
        for (size_t j = 1; j <= m; j++) {
            size_t s = prev[j - 1] + (a[i - 1] != b[j - 1]);
            size_t d = prev[j] + 1, ins = cur[j - 1] + 1;
            cur[j] = s < d ? (s < ins ? s : ins) : (d < ins ? d : ins);
        }
        size_t *t = prev;
        prev = cur;
        cur = t;
    }
    size_t r = prev[m];
    free(prev);
    free(cur);
    return r;
}

/* 1 - distance / length of a: 1 is identical. */
static inline double similarity(const char *a, const char *b)
{
    size_t n = strlen(a);
    return n ? 1.0 - (double)edit_distance(a, b) / (double)n : (strlen(b) == 0);
}

/* All lines of L joined by '\n' (caller frees). */
static inline char *layout_text(const vb_layout *L, unsigned want_flags, unsigned skip_flags)
{
    size_t cap = 1;
    for (size_t i = 0; i < L->nlines; i++)
        cap += L->lines[i].text.len + 1;
    char *s = calloc(cap, 1);
    for (size_t i = 0; i < L->nlines; i++) {
        unsigned f = L->lines[i].flags;
        if ((want_flags && !(f & want_flags)) || (f & skip_flags))
            continue;
        strcat(s, L->lines[i].text.s);
        strcat(s, "\n");
    }
    return s;
}

static inline size_t count_rows(const vb_layout *L)
{
    size_t n = 0;
    for (size_t i = 0; i < L->nlines; i++)
        n += (L->lines[i].flags & VB_LINE_ROW) != 0;
    return n;
}

static inline size_t tabs_in(const char *s)
{
    size_t t = 0;
    for (; *s; s++)
        t += *s == '\t';
    return t;
}

#endif
