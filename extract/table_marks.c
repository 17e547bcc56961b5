/* table_marks.c — what the words in an improvement table's cells say:
 * column headers → canonical keys, row markers (level, standard,
 * criterion), and the small text tests used to align and join rows.
 * All matching is on vb_fold text, so diacritics and case never matter. */
#include "extract/table_int.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/uchar.h>
#include <unicode/utf8.h>

static int has(const char *f, const char *w)
{
    return strstr(f, w) != NULL;
}

static int has_any(const char *f, const char *const *ws)
{
    for (size_t i = 0; ws[i]; i++)
        if (has(f, ws[i]))
            return 1;
    return 0;
}

static int is_ordinal(const char *f)
{
    while (*f == ' ')
        f++;
    static const char *const names[] = {"tt", "stt", "t", "so tt", "so thu tu", "thu tu", "tt.",
                                        "stt.", "no", "no.", NULL};
    size_t n = strlen(f);
    while (n && (f[n - 1] == ' ' || f[n - 1] == ':'))
        n--;
    for (size_t i = 0; names[i]; i++)
        if (strlen(names[i]) == n && strncmp(f, names[i], n) == 0)
            return 1;
    return 0;
}

static long long unit_of(const char *f)
{
    if (has(f, "trieu") || has(f, "tr.d") || has(f, "trd") || has(f, "tr d"))
        return 1000000;
    if (has(f, "ty dong") || has(f, "ti dong") || has(f, "(ty") || has(f, "(ti"))
        return 1000000000;
    if (has(f, "nghin") || has(f, "ngan dong"))
        return 1000;
    if (has(f, "dong") || has(f, "vnd"))
        return 1;
    return 0;
}

static vb_colkey key_of_folded(const char *f)
{
    static const char *const budget[] = {"kinh phi", "du toan", "chi phi", "ngan sach", NULL};
    static const char *const time[] = {"thoi gian", "thoi diem", "tien do", "thoi han", NULL};
    static const char *const crit[] = {"tieu chi", "tieu chuan", NULL};
    static const char *const target[] = {"ket qua", "muc tieu", "chi tieu", "can dat", NULL};
    static const char *const lead[] = {"chu tri", "phoi hop", "don vi", "ca nhan", "nguoi thuc",
                                       "phu trach", "trach nhiem", "luc luong", "bo phan", NULL};
    static const char *const cond[] = {"dieu kien", "nguon luc", NULL};
    static const char *const tasks[] = {"cong viec", "noi dung", "hoat dong", "nhiem vu", NULL};
    static const char *const sol[] = {"giai phap", "bien phap", NULL};
    if (is_ordinal(f))
        return VB_COL_ORDINAL;
    if (has_any(f, budget))
        return VB_COL_BUDGET;
    if (has_any(f, time))
        return VB_COL_TIMELINE;
    if (has_any(f, crit))
        return VB_COL_CRITERION;
    if (has_any(f, target))
        return VB_COL_TARGET;
    if (has_any(f, lead))
        return VB_COL_LEAD;
    if (has_any(f, cond))
        return VB_COL_CONDITIONS;
    if (has(f, "ghi chu"))
        return VB_COL_NOTES;
    if (has_any(f, tasks))
        return VB_COL_TASKS;
    if (has_any(f, sol))
        return VB_COL_SOLUTIONS;
    return VB_COL_OTHER;
}

vb_colkey vb_colkey_of(const char *header, long long *unit)
{
    char *f = vb_fold_copy(header, strlen(header), NULL, NULL);
    if (unit)
        *unit = 0;
    if (!f)
        return VB_COL_OTHER;
    vb_colkey k = key_of_folded(f);
    if (unit && k == VB_COL_BUDGET)
        *unit = unit_of(f);
    free(f);
    return k;
}

const char *vb_colkey_name(vb_colkey k)
{
    static const char *const names[VB_COL_COUNT] = {
        "other", "ordinal", "criterion", "target", "tasks", "solutions",
        "lead", "timeline", "budget", "conditions", "notes"};
    return (unsigned)k < VB_COL_COUNT ? names[k] : "other";
}

/* ---- markers ----------------------------------------------------------- */

static size_t skip_sp(const char *f, size_t i)
{
    while (f[i] == ' ' || f[i] == '\t')
        i++;
    return i;
}

/* A criterion number "1", "1.2", "5.10" at f+i; its length or 0. */
static size_t num_len(const char *f, size_t i)
{
    size_t j = i;
    while (isdigit((unsigned char)f[j]) && j - i < 3)
        j++;
    if (j == i || isdigit((unsigned char)f[j]))
        return 0;
    if (f[j] == '.' && isdigit((unsigned char)f[j + 1])) {
        size_t k = j + 1;
        while (isdigit((unsigned char)f[k]) && k - j < 4)
            k++;
        if (!isdigit((unsigned char)f[k]))
            j = k;
    }
    return j - i;
}

/* A Roman standard number "iv" at f+i (folded): writes "4" to out and
 * returns its length, or 0. */
static size_t roman_len(const char *f, size_t i, char *out)
{
    static const char *const r[] = {"viii", "vii", "iii", "ix", "iv", "vi", "ii", "v", "x", "i"};
    static const int v[] = {8, 7, 3, 9, 4, 6, 2, 5, 10, 1};
    for (size_t k = 0; k < sizeof r / sizeof r[0]; k++) {
        size_t n = strlen(r[k]);
        if (strncmp(f + i, r[k], n) == 0 && !isalnum((unsigned char)f[i + n])) {
            snprintf(out, 4, "%d", v[k]);
            return n;
        }
    }
    return 0;
}

/* A repeated label between ids ("Mức 1, Mức 2", "Tiêu chí 1.2, tiêu chí 1.3"). */
static size_t skip_label(const char *f, size_t j)
{
    static const char *const labels[] = {"muc ", "tieu chi ", "tc ", NULL};
    for (size_t k = 0; labels[k]; k++)
        if (strncmp(f + j, labels[k], strlen(labels[k])) == 0)
            return skip_sp(f, j + strlen(labels[k]));
    return j;
}

/* "1.1 - 1.3": appends 1.2 and 1.3 after 1.1 (same major number, at most
 * 12 steps). Returns the folded length read after the dash, or 0. */
static size_t read_range(const char *f, size_t j, const char *prev, char *out, size_t *o,
                         size_t cap)
{
    size_t k = num_len(f, j);
    const char *dot = strchr(prev, '.');
    if (!k || !dot || !memchr(f + j, '.', k) || strncmp(prev, f + j, (size_t)(dot - prev) + 1))
        return 0;
    int a = atoi(dot + 1), b = atoi(f + j + (dot - prev) + 1);
    if (b <= a || b - a > 12)
        return 0;
    for (int v = a + 1; v <= b; v++) {
        char id[16];
        int n = snprintf(id, sizeof id, " %.*s%d", (int)(dot - prev) + 1, prev, v);
        if (n < 0 || *o + (size_t)n + 1 > cap)
            return 0;
        memcpy(out + *o, id, (size_t)n);
        *o += (size_t)n;
    }
    return k;
}

/* Reads a list "1.2, 1.3 và 1.4" (or "1.1 - 1.3") at f+i into out,
 * space-separated. Returns where the list ends. */
static size_t read_ids(const char *f, size_t i, char *out, size_t cap)
{
    size_t o = 0, last = i;
    for (int guard = 0; guard < 16; guard++) {
        size_t j = skip_sp(f, i);
        size_t k = num_len(f, j);
        if (!k || o + k + 2 > cap)
            break;
        size_t start = o + (o ? 1 : 0);
        if (o)
            out[o++] = ' ';
        memcpy(out + o, f + j, k);
        o += k;
        out[o] = '\0';
        last = i = j + k;
        j = skip_sp(f, i);
        if (f[j] == '-') {
            size_t r = read_range(f, skip_sp(f, j + 1), out + start, out, &o, cap);
            if (!r)
                break;
            last = i = skip_sp(f, j + 1) + r;
            j = skip_sp(f, i);
        }
        if (f[j] == ',' || f[j] == ';' || f[j] == '&' || f[j] == '+')
            i = skip_label(f, skip_sp(f, j + 1));
        else if (strncmp(f + j, "va ", 3) == 0)
            i = skip_label(f, skip_sp(f, j + 3));
        else
            break;
    }
    out[o] = '\0';
    return last;
}

/* After the marker: skip ":", ".", "-" and blanks before the title. */
static size_t title_start(const char *f, size_t i)
{
    i = skip_sp(f, i);
    while (f[i] == ':' || f[i] == '.' || f[i] == '-' || f[i] == ')' || f[i] == ' ')
        i++;
    return i;
}

static tb_kind read_level(const char *f, size_t i, tb_mark *m)
{
    i += 3;
    if (strncmp(f + i, " do", 3) == 0)
        i += 3;
    size_t e = read_ids(f, i, m->values, sizeof m->values);
    if (!m->values[0] || strchr(m->values, '.'))
        return TB_NONE;
    e = skip_sp(f, e);
    if (f[e] == ':')
        e = skip_sp(f, e + 1);
    if (f[e] == '(' && strchr(f + e, ')'))        /* "Mức 4 (nếu có)" */
        e = skip_sp(f, (size_t)(strchr(f + e, ')') - f) + 1);
    if (f[e] && f[e] != '\n')
        return TB_NONE;          /* "Mức 2: Số trẻ …" is a target, not a level row */
    return TB_LEVEL;
}

static size_t lead_blank(const char *f)
{
    size_t i = 0;
    while (f[i] == ' ' || f[i] == '\t' || f[i] == '*' || f[i] == '-' || f[i] == '+')
        i++;
    return i;
}

/* Skips a list label before a marker: "I. ", "2. ", "a) ", "B- ". */
static size_t enumerator(const char *f, size_t i)
{
    size_t j = i;
    while (j < i + 4 && isalnum((unsigned char)f[j]))
        j++;
    if (j == i || (f[j] != '.' && f[j] != ')' && f[j] != '-') || f[j + 1] != ' ')
        return i;
    return skip_sp(f, j + 1);
}

static tb_kind mark_at(const char *f, size_t i, tb_mark *m, size_t *title);

static tb_kind mark_folded(const char *f, tb_mark *m, size_t *title)
{
    size_t i = lead_blank(f);
    tb_kind k = mark_at(f, i, m, title);
    size_t j = enumerator(f, i);
    if (k == TB_NONE && j != i) {
        memset(m, 0, sizeof *m);
        k = mark_at(f, j, m, title);
    }
    return k;
}

static tb_kind mark_at(const char *f, size_t i, tb_mark *m, size_t *title)
{
    size_t e;
    if (strncmp(f + i, "tieu chuan", 10) == 0) {
        i = skip_sp(f, i + 10);
        if (strncmp(f + i, "so ", 3) == 0)
            i += 3;
        size_t k = num_len(f, i);
        if (!k)
            k = roman_len(f, i, m->ids);
        else if (!memchr(f + i, '.', k)) {
            memcpy(m->ids, f + i, k);
            m->ids[k] = '\0';
        }
        if (!m->ids[0] && f[skip_sp(f, i)] != ':')
            return TB_NONE;      /* "Tiêu chuẩn, tiêu chí" is a header */
        *title = title_start(f, i + (m->ids[0] ? k : 0));
        return TB_STANDARD;
    }
    size_t cl = strncmp(f + i, "tieu chi", 8) == 0 && !isalpha((unsigned char)f[i + 8]) ? 8
                : strncmp(f + i, "tc", 2) == 0 && (f[i + 2] == ' ' || isdigit((unsigned char)f[i + 2])) ? 2
                : 0;
    if (cl) {
        i = skip_sp(f, i + cl);
        if (strncmp(f + i, "so ", 3) == 0)
            i += 3;
        e = read_ids(f, i, m->ids, sizeof m->ids);
        if (!m->ids[0])
            return TB_NONE;
        *title = title_start(f, e);
        return TB_CRITERION;
    }
    if (strncmp(f + i, "muc", 3) == 0 && !isalpha((unsigned char)f[i + 3]))
        return read_level(f, i, m);
    return TB_NONE;
}

tb_kind tb_mark_read(const char *s, size_t n, tb_mark *m)
{
    memset(m, 0, sizeof *m);
    if (!s || !n)
        return TB_NONE;
    const char *nl = memchr(s, '\n', n);
    size_t flen, *off = NULL;
    char *f = vb_fold_copy(s, n, &flen, &off);
    if (!f)
        return TB_NONE;
    size_t title = 0;
    m->kind = mark_folded(f, m, &title);
    if (m->kind == TB_STANDARD || m->kind == TB_CRITERION) {
        if (title > flen)
            title = flen;
        m->title_off = off[title];
        /* the title ends with the first paragraph */
        if (nl && m->title_off > (size_t)(nl - s))
            m->title_off = (size_t)(nl - s);
    }
    free(f);
    free(off);
    return m->kind;
}

int tb_bare_ids(const vb_text *x, tb_mark *m)
{
    if (!x->len || x->len > 40 || !isdigit((unsigned char)x->s[0]) || !memchr(x->s, '.', x->len))
        return 0;
    /* every number "N.M" with one or two digits a side: "5.000.000" is money */
    size_t run = 0, dots = 0;
    for (size_t i = 0; i < x->len; i++) {
        char ch = x->s[i];
        if (isdigit((unsigned char)ch)) {
            if (++run > 2)
                return 0;
            continue;
        }
        if (!strchr("., ", ch) || (ch == '.' && (++dots > 1 || !run)))
            return 0;
        if (ch != '.')
            dots = 0;
        run = 0;
    }
    char buf[64];
    snprintf(buf, sizeof buf, "Tiêu chí %.*s", (int)x->len, x->s);
    if (tb_mark_read(buf, strlen(buf), m) != TB_CRITERION)
        return 0;
    m->title_off = x->len;
    return 1;
}

int tb_lead_ids(const vb_text *x, tb_mark *m)
{
    if (tb_bare_ids(x, m))
        return 1;
    /* "1.1. Phương hướng …": one id, a dot or colon, then words */
    size_t i = 0;
    while (i < x->len && i < 6 && (isdigit((unsigned char)x->s[i]) || x->s[i] == '.'))
        i++;
    if (i < 3 || i >= x->len)
        return 0;
    size_t idlen = x->s[i - 1] == '.' ? i - 1 : i;
    if (x->s[i] == ':')
        i++;
    if (i >= x->len || x->s[i] != ' ')
        return 0;
    vb_text head = {.s = x->s, .len = idlen};
    if (!tb_bare_ids(&head, m) || strchr(m->ids, ' '))
        return 0;
    while (i < x->len && x->s[i] == ' ')
        i++;
    m->title_off = i;
    return 1;
}

size_t tb_level_prefix(const char *s, size_t n, char level[8])
{
    size_t flen, *off = NULL, r = 0;
    level[0] = '\0';
    if (!s || !n)
        return 0;
    char *f = vb_fold_copy(s, n < 64 ? n : 64, &flen, &off);
    if (!f)
        return 0;
    size_t i = lead_blank(f);
    if (strncmp(f + i, "muc", 3) == 0) {
        i = skip_sp(f, i + 3);
        size_t j = i;
        while (isdigit((unsigned char)f[j]) && j - i < 2)
            j++;
        size_t k = j;
        if (isalpha((unsigned char)f[k]) && !isalpha((unsigned char)f[k + 1]))
            k++;
        size_t c = skip_sp(f, k);
        if (j > i && f[c] == ':') {
            memcpy(level, f + i, j - i);
            level[j - i] = '\0';
            /* "Mức 2: text" loses its prefix; "Mức 2a: text" keeps it */
            r = k == j ? off[skip_sp(f, c + 1)] : 0;
            if (k != j)
                r = (size_t)-1;
        }
    }
    free(f);
    free(off);
    return r;
}

/* ---- small text tests -------------------------------------------------- */

static UChar32 first_letter(const char *s)
{
    int32_t i = 0, n = (int32_t)strlen(s);
    for (int guard = 0; i < n && guard < 64; guard++) {
        UChar32 c;
        U8_NEXT(s, i, n, c);
        if (c < 0)
            return 0;
        if (u_isalnum(c) || c == '-' || c == '+' || c == 0x2022 || c == 0x2013)
            return c;
    }
    return 0;
}

int tb_starts_lower(const char *s)
{
    UChar32 c = first_letter(s);
    return c && u_islower(c);
}

int tb_starts_new(const char *s)
{
    UChar32 c = first_letter(s);
    return c && !u_islower(c);
}

int tb_ends_closed(const char *s, size_t n)
{
    while (n && (s[n - 1] == ' ' || s[n - 1] == '\n' || s[n - 1] == ')' || s[n - 1] == '"'))
        n--;
    return n && strchr(".;!?", s[n - 1]) != NULL;
}

int tb_timelike(const char *s)
{
    size_t n = strlen(s);
    char *f = vb_fold_copy(s, n < 120 ? n : 120, NULL, NULL);
    if (!f)
        return 0;
    size_t i = lead_blank(f);
    static const char *const starts[] = {"thoi gian", "thang ", "hoan thanh", "bat dau", "tu thang",
                                         "ca nam", "hang thang", "hang tuan", "hang nam", "dinh ky",
                                         "thuong xuyen", "quy ", "hoc ky", "nam hoc", "giai doan",
                                         "cuoi ", "dau nam", "suot", NULL};
    int yes = 0;
    for (size_t k = 0; starts[k] && !yes; k++)
        yes = strncmp(f + i, starts[k], strlen(starts[k])) == 0;
    /* or a date within the first few characters: "9/2020", "2024-2025" */
    for (size_t k = i; !yes && f[k] && k < i + 12; k++) {
        size_t slash = f[k + 1] == '/' ? k + 1 : (f[k + 1] && f[k + 2] == '/') ? k + 2 : 0;
        yes = isdigit((unsigned char)f[k]) && slash && isdigit((unsigned char)f[slash + 1]);
    }
    if (!yes && isdigit((unsigned char)f[i]) && strlen(f + i) < 16)
        yes = strspn(f + i, "0123456789/-. ") == strlen(f + i);
    free(f);
    return yes;
}

int tb_dated(const char *s)
{
    size_t n = strlen(s);
    char *f = vb_fold_copy(s, n < 200 ? n : 200, NULL, NULL);
    if (!f)
        return 0;
    int yes = has(f, "hoan thanh") || has(f, "bat dau:");
    for (size_t k = 0; !yes && f[k]; k++) {
        size_t d = k;
        while (isdigit((unsigned char)f[d]) && d - k < 3)
            d++;
        yes = d > k && d - k <= 2 && f[d] == '/' && strspn(f + d + 1, "0123456789") == 4;
    }
    free(f);
    return yes;
}

int tb_leadlike(const char *s)
{
    size_t n = strlen(s);
    char *f = vb_fold_copy(s, n < 200 ? n : 200, NULL, NULL);
    if (!f)
        return 0;
    static const char *const w[] = {"nguoi thuc hien", "phoi hop", "chu tri", "phu trach", NULL};
    int yes = has_any(f, w);
    free(f);
    return yes;
}

int tb_blank(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (!isspace((unsigned char)s[i]))
            return 0;
    return 1;
}

int tb_is_rule(const char *s, size_t n)
{
    size_t dashes = 0;
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '-' || s[i] == '=')
            dashes++;
        else if (!strchr(" \t|:+", s[i]))
            return 0;
    }
    return dashes >= 3;
}

int tb_is_pagenum(const char *s, size_t n)
{
    while (n && isspace((unsigned char)s[n - 1]))
        n--;
    size_t i = 0;
    while (i < n && isspace((unsigned char)s[i]))
        i++;
    if (n - i > 12 || i == n)
        return 0;
    if (n - i > 6 && (strncmp(s + i, "Trang ", 6) == 0 || strncmp(s + i, "trang ", 6) == 0))
        i += 6;
    size_t digits = 0;
    for (size_t k = i; k < n; k++) {
        if (isdigit((unsigned char)s[k]))
            digits++;
        else if (!strchr(" -/", s[k]))
            return 0;
    }
    return digits > 0 && digits <= 3;
}

int tb_is_heading(const char *s, size_t n)
{
    size_t i = 0;
    while (i < n && (s[i] == ' ' || s[i] == '#' || s[i] == '*'))
        i++;
    size_t j = i;
    while (j < n && strchr("IVX", s[j]))
        j++;
    return j > i && j - i <= 4 && j + 1 < n && (s[j] == '.' || s[j] == ')') && s[j + 1] == ' ';
}
