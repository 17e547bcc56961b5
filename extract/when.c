/* when.c — dates and school years in folded text: "ngày 10 tháng 8 năm
 * 2020", "ngày 05/9/2021", "ngày 5-9-2021", "ngày 5.9.2021"; "Năm học
 * 2020 – 2021", "năm học 2022-2023". Results are ISO 8601. */
#include "extract/doc.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>

static size_t spaces(const vb_folded *f, size_t i)
{
    while (i < f->n && f->s[i] == ' ')
        i++;
    return i;
}

/* Reads 1..max digits at i; returns the value, -1 if none. */
static int number(const vb_folded *f, size_t *i, int max)
{
    int v = 0, k = 0;
    while (*i < f->n && k < max && isdigit((unsigned char)f->s[*i])) {
        v = v * 10 + (f->s[*i] - '0');
        (*i)++;
        k++;
    }
    if (k == 0 || (*i < f->n && isdigit((unsigned char)f->s[*i])))
        return -1;
    return v;
}

static int valid(int d, int m, int y)
{
    static const int mdays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return y >= 1900 && y <= 2199 && m >= 1 && m <= 12 && d >= 1 && d <= mdays[m - 1] &&
           !(m == 2 && d == 29 && (y % 4 != 0 || (y % 100 == 0 && y % 400 != 0)));
}

/* A word at i shaped like w: same length, same first and last letters
 * (OCR reads "tháng" as "thing", "năm" as "nim"). Returns its length. */
static size_t word_like(const vb_folded *f, size_t i, const char *w)
{
    size_t n = strlen(w);
    if (i + n > f->n || f->s[i] != w[0] || f->s[i + n - 1] != w[n - 1] ||
        (n > 3 && f->s[i + 1] != w[1]))
        return 0;
    for (size_t k = 0; k < n; k++)
        if (!isalpha((unsigned char)f->s[i + k]) && f->s[i + k] != '~')
            return 0;
    return i + n < f->n && isalnum((unsigned char)f->s[i + n]) ? 0 : n;
}

/* "10 thang 8 nam 2020" at i. */
static int words_date(const vb_folded *f, size_t i, int *d, int *m, int *y, size_t *end)
{
    size_t w;
    *d = number(f, &i, 2);
    i = spaces(f, i);
    if (*d < 0 || !(w = word_like(f, i, "thang")))
        return 0;
    i = spaces(f, i + w);
    *m = number(f, &i, 2);
    i = spaces(f, i);
    if (*m < 0 || !(w = word_like(f, i, "nam")))
        return 0;
    i = spaces(f, i + w);
    *y = number(f, &i, 4);
    *end = i;
    return *y >= 0;
}

/* "05/9/2021" at i (separators / - .). */
static int numeric_date(const vb_folded *f, size_t i, int *d, int *m, int *y, size_t *end)
{
    *d = number(f, &i, 2);
    if (*d < 0 || i >= f->n || !strchr("/-.", f->s[i]))
        return 0;
    char sep = f->s[i++];
    *m = number(f, &i, 2);
    if (*m < 0 || i >= f->n || f->s[i] != sep)
        return 0;
    i++;
    *y = number(f, &i, 4);
    *end = i;
    return *y >= 1000;
}

int vb_when_date(const vb_folded *f, size_t at, char iso[11], size_t *end)
{
    size_t w = word_like(f, at, "ngay");
    if (!w || (at > 0 && isalnum((unsigned char)f->s[at - 1])))
        return 0;
    size_t i = spaces(f, at + w);
    int d, m, y;
    if (!words_date(f, i, &d, &m, &y, end) && !numeric_date(f, i, &d, &m, &y, end))
        return 0;
    if (!valid(d, m, y))
        return 0;
    snprintf(iso, 11, "%04u-%02u-%02u", (unsigned)y % 10000u, (unsigned)m % 100u,
             (unsigned)d % 100u);
    return 1;
}

size_t vb_when_find(const vb_folded *f, char iso[11], size_t *end)
{
    for (size_t at = 0; at < f->n; at++) {
        const char *p = memchr(f->s + at, 'n', f->n - at);
        if (!p)
            break;
        at = (size_t)(p - f->s);
        if (vb_when_date(f, at, iso, end))
            return at;
    }
    return (size_t)-1;
}

size_t vb_school_year_find(const vb_folded *f, size_t from, int *y1, int *y2, size_t *end)
{
    for (size_t at = from; (at = vb_fold_find(f, at, "nam hoc")) != (size_t)-1; at++) {
        size_t i = spaces(f, at + 7);
        if (i < f->n && f->s[i] == ':')
            i = spaces(f, i + 1);
        int a = number(f, &i, 4);
        i = spaces(f, i);
        if (a < 1900 || i >= f->n || !strchr("-/", f->s[i]))
            continue;
        i = spaces(f, i + 1);
        int b = number(f, &i, 4);
        if (b <= a || b - a > 5)
            continue;
        *y1 = a;
        *y2 = b;
        *end = i;
        return at;
    }
    return (size_t)-1;
}
