/* table.c — finds the improvement tables among a layout's lines and turns
 * each into a vb_table (header row + aligned body rows). Layouts:
 *   tab rows     one line per row, cells split by '\t' (text conversions,
 *                and geometric tables from ingest flagged VB_LINE_ROW);
 *   cell stream  one cell per line behind leading tabs, a cell continuing
 *                on the following untabbed lines (DOCX → text);
 *   task list    plain hard-wrapped text (table_plain.c).
 * A table starts at a header row whose cells name canonical columns. */
#include "extract/table_int.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

enum { MAX_COLS = 40 };

static size_t count_tabs(const vb_text *t)
{
    size_t n = 0;
    for (size_t i = 0; i < t->len; i++)
        n += t->s[i] == '\t';
    return n;
}

/* Offset where a cell-stream line's text begins: after leading blanks that
 * contain a tab. 0 if the line does not start a cell. */
static size_t cell_start(const vb_text *t, int *starts)
{
    size_t i = 0;
    int tab = 0;
    while (i < t->len && (t->s[i] == ' ' || t->s[i] == '\t')) {
        tab |= t->s[i] == '\t';
        i++;
    }
    *starts = tab;
    return i;
}

/* Markdown pipe tables ("| TT | Tiêu chí |") split at '|' instead of tabs:
 * the number of pipes when the line is one, else 0. */
static size_t pipes(const vb_text *t)
{
    size_t i = 0, n = 0;
    while (i < t->len && t->s[i] == ' ')
        i++;
    if (i >= t->len || t->s[i] != '|' || memchr(t->s, '\t', t->len))
        return 0;
    for (; i < t->len; i++)
        n += t->s[i] == '|';
    return n >= 2 ? n : 0;
}

/* Splits line text [from, len) at tabs (or pipes) into a new row of r. */
static vb_row *split_row(tb_rows *r, const vb_line *ln, size_t idx, size_t from)
{
    char sep = pipes(&ln->text) ? '|' : '\t';
    size_t end = ln->text.len;
    if (sep == '|') {                 /* drop the outer pipes */
        while (from < end && ln->text.s[from] != '|')
            from++;
        from++;
        while (end > from && ln->text.s[end - 1] == ' ')
            end--;
        if (end > from && ln->text.s[end - 1] == '|')
            end--;
    }
    size_t n = 1;
    for (size_t i = from; i < end && n < MAX_COLS; i++)
        n += ln->text.s[i] == sep;
    vb_row *row = tb_rows_push(r, n);
    if (!row)
        return NULL;
    size_t c = 0, a = from;
    for (size_t i = from; i <= end; i++) {
        /* past MAX_COLS cells the rest of the line is the last cell */
        if (i < end && (ln->text.s[i] != sep || c + 1 == n))
            continue;
        if (tb_cell_add(&row->cells[c++], &ln->text, a, i, NULL))
            return NULL;
        a = i + 1;
    }
    row->first_line = row->last_line = idx;
    row->page = ln->page;
    return row;
}

static int is_tab_row(const vb_line *ln)
{
    return (ln->flags & VB_LINE_ROW) || count_tabs(&ln->text) >= 1 || pipes(&ln->text);
}

static int next_is_row(const vb_layout *L, size_t j, size_t to)
{
    for (size_t k = j + 1; k < to && k < j + 5; k++) {
        const vb_text *t = &L->lines[k].text;
        if (tb_blank(t->s, t->len))
            continue;
        return is_tab_row(&L->lines[k]);
    }
    return 0;
}

/* The last non-empty cell of r (or its last cell). */
static vb_text *last_cell(vb_row *r)
{
    for (size_t c = r->ncells; c > 0; c--)
        if (r->cells[c - 1].len)
            return &r->cells[c - 1];
    return &r->cells[r->ncells - 1];
}

/* A cell with a line break inside, exported as text, ends its line early:
 * "…\tBổ sung và" / "điều chỉnh kế hoạch\t6/2025\t…". Joins row b (the next
 * line, directly below) into a when the two make at most H cells and b does
 * not start a row of its own. Returns 1 when joined, 0 if not, -1 on OOM. */
static int join_broken(vb_row *a, vb_row *b, size_t H)
{
    tb_mark m;
    if (a->ncells >= H || a->ncells + b->ncells - 1 > H || !b->cells[0].len ||
        tb_mark_read(b->cells[0].s, b->cells[0].len, &m) != TB_NONE)
        return 0;
    size_t old = a->ncells;
    if (vb_text_append(&a->cells[old - 1], &b->cells[0], " ") ||
        tb_row_resize(a, old + b->ncells - 1))
        return -1;
    for (size_t c = 1; c < b->ncells; c++) {
        a->cells[old + c - 1] = b->cells[c];
        vb_text_init(&b->cells[c]);
    }
    a->last_line = b->last_line;
    return 1;
}

/* One tab line of the body: a row of its own, the header again (dropped),
 * or the rest of the row above. */
static vb_status body_row(tb_rows *rows, const vb_line *ln, size_t j, int adjacent)
{
    vb_row *row = split_row(rows, ln, j, 0);
    if (!row)
        return VB_ERR_NOMEM;
    int r = 0;
    if (tb_header_score(row) >= 3)             /* the header again, on a new page */
        r = 1;
    else if (adjacent && rows->n > 2)
        r = join_broken(&rows->v[rows->n - 2], row, rows->v[0].ncells);
    if (r < 0)
        return VB_ERR_NOMEM;
    if (r) {
        tb_row_free(row);
        rows->n--;
    }
    return VB_OK;
}

/* A line without tabs inside a tab table. 1: part of the table (a page
 * number, or text continuing the last cell of the row just above), 0: the
 * table ends, -1: OOM. */
static int body_text(const vb_layout *L, size_t j, size_t to, tb_rows *rows, int adjacent)
{
    const vb_text *t = &L->lines[j].text;
    if (!next_is_row(L, j, to) || tb_is_heading(t->s, t->len))
        return 0;
    if (tb_is_pagenum(t->s, t->len))
        return 1;
    if (!adjacent || rows->n < 2)
        return 0;
    vb_row *r = &rows->v[rows->n - 1];
    r->last_line = j;
    return tb_cell_add(last_cell(r), t, 0, t->len, " ") ? -1 : 1;
}

/* Body of a tab-row table after its header at line i. */
static vb_status tab_body(const vb_layout *L, size_t i, size_t to, tb_rows *rows,
                          size_t *last)
{
    int geom = (L->lines[i].flags & VB_LINE_ROW) != 0, adjacent = 0;
    *last = i;
    if (geom && (L->lines[i].flags & VB_LINE_TABLE_END))
        return VB_OK;
    for (size_t j = i + 1; j < to; j++) {
        const vb_line *ln = &L->lines[j];
        const vb_text *t = &ln->text;
        if (geom && !(ln->flags & VB_LINE_ROW))
            break;
        if (!geom && (tb_blank(t->s, t->len) || tb_is_rule(t->s, t->len))) {
            adjacent = 0;
            continue;
        }
        if (!geom && !is_tab_row(ln)) {
            int r = body_text(L, j, to, rows, adjacent);
            if (r < 0)
                return VB_ERR_NOMEM;
            if (r == 0)
                break;
            *last = j;
            continue;
        }
        if (body_row(rows, ln, j, adjacent && !geom) != VB_OK)
            return VB_ERR_NOMEM;
        adjacent = 1;
        *last = j;
        if (geom && (ln->flags & VB_LINE_TABLE_END))
            break;
    }
    return VB_OK;
}

/* ---- cell stream ------------------------------------------------------- */

typedef struct stream {
    tb_rows cells;       /* each "row" holds one cell */
} stream;

static vb_row *stream_cell(tb_rows *cells, const vb_line *ln, size_t j)
{
    vb_row *c = tb_rows_push(cells, 1);
    if (c) {
        c->first_line = c->last_line = j;
        c->page = ln->page;
    }
    return c;
}

/* Reads the header cells (one per line) from line i; returns how many, and
 * in *end the line after them; (size_t)-1 on OOM. */
static size_t stream_header(const vb_layout *L, size_t i, size_t to, tb_rows *cells,
                            size_t *end)
{
    size_t j = i;
    for (; j < to && j - i < MAX_COLS; j++) {
        const vb_line *ln = &L->lines[j];
        int starts;
        size_t a = cell_start(&ln->text, &starts);
        if (!starts && cells->n && ln->text.len < 60 && tb_starts_lower(ln->text.s + a)) {
            vb_row *c = &cells->v[cells->n - 1];     /* a header cell on two lines */
            if (tb_cell_add(&c->cells[0], &ln->text, a, ln->text.len, " "))
                return (size_t)-1;
            continue;
        }
        if (!starts || memchr(ln->text.s + a, '\t', ln->text.len - a) || a == ln->text.len)
            break;
        if (vb_colkey_of(ln->text.s + a, NULL) == VB_COL_OTHER && cells->n >= 3)
            break;
        vb_row *c = stream_cell(cells, ln, j);
        if (!c || tb_cell_add(&c->cells[0], &ln->text, a, ln->text.len, NULL))
            return (size_t)-1;
    }
    *end = j;
    return cells->n;
}

/* Adds line j of a cell stream to cells. Returns 0 to go on, 1 at the end
 * of the table, -1 on OOM. */
static int stream_line(const vb_line *ln, size_t j, tb_rows *cells)
{
    const vb_text *t = &ln->text;
    int starts;
    size_t a = cell_start(t, &starts);
    /* an empty line is nothing, a line of only a tab is an empty cell */
    if ((!starts && tb_blank(t->s, t->len)) || tb_is_rule(t->s, t->len))
        return 0;
    tb_mark m;
    if (!starts && tb_is_heading(t->s, t->len))
        return 1;
    if (!starts && tb_mark_read(t->s + a, t->len - a, &m) == TB_NONE) {
        if (!cells->n)
            return 1;
        vb_row *c = &cells->v[cells->n - 1];      /* the cell goes on */
        c->last_line = j;
        return tb_cell_add(&c->cells[0], t, a, t->len, " ") ? -1 : 0;
    }
    for (size_t i = a; i <= t->len; i++) {        /* further tabs split cells */
        if (i < t->len && t->s[i] != '\t')
            continue;
        vb_row *c = stream_cell(cells, ln, j);
        if (!c || tb_cell_add(&c->cells[0], t, a, i, NULL))
            return -1;
        a = i + 1;
    }
    return 0;
}

static int empty_or_number(const vb_text *t)
{
    for (size_t i = 0; i < t->len; i++)
        if (!strchr("0123456789. ", t->s[i]))
            return 0;
    return t->len <= 4;
}

/* Where each row of the cell stream starts: at a marker (a criterion takes
 * the empty or numbered cells before it that belong to its own row), or
 * when the row so far has as many cells as the header. */
static int stream_rows(const tb_rows *cells, size_t h, size_t H, int crit, tb_rows *rows)
{
    size_t start = h;
    for (size_t k = h; k <= cells->n; k++) {
        size_t s = k;
        int cut = k == cells->n;
        if (!cut) {
            tb_mark m;
            const vb_text *x = &cells->v[k].cells[0];
            tb_kind kind = tb_mark_read(x->s, x->len, &m);
            if (kind == TB_NONE && crit >= 0 && tb_bare_ids(x, &m))
                kind = TB_CRITERION;
            /* a criterion takes the empty or numbered cells before it; when
             * they are all the row so far, the row simply starts there */
            if (kind == TB_CRITERION)
                for (int b = 0; b < crit && s > start && empty_or_number(&cells->v[s - 1].cells[0]); b++)
                    s--;
            cut = (kind != TB_NONE && s > start) || k - start >= H;
        }
        if (!cut || s == start)
            continue;
        vb_row *row = tb_rows_push(rows, s - start);
        if (!row)
            return -1;
        row->first_line = cells->v[start].first_line;
        row->last_line = cells->v[s - 1].last_line;
        row->page = cells->v[start].page;
        for (size_t c = start; c < s; c++)
            if (vb_text_copy(&row->cells[c - start], &cells->v[c].cells[0]))
                return -1;
        start = s;
    }
    return 0;
}

/* The header row of a cell stream: copies of its first h cells. */
static int stream_hdr(const tb_rows *cells, size_t h, vb_row *hdr)
{
    if (tb_row_resize(hdr, h))
        return -1;
    for (size_t c = 0; c < h; c++)
        if (vb_text_copy(&hdr->cells[c], &cells->v[c].cells[0]))
            return -1;
    return 0;
}

/* Reads the cells after the header (from line j); returns 0 or -1 on OOM. */
static int stream_body(const vb_layout *L, size_t j, size_t to, tb_rows *cells, size_t *last)
{
    for (; j < to; j++) {
        int r = stream_line(&L->lines[j], j, cells);
        if (r < 0)
            return -1;
        if (r > 0)
            break;
        if (!tb_blank(L->lines[j].text.s, L->lines[j].text.len))
            *last = j;
    }
    return 0;
}

static int criterion_col(const vb_row *hdr)
{
    for (size_t c = 0; c < hdr->ncells; c++)
        if (vb_colkey_of(tb_str(&hdr->cells[c]), NULL) == VB_COL_CRITERION)
            return (int)c;
    return -1;
}

static vb_status stream_table(const vb_layout *L, size_t i, size_t to, tb_rows *rows,
                              size_t *last, int *found)
{
    tb_rows cells = {0};
    vb_status st = VB_OK;
    size_t j = i;
    size_t h = stream_header(L, i, to, &cells, &j);
    vb_row hdr = {.cells = NULL};
    *found = 0;
    if (h == (size_t)-1 || (h >= 3 && stream_hdr(&cells, h, &hdr)))
        goto oom;
    if (h < 3 || tb_header_score(&hdr) < 3)
        goto done;
    *last = j - 1;
    vb_row *hr = tb_rows_push(rows, 0);
    if (!hr || stream_body(L, j, to, &cells, last))
        goto oom;
    *hr = hdr;
    hr->first_line = i;
    hr->last_line = j - 1;
    hr->page = L->lines[i].page;
    memset(&hdr, 0, sizeof hdr);
    if (stream_rows(&cells, h, h, criterion_col(hr), rows))
        goto oom;
    *found = 1;
    goto done;
oom:
    st = VB_ERR_NOMEM;
done:
    tb_row_free(&hdr);
    tb_rows_free(&cells);
    return st;
}

/* ---- driver ------------------------------------------------------------ */

/* A second header line under the first ("Thời gian" over "Bắt đầu" /
 * "Kết thúc"): short cells, no digits, no row markers, at least two of them. */
static int is_subheader(const vb_row *r)
{
    size_t filled = 0;
    tb_mark m;
    for (size_t c = 0; c < r->ncells; c++) {
        const vb_text *x = &r->cells[c];
        if (!x->len)
            continue;
        size_t words = 1;
        for (size_t k = 0; k < x->len; k++) {
            words += x->s[k] == ' ';
            if (x->s[k] >= '0' && x->s[k] <= '9')
                return 0;
        }
        if (words > 4 || tb_mark_read(x->s, x->len, &m) != TB_NONE)
            return 0;
        filled++;
    }
    return filled >= 2;
}

/* Merges sub-header row s into header h. Columns whose own header is empty
 * (spanned by the one on their left) are flagged in *inherit. */
static int merge_subheader(vb_row *h, vb_row *s, uint64_t *inherit)
{
    if (s->ncells > h->ncells && tb_row_resize(h, s->ncells))
        return -1;
    for (size_t c = 0; c < s->ncells; c++) {
        if (!s->cells[c].len)
            continue;
        if (!h->cells[c].len && c > 0 && c < 64)
            *inherit |= (uint64_t)1 << c;
        if (vb_text_append(&h->cells[c], &s->cells[c], " "))
            return -1;
    }
    return 0;
}

/* Reads a second header line right under the header at line i, if any.
 * Returns the line the body starts after (i or the sub-header's). */
static size_t subheader(const vb_layout *L, size_t i, size_t to, tb_rows *rows,
                        uint64_t *inherit, int *oom)
{
    size_t j = i + 1;
    if (j < to && tb_blank(L->lines[j].text.s, L->lines[j].text.len))
        j++;
    if (j >= to || !is_tab_row(&L->lines[j]) || tb_is_rule(L->lines[j].text.s, L->lines[j].text.len))
        return i;
    vb_row *s = split_row(rows, &L->lines[j], j, 0);
    if (!s) {
        *oom = 1;
        return i;
    }
    int sub = is_subheader(s) && tb_header_score(s) < 3;
    if (sub && merge_subheader(&rows->v[0], s, inherit))
        *oom = 1;
    tb_row_free(s);
    rows->n--;
    return sub ? j : i;
}

static vb_status try_tabs(const vb_layout *L, size_t i, size_t to, tb_rows *rows, size_t *last,
                          int *found, uint64_t *inherit)
{
    *found = 0;
    const vb_line *ln = &L->lines[i];
    if (!(ln->flags & VB_LINE_ROW) && count_tabs(&ln->text) < 2 && pipes(&ln->text) < 3)
        return VB_OK;
    size_t a = 0;
    while (a < ln->text.len && ln->text.s[a] == ' ')
        a++;
    vb_row *h = split_row(rows, ln, i, a);
    if (!h)
        return VB_ERR_NOMEM;
    /* no plan table has dozens of columns; refusing them bounds the row size */
    if (h->ncells > MAX_COLS || tb_header_score(h) < 3) {
        tb_rows_free(rows);
        return VB_OK;
    }
    *found = 1;
    int oom = 0;
    size_t body = subheader(L, i, to, rows, inherit, &oom);
    if (oom)
        return VB_ERR_NOMEM;
    rows->v[0].last_line = body;
    return tab_body(L, body, to, rows, last);
}

/* Sub-header columns spanned by the header on their left take its key
 * when their own words name none ("Thời gian" | "Kết thúc"). */
static void inherit_keys(vb_table *t, uint64_t inherit)
{
    for (size_t c = 1; c < t->rows[0].ncells && c < 64; c++)
        if ((inherit >> c & 1) && t->keys[c] == VB_COL_OTHER) {
            t->keys[c] = t->keys[c - 1];
            t->units[c] = t->units[c - 1];
        }
}

/* Tries each layout at line i. */
static vb_status try_at(const vb_layout *L, size_t i, size_t to, vb_table *t, size_t *next,
                        vb_error *err)
{
    tb_rows rows = {0};
    size_t last = i;
    int found = 0;
    uint64_t inherit = 0;
    vb_status st = try_tabs(L, i, to, &rows, &last, &found, &inherit);
    if (st == VB_OK && !found) {
        tb_rows_free(&rows);
        st = stream_table(L, i, to, &rows, &last, &found);
    }
    if (st != VB_OK) {
        tb_rows_free(&rows);
        return vb_error_set(err, st, "out of memory reading a table");
    }
    if (!found) {
        tb_rows_free(&rows);
        st = tb_parse_spaced(L, i, to, t, next, err);
        if (st != VB_OK || t->nrows)
            return st;
        return tb_parse_plain(L, i, to, t, next, err);
    }
    t->rows = rows.v;
    t->nrows = rows.n;
    t->has_header = 1;
    t->first_line = i;
    t->last_line = last;
    *next = last + 1;
    if (tb_header_keys(t))
        return vb_error_set(err, VB_ERR_NOMEM, "out of memory reading a table");
    inherit_keys(t, inherit);
    return tb_align(t, err);
}

int vb_layout_paged(const vb_layout *L)
{
    for (size_t i = 0; i < L->npages; i++)
        if (L->pages[i].path != VB_PAGE_TEXT)
            return 1;
    return L->npages > 1;
}

static void page_zero(const vb_layout *L, vb_table *t)
{
    if (vb_layout_paged(L))
        return;
    for (size_t r = 0; r < t->nrows; r++)
        t->rows[r].page = 0;
}

static vb_status push_table(vb_table **v, size_t *n, vb_table *t, vb_error *err)
{
    vb_table *p = realloc(*v, (*n + 1) * sizeof *p);
    if (!p) {
        vb_tables_free(t, 1);
        return vb_error_set(err, VB_ERR_NOMEM, "out of memory");
    }
    p[(*n)++] = *t;
    free(t);
    *v = p;
    return VB_OK;
}

vb_status vb_tables_parse(const vb_layout *L, size_t from, size_t to, unsigned char *used,
                          vb_table **tables, size_t *ntables, vb_error *err)
{
    *tables = NULL;
    *ntables = 0;
    if (to > L->nlines)
        to = L->nlines;
    for (size_t i = from; i < to;) {
        if (used && used[i]) {
            i++;
            continue;
        }
        vb_table *t = calloc(1, sizeof *t);
        size_t next = i + 1;
        vb_status st = t ? try_at(L, i, to, t, &next, err)
                         : vb_error_set(err, VB_ERR_NOMEM, "out of memory");
        if (st == VB_OK && t->nrows == 0) {
            vb_tables_free(t, 1);
            i++;
            continue;
        }
        if (st == VB_OK) {
            page_zero(L, t);
            for (size_t k = t->first_line; used && k <= t->last_line && k < L->nlines; k++)
                used[k] = 1;
            st = push_table(tables, ntables, t, err);
        } else {
            vb_tables_free(t, 1);
        }
        if (st != VB_OK) {
            vb_tables_free(*tables, *ntables);
            *tables = NULL;
            *ntables = 0;
            return st;
        }
        i = next > i ? next : i + 1;
    }
    return VB_OK;
}

void vb_tables_free(vb_table *t, size_t n)
{
    if (!t)
        return;
    for (size_t i = 0; i < n; i++) {
        for (size_t r = 0; r < t[i].nrows; r++)
            tb_row_free(&t[i].rows[r]);
        free(t[i].rows);
        free(t[i].keys);
        free(t[i].units);
    }
    free(t);
}
