/* table_spaced.c — tables printed with spaces (PDF → text that keeps the
 * page layout): cells are separated by runs of two or more spaces, and a
 * cell's wrapped lines sit under it on the following lines. The header's
 * words fix the columns (each column runs from halfway after the previous
 * header to halfway before the next); a line whose TT cell is a number or
 * that carries a row marker starts a row, other lines continue it. */
#include "extract/table_int.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

enum { MAX_SEGS = 24 };

typedef struct seg {
    size_t from, to;       /* bytes of the line */
    size_t col, end;       /* character columns */
} seg;

static size_t chars(const char *s, size_t n)
{
    size_t k = 0;
    for (size_t i = 0; i < n; i++)
        k += ((unsigned char)s[i] & 0xC0) != 0x80;
    return k;
}

/* Splits t at runs of two or more spaces. Returns how many segments. */
static size_t segments(const vb_text *t, seg *s, size_t cap)
{
    size_t n = 0, i = 0;
    while (i < t->len && n < cap) {
        while (i < t->len && t->s[i] == ' ')
            i++;
        if (i >= t->len)
            break;
        size_t a = i;
        while (i < t->len && !(t->s[i] == ' ' && (i + 1 >= t->len || t->s[i + 1] == ' ')))
            i++;
        s[n].from = a;
        s[n].to = i;
        s[n].col = chars(t->s, a);
        s[n].end = s[n].col + chars(t->s + a, i - a);
        n++;
    }
    return n;
}

typedef struct grid {
    size_t n;
    size_t start[MAX_SEGS], end[MAX_SEGS];   /* header extents, characters */
} grid;

/* The column a segment starting at character x belongs to. */
static size_t column_of(const grid *g, size_t x)
{
    size_t c = 0;
    for (size_t k = 1; k < g->n; k++)
        if (2 * x + 1 >= g->end[k - 1] + g->start[k])
            c = k;
    return c;
}

static int plain_line(const vb_text *t)
{
    return t->len && !memchr(t->s, '\t', t->len);
}

/* The header at line i: at least three segments naming canonical columns. */
static int read_header(const vb_layout *L, size_t i, tb_rows *rows, grid *g)
{
    const vb_text *t = &L->lines[i].text;
    seg s[MAX_SEGS];
    if (!plain_line(t) || t->len > 400)
        return 0;
    size_t n = segments(t, s, MAX_SEGS);
    if (n < 3)
        return 0;
    vb_row *h = tb_rows_push(rows, n);
    if (!h)
        return -1;
    h->first_line = h->last_line = i;
    h->page = L->lines[i].page;
    g->n = n;
    for (size_t k = 0; k < n; k++) {
        g->start[k] = s[k].col;
        g->end[k] = s[k].end;
        if (tb_cell_add(&h->cells[k], t, s[k].from, s[k].to, NULL))
            return -1;
    }
    return tb_header_score(h) >= 3 ? 1 : 0;
}

/* Whether segments s[0..n) of a line start a row of their own. */
static int starts_row(const vb_text *t, const seg *s, size_t n, const grid *g, int ord)
{
    tb_mark m;
    for (size_t k = 0; k < n; k++) {
        const char *x = t->s + s[k].from;
        size_t len = s[k].to - s[k].from;
        if (tb_mark_read(x, len, &m) != TB_NONE)
            return 1;
        if (ord >= 0 && column_of(g, s[k].col) == (size_t)ord && len <= 4 &&
            isdigit((unsigned char)x[0]))
            return 1;
    }
    return 0;
}

/* A line of prose after the table: one long segment running over several
 * columns from the left edge, or a section heading. */
static int ends_table(const vb_text *t, const seg *s, size_t n, const grid *g)
{
    if (tb_is_heading(t->s, t->len))
        return 1;
    return n == 1 && column_of(g, s[0].col) == 0 && g->n > 2 && s[0].end > g->start[2];
}

static int add_line(vb_row *r, const vb_line *ln, size_t j, const seg *s, size_t n,
                    const grid *g)
{
    for (size_t k = 0; k < n; k++) {
        size_t c = column_of(g, s[k].col);
        if (tb_cell_add(&r->cells[c], &ln->text, s[k].from, s[k].to, " "))
            return -1;
    }
    r->last_line = j;
    return 0;
}

/* The body after the header; returns the last line used, or -1 on OOM. */
static long read_body(const vb_layout *L, size_t i, size_t to, tb_rows *rows, const grid *g,
                      int ord)
{
    size_t last = i, blanks = 0;
    seg s[MAX_SEGS];
    for (size_t j = i + 1; j < to && blanks < 3; j++) {
        const vb_line *ln = &L->lines[j];
        if (tb_blank(ln->text.s, ln->text.len)) {
            blanks++;
            continue;
        }
        if (!plain_line(&ln->text))
            break;
        size_t n = segments(&ln->text, s, MAX_SEGS);
        if (ends_table(&ln->text, s, n, g))
            break;
        blanks = 0;
        if (rows->n == 1 || starts_row(&ln->text, s, n, g, ord)) {
            vb_row *r = tb_rows_push(rows, g->n);
            if (!r)
                return -1;
            r->first_line = j;
            r->page = ln->page;
        }
        if (add_line(&rows->v[rows->n - 1], ln, j, s, n, g))
            return -1;
        last = j;
    }
    return (long)last;
}

/* Header words wrapped onto the next lines ("Thời gian" / "thực hiện"):
 * lower-case pieces without digits under the header's columns. Returns the
 * header's last line. */
static size_t header_tail(const vb_layout *L, size_t i, size_t to, vb_row *h, const grid *g,
                          int *oom)
{
    seg s[MAX_SEGS];
    for (size_t j = i + 1; j < to && j <= i + 2; j++) {
        const vb_text *t = &L->lines[j].text;
        if (!plain_line(t))
            return i;
        size_t n = segments(t, s, MAX_SEGS);
        if (n == 0)
            return i;
        for (size_t k = 0; k < n; k++) {
            const char *x = t->s + s[k].from;
            int digit = 0;
            for (size_t d = 0; d < s[k].to - s[k].from; d++)
                digit |= isdigit((unsigned char)x[d]) != 0;
            if (!tb_starts_lower(x) || digit)
                return i;
        }
        if (add_line(h, &L->lines[j], j, s, n, g)) {
            *oom = 1;
            return i;
        }
        i = j;
    }
    return i;
}

static void drop_rows(vb_table *t, tb_rows *rows)
{
    tb_rows_free(rows);
    free(t->keys);
    free(t->units);
    memset(t, 0, sizeof *t);
}

vb_status tb_parse_spaced(const vb_layout *L, size_t i, size_t to, vb_table *t, size_t *next,
                          vb_error *err)
{
    tb_rows rows = {0};
    grid g;
    int r = read_header(L, i, &rows, &g), oom = 0;
    if (r <= 0) {
        tb_rows_free(&rows);
        return r < 0 ? vb_error_set(err, VB_ERR_NOMEM, "out of memory reading a table") : VB_OK;
    }
    size_t hend = header_tail(L, i, to, &rows.v[0], &g, &oom);
    int ord = -1;
    for (size_t k = 0; k < g.n && ord < 0; k++)
        if (vb_colkey_of(tb_str(&rows.v[0].cells[k]), NULL) == VB_COL_ORDINAL)
            ord = (int)k;
    long last = oom ? -1 : read_body(L, hend, to, &rows, &g, ord);
    t->rows = rows.v;
    t->nrows = rows.n;
    if (last < 0 || tb_header_keys(t)) {
        drop_rows(t, &rows);
        return vb_error_set(err, VB_ERR_NOMEM, "out of memory reading a table");
    }
    if (rows.n < 2) {                      /* a header alone is no table */
        drop_rows(t, &rows);
        return VB_OK;
    }
    t->has_header = 1;
    t->first_line = i;
    t->last_line = (size_t)last;
    *next = (size_t)last + 1;
    return tb_align(t, err);
}
