/* table_plain.c — the task-list layout in hard-wrapped plain text (PDF →
 * text): a header line "TT  Nội dung công việc  Thời điểm thực hiện",
 * rows starting "1 …", "2 …" with their text wrapped over several lines,
 * and each row's time printed after its text. A row may list standards and
 * criteria of its own ("Tiêu chí 1.4: …" followed by its tasks); those
 * become VB_ROW_NESTED rows, and the times go to their tasks one by one
 * when the counts agree. */
#include "extract/table_int.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

typedef struct hkey {
    const char *w;
    vb_colkey k;
} hkey;

static const hkey header_words[] = {
    {"noi dung", VB_COL_TASKS},       {"cong viec", VB_COL_TASKS},
    {"hoat dong", VB_COL_TASKS},      {"thoi diem", VB_COL_TIMELINE},
    {"thoi gian", VB_COL_TIMELINE},   {"tien do", VB_COL_TIMELINE},
    {"nguoi thuc hien", VB_COL_LEAD}, {"phu trach", VB_COL_LEAD},
    {"chu tri", VB_COL_LEAD},         {"ket qua", VB_COL_TARGET},
    {"tieu chi", VB_COL_CRITERION},   {"kinh phi", VB_COL_BUDGET},
    {"ghi chu", VB_COL_NOTES},        {"dieu kien", VB_COL_CONDITIONS},
    {"giai phap", VB_COL_SOLUTIONS},
};

/* Offset of the row text when line t starts row number want ("3 Tiếp …"). */
static size_t row_start(const vb_text *t, int want)
{
    size_t i = 0;
    while (i < t->len && t->s[i] == ' ')
        i++;
    int v = 0;
    size_t d = i;
    while (d < t->len && isdigit((unsigned char)t->s[d]) && d - i < 3)
        v = v * 10 + (t->s[d++] - '0');
    if (d == i || v != want)
        return 0;
    if (d < t->len && (t->s[d] == '.' || t->s[d] == ')'))
        d++;
    if (d >= t->len || t->s[d] != ' ')
        return 0;
    while (d < t->len && t->s[d] == ' ')
        d++;
    return d < t->len ? d : 0;
}

/* Column starts in a folded header: fills pos/key sorted, returns count. */
static size_t header_cols(const char *f, size_t *pos, int *key, size_t cap)
{
    size_t n = 0, i = 0;
    while (f[i] == ' ')
        i++;
    if (strncmp(f + i, "stt ", 4) == 0 || strncmp(f + i, "tt ", 3) == 0) {
        pos[n] = i;
        key[n++] = VB_COL_ORDINAL;
    }
    for (size_t k = 0; k < sizeof header_words / sizeof header_words[0] && n < cap; k++) {
        const char *p = strstr(f, header_words[k].w);
        int dup = 0;
        for (size_t j = 0; j < n; j++)
            dup |= key[j] == (int)header_words[k].k;
        if (!p || dup)
            continue;
        size_t at = n;
        while (at > 0 && pos[at - 1] > (size_t)(p - f)) {
            pos[at] = pos[at - 1];
            key[at] = key[at - 1];
            at--;
        }
        pos[at] = (size_t)(p - f);
        key[at] = (int)header_words[k].k;
        n++;
    }
    return n;
}

static size_t next_text(const vb_layout *L, size_t j, size_t to)
{
    while (j < to && tb_blank(L->lines[j].text.s, L->lines[j].text.len))
        j++;
    return j;
}

/* The header: line i plus short lower-case continuation lines. */
static int read_header(const vb_layout *L, size_t i, size_t to, vb_text *h, size_t *end)
{
    const vb_text *t = &L->lines[i].text;
    size_t a = 0;
    while (a < t->len && t->s[a] == ' ')
        a++;
    /* cheap test first: the line must start with "TT " or "STT " */
    if (a + 3 < t->len && (t->s[a] == 'S' || t->s[a] == 's'))
        a++;
    if (a + 3 >= t->len || strncasecmp(t->s + a, "tt ", 3) != 0)
        return 0;
    if (t->len > 160 || memchr(t->s, '\t', t->len))
        return 0;
    if (tb_cell_add(h, t, 0, t->len, NULL))
        return -1;
    size_t j = next_text(L, i + 1, to);
    while (j < to && j < i + 6) {
        const vb_text *x = &L->lines[j].text;
        if (row_start(x, 1) || x->len > 30 || !tb_starts_lower(x->s))
            break;
        if (tb_cell_add(h, x, 0, x->len, " "))
            return -1;
        i = j;
        j = next_text(L, j + 1, to);
    }
    *end = i;
    return 1;
}

/* Builds the header row from the printed header text. */
static int header_row(tb_rows *rows, const vb_text *h, const size_t *pos, const size_t *off,
                      size_t n, size_t flen)
{
    vb_row *r = tb_rows_push(rows, n);
    if (!r)
        return -1;
    for (size_t c = 0; c < n; c++) {
        size_t a = off[pos[c]], b = off[c + 1 < n ? pos[c + 1] : flen];
        if (tb_cell_add(&r->cells[c], h, a, b, NULL))
            return -1;
    }
    return 0;
}

typedef struct prow {
    const vb_table *t;
    tb_rows *rows;
    size_t H;                  /* columns */
    int ord, text, time, lead;
    size_t top;                /* index of the row being read */
    size_t cur;                /* row receiving text (top or a nested one) */
    int in_title, timing, leading;
    vb_text times;             /* this row's times, '\n' between */
} prow;

static int col(const vb_table *t, vb_colkey k)
{
    for (size_t c = 0; c < t->rows[0].ncells; c++)
        if (t->keys[c] == (int)k)
            return (int)c;
    return -1;
}

static int new_row(prow *p, const vb_line *ln, size_t j, unsigned flags)
{
    vb_row *r = tb_rows_push(p->rows, p->H);
    if (!r)
        return -1;
    r->first_line = r->last_line = j;
    r->page = ln->page;
    r->flags = flags;
    p->cur = p->rows->n - 1;
    return 0;
}

static size_t words(const char *s, size_t n)
{
    size_t w = 0;
    for (size_t i = 0; i < n; i++)
        w += s[i] != ' ' && (i == 0 || s[i - 1] == ' ');
    return w;
}

/* With a lead column ("Người thực hiện"), the names printed after a row's
 * finished text: a short line after a closed one, or its continuation. */
static int lead_line(const prow *p, const vb_text *cell, const char *s, size_t n)
{
    tb_mark m;
    if (p->lead < 0 || p->in_title || tb_timelike(s) || tb_mark_read(s, n, &m) != TB_NONE)
        return 0;
    if (p->leading)
        return 1;
    return cell->len && tb_ends_closed(cell->s, cell->len) && tb_starts_new(s) &&
           words(s, n) <= 6 && !tb_ends_closed(s, n);
}

/* One text line inside a row. */
static int row_line(prow *p, const vb_line *ln, size_t j, size_t from)
{
    const vb_text *t = &ln->text;
    vb_row *r = &p->rows->v[p->cur];
    vb_text *cell = &r->cells[p->text];
    const char *s = t->s + from;
    tb_mark m;
    if (p->timing) {
        int go_on = tb_starts_lower(s) && p->times.len;
        return tb_cell_add(&p->times, t, from, t->len, go_on ? " " : "\n");
    }
    if (p->time >= 0 && tb_timelike(s) && (!isdigit((unsigned char)*s) ||
                                            tb_ends_closed(cell->s, cell->len))) {
        p->timing = 1;
        return tb_cell_add(&p->times, t, from, t->len, "\n");
    }
    if (lead_line(p, cell, s, t->len - from)) {       /* who does it, printed after */
        p->leading = 1;
        r->last_line = j;
        return tb_cell_add(&r->cells[p->lead], t, from, t->len, " ");
    }
    if (tb_mark_read(s, t->len - from, &m) == TB_STANDARD || m.kind == TB_CRITERION) {
        if (new_row(p, ln, j, VB_ROW_NESTED))
            return -1;
        p->in_title = 1;
        return tb_cell_add(&p->rows->v[p->cur].cells[p->text], t, from, t->len, NULL);
    }
    r->last_line = j;
    const char *sep = " ";
    if (p->in_title && !tb_starts_lower(s))
        sep = "\n", p->in_title = 0;
    else if (!p->in_title && tb_ends_closed(cell->s, cell->len) && tb_starts_new(s))
        sep = "\n";
    return tb_cell_add(cell, t, from, t->len, sep);
}

static size_t paragraphs(const vb_text *t)
{
    size_t n = t->len ? 1 : 0;
    for (size_t i = 0; i < t->len; i++)
        n += t->s[i] == '\n';
    return n;
}

/* Gives the row's times to its nested criteria task by task when the
 * counts agree, else to the row itself. */
static int place_times(prow *p)
{
    size_t want = 0;
    tb_mark m;
    for (size_t r = p->top + 1; r < p->rows->n; r++) {
        const vb_text *c = &p->rows->v[r].cells[p->text];
        if (tb_mark_read(c->s, c->len, &m) == TB_CRITERION)
            want += paragraphs(c) - 1;
    }
    int spread = want > 0 && want == paragraphs(&p->times);
    vb_text piece;
    vb_text_init(&piece);
    size_t at = 0;
    for (size_t r = p->top + 1; spread && r < p->rows->n; r++) {
        const vb_text *c = &p->rows->v[r].cells[p->text];
        if (tb_mark_read(c->s, c->len, &m) != TB_CRITERION)
            continue;
        for (size_t k = paragraphs(c) - 1; k > 0; k--) {
            size_t e = at;
            while (e < p->times.len && p->times.s[e] != '\n')
                e++;
            vb_text_clear(&piece);
            if (vb_text_append_range(&piece, &p->times, at, e) ||
                vb_text_append(&p->rows->v[r].cells[p->time], &piece, "\n")) {
                vb_text_free(&piece);
                return -1;
            }
            at = e + 1;
        }
    }
    vb_text_free(&piece);
    if (!spread && vb_text_copy(&p->rows->v[p->top].cells[p->time], &p->times))
        return -1;
    vb_text_clear(&p->times);
    return 0;
}

static int end_of_table(const vb_text *t)
{
    return tb_is_heading(t->s, t->len);
}

/* Reads the rows after the header; returns the last line used. */
static int read_rows(prow *p, const vb_layout *L, size_t j, size_t to, size_t *last)
{
    int want = 1;
    for (j = next_text(L, j, to); j < to; j = next_text(L, j + 1, to)) {
        const vb_line *ln = &L->lines[j];
        size_t from = row_start(&ln->text, want);
        if (from) {
            if (want > 1 && place_times(p))
                return -1;
            if (new_row(p, ln, j, 0) ||
                vb_text_catf(&p->rows->v[p->cur].cells[p->ord], "%d", want))
                return -1;
            p->top = p->cur;
            p->in_title = p->timing = p->leading = 0;
            want++;
        } else if (want == 1 || end_of_table(&ln->text)) {
            break;
        } else {
            while (from < ln->text.len && ln->text.s[from] == ' ')
                from++;
        }
        if (row_line(p, ln, j, from))
            return -1;
        *last = j;
    }
    return want > 1 && place_times(p) ? -1 : 0;
}

static vb_status plain_body(const vb_layout *L, size_t hend, size_t to, vb_table *t,
                            tb_rows *rows, size_t *last)
{
    prow p = {.t = t, .rows = rows, .H = t->rows[0].ncells};
    p.ord = col(t, VB_COL_ORDINAL);
    p.time = col(t, VB_COL_TIMELINE);
    p.lead = col(t, VB_COL_LEAD);
    p.text = col(t, VB_COL_TASKS);
    if (p.text < 0)
        p.text = p.ord == 0 && t->rows[0].ncells > 1 ? 1 : 0;
    vb_text_init(&p.times);
    int rc = p.ord < 0 ? 0 : read_rows(&p, L, hend + 1, to, last);
    vb_text_free(&p.times);
    return rc ? VB_ERR_NOMEM : VB_OK;
}

vb_status tb_parse_plain(const vb_layout *L, size_t i, size_t to, vb_table *t, size_t *next,
                         vb_error *err)
{
    vb_text h;
    vb_text_init(&h);
    tb_rows rows = {0};
    size_t hend = i, flen = 0, *off = NULL, pos[12], last = i;
    int key[12];
    char *f = NULL;
    int bad = 0;
    int r = read_header(L, i, to, &h, &hend);
    size_t first = r > 0 ? next_text(L, hend + 1, to) : to;
    if (r > 0 && first < to && (f = vb_fold_copy(h.s, h.len, &flen, &off)) == NULL)
        bad = 1;
    size_t n = f ? header_cols(f, pos, key, 12) : 0;
    if (!bad && n >= 3 && key[0] == VB_COL_ORDINAL && row_start(&L->lines[first].text, 1)) {
        bad = header_row(&rows, &h, pos, off, n, flen) != 0;
        t->rows = rows.v;                  /* t owns the rows from here on */
        t->nrows = rows.n;
        if (!bad && rows.n) {
            rows.v[0].first_line = i;
            rows.v[0].last_line = hend;
            bad = tb_header_keys(t) || plain_body(L, hend, to, t, &rows, &last) != VB_OK;
            t->rows = rows.v;
            t->nrows = rows.n;
            t->has_header = 1;
            t->first_line = i;
            t->last_line = last;
            *next = last + 1;
        }
    }
    vb_text_free(&h);
    free(f);
    free(off);
    if (r < 0 || bad)
        return vb_error_set(err, VB_ERR_NOMEM, "out of memory reading a task list");
    return VB_OK;
}
