/* timeline.c — reads a timeline cell of the improvement table into ISO
 * start/end dates: "Tháng 09/2020", "6/2025", "2024-2025", "Giai đoạn
 * 2025-2030", "Thời gian bắt đầu: 9/2020 … hoàn thành: 05/2021",
 * "- Thực hiện: Tháng 6/2021. - Hoàn thành: Tháng 7/2021", "ngày 05/9/2021".
 * Labels ("bắt đầu", "hoàn thành", "đến") decide which date is which;
 * without labels the first date starts and the last ends. */
#include "extract/table.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { T_SINGLE, T_RANGE_A, T_RANGE_B };
enum { L_OPEN, L_START, L_END };   /* "bắt đầu từ" / "thực hiện" / "hoàn thành" */

typedef struct tok {
    size_t pos;
    int kind;
    char iso[11];
} tok;

typedef struct lab {
    size_t pos;
    int type;
} lab;

/* Reads up to max digits at f+i; returns how many (0 if none or too many). */
static size_t digits(const char *f, size_t i, size_t max, int *v)
{
    size_t n = 0;
    *v = 0;
    while (isdigit((unsigned char)f[i + n]) && n <= max) {
        *v = *v * 10 + (f[i + n] - '0');
        n++;
    }
    return n <= max ? n : 0;
}

static int year_ok(int y)
{
    return y >= 1990 && y <= 2100;
}

/* A real calendar day (so "31/02/2021" is no date). */
static int day_ok(int y, int m, int d)
{
    static const int days[12] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (m < 1 || m > 12 || d < 1 || d > days[m - 1])
        return 0;
    return m != 2 || d < 29 || (y % 4 == 0 && (y % 100 != 0 || y % 400 == 0));
}

static size_t skip(const char *f, size_t i)
{
    while (f[i] == ' ')
        i++;
    return i;
}

/* "m/yyyy", "d/m/yyyy", "m năm yyyy" (after "tháng"); date separators / - .
 * Returns the length read and fills iso, or 0. */
static size_t read_date(const char *f, size_t i, char iso[11])
{
    int a, b, c;
    size_t na = digits(f, i, 2, &a), j;
    if (!na)
        return 0;
    j = i + na;
    char sep = f[j];
    if (sep == '/' || sep == '-' || sep == '.') {
        size_t nb = digits(f, j + 1, 4, &b);
        if (nb == 4 && year_ok(b) && a >= 1 && a <= 12) {
            snprintf(iso, 11, "%04d-%02d", b, a);
            return na + 1 + nb;
        }
        if (nb >= 1 && nb <= 2 && f[j + 1 + nb] == sep) {
            size_t nc = digits(f, j + 2 + nb, 4, &c);
            if (nc == 4 && year_ok(c) && day_ok(c, b, a)) {
                snprintf(iso, 11, "%04d-%02d-%02d", c, b, a);
                return na + 2 + nb + nc;
            }
        }
        return 0;
    }
    size_t k = skip(f, j);
    if (strncmp(f + k, "nam ", 4) == 0) {           /* "tháng 9 năm 2020" */
        k = skip(f, k + 4);
        size_t nc = digits(f, k, 4, &c);
        if (nc == 4 && year_ok(c) && a >= 1 && a <= 12) {
            snprintf(iso, 11, "%04d-%02d", c, a);
            return k + nc - i;
        }
    }
    return 0;
}

/* "ngày 05 tháng 9 năm 2021" */
static size_t read_long_date(const char *f, size_t i, char iso[11])
{
    int d, m, y;
    size_t j = skip(f, i + 4), n = digits(f, j, 2, &d);
    if (!n)
        return 0;
    j = skip(f, j + n);
    if (strncmp(f + j, "thang ", 6) != 0)
        return 0;
    j = skip(f, j + 6);
    if (!(n = digits(f, j, 2, &m)))
        return 0;
    j = skip(f, j + n);
    if (strncmp(f + j, "nam ", 4) != 0)
        return 0;
    j = skip(f, j + 4);
    if (digits(f, j, 4, &y) != 4 || !year_ok(y) || !day_ok(y, m, d))
        return 0;
    snprintf(iso, 11, "%04d-%02d-%02d", y, m, d);
    return j + 4 - i;
}

static void push(tok *t, size_t *n, size_t cap, size_t pos, int kind, const char *iso)
{
    if (*n >= cap)
        return;
    t[*n].pos = pos;
    t[*n].kind = kind;
    snprintf(t[*n].iso, sizeof t[*n].iso, "%s", iso);
    (*n)++;
}

/* A bare year, a year range "2024-2025", or a month range "9 - 12/2020". */
static size_t read_years(const char *f, size_t i, tok *t, size_t *n, size_t cap)
{
    int a, b;
    size_t na = digits(f, i, 4, &a);
    if (na == 4 && year_ok(a)) {
        size_t j = skip(f, i + 4);
        if (f[j] == '-' || f[j] == '/') {
            size_t k = skip(f, j + 1);
            if (digits(f, k, 4, &b) == 4 && year_ok(b) && b >= a) {
                char ia[11], ib[11];
                snprintf(ia, sizeof ia, "%04d", a);
                snprintf(ib, sizeof ib, "%04d", b);
                push(t, n, cap, i, T_RANGE_A, ia);
                push(t, n, cap, i, T_RANGE_B, ib);
                return k + 4 - i;
            }
        }
        char ia[11];
        snprintf(ia, sizeof ia, "%04d", a);
        push(t, n, cap, i, T_SINGLE, ia);
        return 4;
    }
    if (na >= 1 && na <= 2 && a >= 1 && a <= 12) {
        size_t j = skip(f, i + na);
        if (f[j] == '-') {
            char iso[11];
            size_t k = skip(f, j + 1), r = read_date(f, k, iso);
            if (r && strlen(iso) == 7) {
                char ia[11];
                snprintf(ia, sizeof ia, "%.4s-%02d", iso, a);
                push(t, n, cap, i, T_RANGE_A, ia);
                push(t, n, cap, i, T_RANGE_B, iso);
                return k + r - i;
            }
        }
    }
    return 0;
}

/* "tháng 9" with no year of its own ("từ tháng 9 đến tháng 12 năm 2020"):
 * a month token whose year the next dated token gives. */
static size_t read_month(const char *f, size_t i, tok *t, size_t *n, size_t cap)
{
    size_t j = skip(f, i + 6), nt = 0;
    int m;
    size_t k = digits(f, j, 2, &m);
    tok tmp[2];
    char iso[11];
    if (!k || m < 1 || m > 12 || read_date(f, j, iso) || read_years(f, j, tmp, &nt, 2))
        return 0;
    snprintf(iso, sizeof iso, "0000-%02d", m);
    push(t, n, cap, i, T_SINGLE, iso);
    return j + k - i;
}

/* "Quý IV/2020", "quý 2 năm 2021": the quarter's first and last month. */
static size_t read_quarter(const char *f, size_t i, tok *t, size_t *n, size_t cap)
{
    static const char *const roman[] = {"iv", "iii", "ii", "i"};
    static const int qv[] = {4, 3, 2, 1};
    size_t j = skip(f, i + 4);
    int q = 0, y;
    if (f[j] >= '1' && f[j] <= '4' && !isdigit((unsigned char)f[j + 1]))
        q = f[j++] - '0';
    for (size_t k = 0; !q && k < 4; k++)
        if (strncmp(f + j, roman[k], strlen(roman[k])) == 0 &&
            !isalpha((unsigned char)f[j + strlen(roman[k])])) {
            q = qv[k];
            j += strlen(roman[k]);
        }
    if (!q)
        return 0;
    j = skip(f, j);
    if (f[j] == '/' || f[j] == '-')
        j = skip(f, j + 1);
    else if (strncmp(f + j, "nam ", 4) == 0)
        j = skip(f, j + 4);
    if (digits(f, j, 4, &y) != 4 || !year_ok(y))
        return 0;
    char a[11], b[11];
    snprintf(a, sizeof a, "%04u-%02u", (unsigned)y % 10000u, (unsigned)(q * 3 - 2) % 100u);
    snprintf(b, sizeof b, "%04u-%02u", (unsigned)y % 10000u, (unsigned)(q * 3) % 100u);
    push(t, n, cap, i, T_RANGE_A, a);
    push(t, n, cap, i, T_RANGE_B, b);
    return j + 4 - i;
}

/* Gives year-less months the year of the next dated token; drops the rest. */
static size_t resolve_months(tok *t, size_t n)
{
    size_t out = 0;
    for (size_t k = 0; k < n; k++) {
        if (strncmp(t[k].iso, "0000", 4) == 0) {
            size_t y = k + 1;
            while (y < n && strncmp(t[y].iso, "0000", 4) == 0)
                y++;
            if (y == n)
                continue;
            memcpy(t[k].iso, t[y].iso, 4);
        }
        t[out++] = t[k];
    }
    return out;
}

static size_t scan(const char *f, tok *t, size_t cap)
{
    size_t n = 0;
    for (size_t i = 0; f[i] && n < cap; i++) {
        if (i && (isalnum((unsigned char)f[i - 1]) || f[i - 1] == '/'))
            continue;
        char iso[11];
        size_t r = 0;
        if (strncmp(f + i, "thang ", 6) == 0 && (r = read_month(f, i, t, &n, cap)))
            ;
        else if (strncmp(f + i, "quy ", 4) == 0 && (r = read_quarter(f, i, t, &n, cap)))
            ;
        else if (strncmp(f + i, "ngay ", 5) == 0 && (r = read_long_date(f, i, iso)))
            push(t, &n, cap, i, T_SINGLE, iso);
        else if (isdigit((unsigned char)f[i]) && (r = read_years(f, i, t, &n, cap)))
            ;
        else if (isdigit((unsigned char)f[i]) && (r = read_date(f, i, iso)))
            push(t, &n, cap, i, T_SINGLE, iso);
        if (r)
            i += r - 1;
    }
    return resolve_months(t, n);
}

static size_t labels(const char *f, lab *l, size_t cap)
{
    static const struct {
        const char *w;
        int type;
    } words[] = {{"bat dau", L_OPEN},    {"tu ", L_OPEN},     {"khoi cong", L_OPEN},
                 {"thuc hien", L_START}, {"trien khai", L_START},
                 {"hoan thanh", L_END},  {"ket thuc", L_END}, {"den ", L_END},
                 {"cham nhat", L_END},   {"nghiem thu", L_END}, {"truoc ", L_END},
                 {"han chot", L_END},    {"thoi han", L_END}};
    size_t n = 0;
    for (size_t i = 0; f[i] && n < cap; i++) {
        if (i && isalpha((unsigned char)f[i - 1]))
            continue;
        for (size_t k = 0; k < sizeof words / sizeof words[0]; k++)
            if (strncmp(f + i, words[k].w, strlen(words[k].w)) == 0) {
                l[n].pos = i;
                l[n++].type = words[k].type;
                break;
            }
    }
    return n;
}

static int label_before(const lab *l, size_t nl, size_t pos)
{
    int type = -1;
    for (size_t k = 0; k < nl && l[k].pos < pos; k++)
        type = l[k].type;
    return type;
}

int vb_timeline_parse(const char *s, char start[11], char end[11])
{
    start[0] = end[0] = '\0';
    char *f = vb_fold_copy(s, strlen(s), NULL, NULL);
    if (!f)
        return -1;
    tok t[32];
    lab l[32];
    size_t nt = scan(f, t, 32), nl = labels(f, l, 32);
    int open = 0;
    for (size_t k = 0; k < nt; k++) {
        int type = label_before(l, nl, t[k].pos);
        int is_start = type == L_OPEN || type == L_START ||
                       (type < 0 && t[k].kind != T_RANGE_B);
        int is_end = type == L_END || (type < 0 && t[k].kind != T_RANGE_A) ||
                     (type == L_START && t[k].kind != T_RANGE_A);
        if (type == L_OPEN && t[k].kind == T_RANGE_B)
            is_start = 0;
        if (is_start && !start[0]) {
            snprintf(start, 11, "%s", t[k].iso);
            open = type == L_OPEN;
        }
        if (is_end)
            snprintf(end, 11, "%s", t[k].iso);
    }
    /* "Bắt đầu từ …" alone names no end */
    if (open && strcmp(start, end) == 0)
        end[0] = '\0';
    free(f);
    return (start[0] != 0) + (end[0] != 0);
}
