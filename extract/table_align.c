/* table_align.c — puts every body row of a parsed table under the right
 * header columns and joins rows continued across page breaks.
 *
 * Criterion rows are placed by their marker ("Tiêu chí 1.7" belongs in the
 * criterion column even when the row lost its leading empty cell).
 * Continuation rows (no marker, no ordinal) carry no such anchor, so each
 * candidate shift is scored by how well the pieces continue the cells of
 * the row before (a lower-case start after an unfinished cell, a date in
 * the time column, "phối hợp" in the lead column) and the best is taken. */
#include "extract/table_int.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

int tb_header_score(const vb_row *r)
{
    unsigned seen = 0;
    int n = 0, core = 0;
    tb_mark m;
    for (size_t c = 0; c < r->ncells; c++)
        if (r->cells[c].len && tb_mark_read(r->cells[c].s, r->cells[c].len, &m) != TB_NONE)
            return 0;           /* a header never carries row markers */
    for (size_t c = 0; c < r->ncells; c++) {
        vb_colkey k = vb_colkey_of(tb_str(&r->cells[c]), NULL);
        if (k == VB_COL_OTHER || r->cells[c].len > 80 || (seen & (1u << k)))
            continue;
        seen |= 1u << k;
        n++;
        core |= k == VB_COL_CRITERION || k == VB_COL_TASKS || k == VB_COL_TARGET ||
                k == VB_COL_SOLUTIONS;
    }
    return core ? n : 0;
}

int tb_header_keys(vb_table *t)
{
    const vb_row *h = &t->rows[0];
    t->keys = calloc(h->ncells ? h->ncells : 1, sizeof *t->keys);
    t->units = calloc(h->ncells ? h->ncells : 1, sizeof *t->units);
    if (!t->keys || !t->units)
        return -1;
    for (size_t c = 0; c < h->ncells; c++)
        t->keys[c] = vb_colkey_of(tb_str(&h->cells[c]), &t->units[c]);
    return 0;
}

static int col_of(const vb_table *t, vb_colkey k)
{
    for (size_t c = 0; c < t->rows[0].ncells; c++)
        if (t->keys[c] == (int)k)
            return (int)c;
    return -1;
}

/* Moves the cells of r right by s (left when negative), then fits to n. */
static int shift_row(vb_row *r, int s, size_t n)
{
    if (s > 0) {
        size_t old = r->ncells;
        if (tb_row_resize(r, old + (size_t)s))
            return -1;
        memmove(r->cells + s, r->cells, old * sizeof *r->cells);
        memset(r->cells, 0, (size_t)s * sizeof *r->cells);
    } else if (s < 0) {
        size_t k = (size_t)-s < r->ncells ? (size_t)-s : r->ncells;
        for (size_t c = 0; c < k; c++) {          /* keep text the shift would drop */
            if (k < r->ncells && vb_text_append(&r->cells[k], &r->cells[c], " "))
                return -1;
            vb_text_free(&r->cells[c]);
        }
        memmove(r->cells, r->cells + k, (r->ncells - k) * sizeof *r->cells);
        memset(r->cells + r->ncells - k, 0, k * sizeof *r->cells);
    }
    return tb_row_resize(r, n);
}

static tb_kind row_mark(const vb_row *r, size_t *at, tb_mark *m)
{
    int seen = 0;
    for (size_t c = 0; c < r->ncells && seen < 3; c++) {
        if (!r->cells[c].len)
            continue;
        seen++;
        if (tb_mark_read(r->cells[c].s, r->cells[c].len, m) != TB_NONE) {
            *at = c;
            return m->kind;
        }
    }
    return TB_NONE;
}

static int numeric(const vb_text *t)
{
    if (!t->len || t->len > 4)
        return 0;
    for (size_t i = 0; i < t->len; i++)
        if (!isdigit((unsigned char)t->s[i]) && t->s[i] != '.')
            return 0;
    return 1;
}

/* How well cell text x continues the cell p of key k. */
static double fit(const vb_text *p, const char *x, int k)
{
    double sc = 0;
    if (k == VB_COL_ORDINAL || k == VB_COL_CRITERION)
        sc -= 3;
    if (!p->len)
        sc -= 1;
    else if (tb_starts_lower(x))
        sc += tb_ends_closed(p->s, p->len) ? -0.5 : 2;
    else if (tb_ends_closed(p->s, p->len))
        sc += 0.5;
    if (tb_timelike(x) || tb_dated(x))
        sc += k == VB_COL_TIMELINE ? 3 : -2;
    if (tb_leadlike(x))
        sc += k == VB_COL_LEAD ? 2 : -1;
    return sc;
}

static double score(const vb_table *t, const vb_row *prev, const vb_row *r, int s)
{
    size_t H = t->rows[0].ncells, m = r->ncells;
    double sc = (long)H - (long)m == s ? 0.5 : 0;
    int tg = col_of(t, VB_COL_TARGET), ts = col_of(t, VB_COL_TASKS), fresh = 0, filled = 0;
    for (size_t i = 0; i < m; i++) {
        if (!r->cells[i].len)
            continue;
        long c = (long)i + s;
        if (c < 0 || c >= (long)H) {
            sc -= 5;
            continue;
        }
        sc += fit(&prev->cells[c], tb_str(&r->cells[i]), t->keys[c]);
        if ((c == tg || c == ts) && tb_starts_new(tb_str(&r->cells[i]))) {
            fresh++;
        }
        filled += c == tg || c == ts;
    }
    /* a new target and new tasks side by side: a repeated pair */
    if (tg >= 0 && ts >= 0 && fresh == 2 && filled == 2)
        sc += 1.5;
    return sc;
}

static int is_pair(const vb_table *t, const vb_row *prev, const vb_row *r)
{
    int tg = col_of(t, VB_COL_TARGET), ts = col_of(t, VB_COL_TASKS);
    if (tg < 0 || ts < 0)
        return 0;
    const vb_text *a = &r->cells[tg], *b = &r->cells[ts];
    if (!a->len || !tb_starts_new(a->s) || !prev->cells[tg].len)
        return 0;
    return !b->len || (tb_starts_new(b->s) && tb_ends_closed(prev->cells[ts].s,
                                                             prev->cells[ts].len));
}

/* Joins continuation row r into prev, cell by cell. */
static int join(vb_row *prev, vb_row *r)
{
    for (size_t c = 0; c < r->ncells && c < prev->ncells; c++) {
        vb_text *p = &prev->cells[c], *x = &r->cells[c];
        if (!x->len)
            continue;
        const char *sep = tb_ends_closed(p->s, p->len) && tb_starts_new(x->s) ? "\n" : " ";
        if (vb_text_append(p, x, sep))
            return -1;
    }
    if (r->last_line > prev->last_line)
        prev->last_line = r->last_line;
    return 0;
}

static int place_continuation(const vb_table *t, vb_row *prev, vb_row *r, int *joined)
{
    size_t H = t->rows[0].ncells;
    int best = 0;
    double bs = -1e9;
    static const int order[] = {0, 1, -1, 2};    /* ties go to the smaller shift */
    for (size_t i = 0; i < 4; i++) {
        int s = order[i];
        double sc = score(t, prev, r, s);
        if (sc > bs + 1e-9) {
            bs = sc;
            best = s;
        }
    }
    if (shift_row(r, best, H))
        return -1;
    if (is_pair(t, prev, r)) {
        r->flags |= VB_ROW_PAIR;
        *joined = 0;
        return 0;
    }
    *joined = 1;
    return join(prev, r);
}

/* "Tiêu chí 1.1 (tiếp theo)" on the next page: the same ids as the row
 * above continue it. The marker cell is dropped, the rest joined. */
static int same_criterion(vb_row *prev, vb_row *r, int crit, int *keep)
{
    tb_mark a, b;
    if (!prev || (size_t)crit >= prev->ncells || !prev->cells[crit].len ||
        tb_mark_read(prev->cells[crit].s, prev->cells[crit].len, &a) != TB_CRITERION ||
        tb_mark_read(r->cells[crit].s, r->cells[crit].len, &b) != TB_CRITERION ||
        strcmp(a.ids, b.ids) != 0)
        return 0;
    vb_text_clear(&r->cells[crit]);
    *keep = 0;
    return join(prev, r);
}

/* "1.1" alone in one of the row's first two filled cells: a criterion row
 * numbered without the word "Tiêu chí" (its place is not known, so no shift). */
static int leads_with_ids(const vb_row *r)
{
    tb_mark m;
    int seen = 0;
    for (size_t c = 0; c < r->ncells && seen < 2; c++) {
        if (!r->cells[c].len)
            continue;
        if (tb_lead_ids(&r->cells[c], &m))
            return 1;
        seen++;
    }
    return 0;
}

/* Aligns one body row; *keep says whether it stays a row of its own. */
static int align_row(const vb_table *t, vb_row *prev, vb_row *r, int *keep)
{
    size_t H = t->rows[0].ncells, at = 0;
    int crit = col_of(t, VB_COL_CRITERION), ord = col_of(t, VB_COL_ORDINAL);
    tb_mark m;
    tb_kind k = row_mark(r, &at, &m);
    *keep = 1;
    int empty = 1;
    for (size_t c = 0; c < r->ncells; c++)
        empty &= r->cells[c].len == 0;
    if (empty) {
        *keep = 0;
        return 0;
    }
    if (k == TB_CRITERION && crit >= 0) {
        if (shift_row(r, crit - (int)at, H))
            return -1;
        return same_criterion(prev, r, crit, keep);
    }
    if (k != TB_NONE || !prev || (r->flags & VB_ROW_NESTED))
        return tb_row_resize(r, H);
    if ((ord >= 0 && (size_t)ord < r->ncells && numeric(&r->cells[ord])) || leads_with_ids(r))
        return tb_row_resize(r, H);
    int joined = 0;
    if (place_continuation(t, prev, r, &joined))
        return -1;
    *keep = !joined;
    return 0;
}

static int heads_a_row(const vb_row *r)
{
    tb_mark m;
    size_t at;
    tb_kind k = row_mark(r, &at, &m);
    return k == TB_NONE || k == TB_CRITERION;
}

vb_status tb_align(vb_table *t, vb_error *err)
{
    if (t->nrows == 0)
        return VB_OK;
    size_t H = t->rows[0].ncells, out = 1;
    vb_row *prev = NULL;
    for (size_t i = 1; i < t->nrows; i++) {
        vb_row *r = &t->rows[i];
        int keep = 1;
        if (align_row(t, prev, r, &keep))
            return vb_error_set(err, VB_ERR_NOMEM, "out of memory aligning a table");
        if (!keep) {
            tb_row_free(r);
            continue;
        }
        t->rows[out] = *r;
        if (out != i)
            memset(r, 0, sizeof *r);
        /* level and standard rows are never continued */
        prev = heads_a_row(&t->rows[out]) ? &t->rows[out] : NULL;
        out++;
    }
    t->nrows = out;
    (void)H;
    return VB_OK;
}
