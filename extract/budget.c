/* budget.c — reads a budget cell of the improvement table: the amount in
 * whole đồng ("5 triệu đồng", "10 tr", "1,5 tỷ đồng", "2.500.000đ", a bare
 * number under a "(triệu đồng)" header) and the funding source where the
 * cell prints one ("200 tr (nguồn Sở cấp)", "Xã hội hóa 50 tr"). Works on
 * vb_fold text and cuts the source from the original through its map. */
#include "extract/table.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

typedef struct amount {
    size_t from, to;        /* folded span: number and unit */
    long long value;        /* đồng, or the bare number's scaled value */
    int has_unit;
} amount;

static int word_at(const char *f, size_t i, const char *w)
{
    size_t n = strlen(w);
    return strncmp(f + i, w, n) == 0 && !isalpha((unsigned char)f[i + n]);
}

/* Unit word at f+i: its multiplier and length, 0 if none. */
static long long unit_at(const char *f, size_t i, size_t *len)
{
    static const struct {
        const char *w;
        long long mul;
    } units[] = {{"trieu dong", 1000000}, {"trieu", 1000000},   {"tr.d", 1000000},
                 {"trd", 1000000},        {"tr.", 1000000},     {"tr", 1000000},
                 {"ty dong", 1000000000}, {"ti dong", 1000000000}, {"ty", 1000000000},
                 {"ti", 1000000000},      {"nghin dong", 1000}, {"ngan dong", 1000},
                 {"nghin", 1000},         {"ngan", 1000},       {"k", 1000},
                 {"dong", 1},             {"vnd", 1},           {"d", 1}};
    for (size_t k = 0; k < sizeof units / sizeof units[0]; k++) {
        size_t n = strlen(units[k].w);
        if (strncmp(f + i, units[k].w, n) == 0 &&
            (units[k].w[n - 1] == '.' || !isalpha((unsigned char)f[i + n]))) {
            *len = n;
            return units[k].mul;
        }
    }
    *len = 0;
    return 0;
}

/* Parses "2.500.000", "1,5", "10" at f+i into an integer and a scale
 * (value = whole + frac / 10^digits). Returns the length read. */
static size_t read_number(const char *f, size_t i, long long *whole, long long *frac,
                          int *fdigits)
{
    size_t j = i, seps = 0;
    char sep = 0;
    int same = 1;
    while (isdigit((unsigned char)f[j]) ||
           ((f[j] == '.' || f[j] == ',') && isdigit((unsigned char)f[j + 1]))) {
        if (f[j] == '.' || f[j] == ',') {
            if (sep && sep != f[j])
                same = 0;
            sep = f[j];
            seps++;
        }
        j++;
    }
    /* the last separator is a decimal mark unless it is followed by exactly
     * three digits and all separators are alike (thousands grouping) */
    size_t last = 0;
    for (size_t k = i; k < j; k++)
        if (f[k] == '.' || f[k] == ',')
            last = k;
    int decimal = 0;
    if (seps && (!same || j - last - 1 != 3))
        decimal = (seps == 1 || !same);
    *whole = 0;
    *frac = 0;
    *fdigits = 0;
    for (size_t k = i; k < j; k++) {
        if (!isdigit((unsigned char)f[k]))
            continue;
        if (decimal && k > last) {
            if (*fdigits < 6) {
                *frac = *frac * 10 + (f[k] - '0');
                (*fdigits)++;
            }
        } else if (*whole < 100000000000000LL) {
            *whole = *whole * 10 + (f[k] - '0');
        }
    }
    return j - i;
}

static long long scale(long long whole, long long frac, int fd, long long mul)
{
    long long p = 1;
    for (int k = 0; k < fd; k++)
        p *= 10;
    if (whole > 9000000000000000000LL / (mul ? mul : 1) / 10)
        return -1;
    return whole * mul + frac * mul / p;
}

/* Finds the amounts in f; returns how many (at most cap). */
static size_t find_amounts(const char *f, long long unit, amount *a, size_t cap)
{
    size_t n = 0;
    for (size_t i = 0; f[i] && n < cap; i++) {
        if (!isdigit((unsigned char)f[i]) || (i && (isalnum((unsigned char)f[i - 1]) ||
                                                    f[i - 1] == '/' || f[i - 1] == '.')))
            continue;
        long long whole, frac;
        int fd;
        size_t len = read_number(f, i, &whole, &frac, &fd);
        size_t j = i + len;
        size_t ul;
        if (f[j] == '/' || f[j] == '%' || (isalpha((unsigned char)f[j]) && !unit_at(f, j, &ul))) {
            i = j - 1;              /* the loop steps on to f[j] */
            continue;
        }
        size_t k = j;
        while (f[k] == ' ')
            k++;
        size_t ulen;
        long long mul = unit_at(f, k, &ulen);
        amount *m = &a[n];
        m->from = i;
        m->has_unit = mul != 0;
        m->to = mul ? k + ulen : j;
        if (!mul) {
            int year = len == 4 && whole >= 1990 && whole <= 2100 && !fd;
            if (year || (unit == 0 && whole < 1000)) {
                i = j - 1;
                continue;
            }
            /* 5.000.000 under "(triệu đồng)" was written in đồng: no school
             * item costs a hundred thousand million */
            mul = unit && whole < 100000 ? unit : 1;
        }
        m->value = scale(whole, frac, fd, mul);
        if (m->value >= 0)
            n++;
        i = m->to > i ? m->to - 1 : i;
    }
    return n;
}

/* Copies the original bytes of folded span [a, b) into out, trimmed of
 * blanks and of the punctuation that frames a source. */
static void cut(const char *s, const size_t *off, size_t a, size_t b, char *out, size_t cap)
{
    size_t from = off[a], to = off[b];
    while (from < to && strchr(" \t:-,;(+", s[from]))
        from++;
    while (to > from && strchr(" \t:-,;.)", s[to - 1]))
        to--;
    size_t n = to - from < cap ? to - from : cap - 1;
    while (n && n < to - from && ((unsigned char)s[from + n] & 0xC0) == 0x80)
        n--;                     /* never cut inside a UTF-8 sequence */
    memcpy(out, s + from, n);
    out[n] = '\0';
}

static int has_letter(const char *f, size_t a, size_t b)
{
    for (size_t i = a; i < b; i++)
        if (isalpha((unsigned char)f[i]))
            return 1;
    return 0;
}

/* Words before an amount that label it rather than name a source. */
static int is_label(const char *f, size_t a, size_t b)
{
    static const char *const labels[] = {"kinh phi", "du kien", "khoang", "tong", "du toan",
                                         "chi phi", "so tien", "muc", NULL};
    while (a < b && !isalpha((unsigned char)f[a]))
        a++;
    for (size_t k = 0; labels[k]; k++)
        if (strncmp(f + a, labels[k], strlen(labels[k])) == 0)
            return 1;
    return 0;
}

static void find_source(const char *s, const char *f, size_t flen, const size_t *off,
                        const amount *a, size_t na, char *src, size_t cap)
{
    src[0] = '\0';
    if (cap < 2)
        return;
    if (na == 0) {
        static const char *const w[] = {"nguon", "ngan sach", "xa hoi hoa", "tu tuc", "tai tro",
                                        "dong gop", NULL};
        int named = 0;
        for (size_t k = 0; w[k]; k++)
            named |= strstr(f, w[k]) != NULL;
        if (named) {
            const char *colon = strrchr(f, ':');
            cut(s, off, colon ? (size_t)(colon - f) + 1 : 0, flen, src, cap);
        }
        return;
    }
    size_t after = a[na - 1].to;
    const char *par = strchr(f + after, '(');
    if (par) {
        const char *close = strchr(par, ')');
        size_t e = close ? (size_t)(close - f) : flen;
        cut(s, off, (size_t)(par - f) + 1, e, src, cap);
        return;
    }
    size_t i = after;
    while (f[i] == ' ' || f[i] == ',' || f[i] == '-')
        i++;
    if (word_at(f, i, "tu"))
        i += 2;
    if (has_letter(f, i, flen)) {
        cut(s, off, i, flen, src, cap);
        return;
    }
    if (a[0].from && has_letter(f, 0, a[0].from) && !is_label(f, 0, a[0].from))
        cut(s, off, 0, a[0].from, src, cap);
}

int vb_budget_parse(const char *s, long long unit, long long *amount_out, char *source,
                    size_t srccap)
{
    *amount_out = 0;
    if (srccap)
        source[0] = '\0';
    size_t flen, *off = NULL;
    char *f = vb_fold_copy(s, strlen(s), &flen, &off);
    if (!f)
        return -1;
    amount a[16];
    size_t na = find_amounts(f, unit, a, 16);
    /* several amounts with units add up ("10 tr + 5 tr"); otherwise the first */
    size_t with_unit = 0;
    long long sum = 0;
    for (size_t k = 0; k < na; k++)
        if (a[k].has_unit) {
            with_unit++;
            sum += a[k].value;
        }
    if (with_unit == 0 && na)
        sum = a[0].value, na = 1;
    find_source(s, f, flen, off, a, na, source, srccap);
    free(f);
    free(off);
    if (!na)
        return 0;
    *amount_out = sum;
    return 1;
}
