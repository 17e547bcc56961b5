/* geometry.c — a page's positioned words → layout lines in reading order.
 * Words are grouped into their source lines (split at wide gaps), ruled
 * tables become rows of '\t'-joined cells, side-by-side blocks (the header's
 * authority | nation columns, the signature block) are read column by column.
 * The document pass drops running headers/footers and joins tables that
 * continue on the next page. */
#include "ingest/geometry.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

enum { IT_LINE, IT_TABLE, IT_UCELL };

typedef struct item {
    int kind;
    vb_box box;
    size_t first, count; /* IT_LINE, IT_UCELL: range in the sorted word index */
    int grid;            /* IT_TABLE */
    int band, col, ncols; /* IT_UCELL: a cell of an unruled table */
} item;

typedef struct wref {
    size_t w;
    int key1, key2; /* sort keys */
} wref;

int vb_gpage_add_word(vb_gpage *p, const char *s, size_t n, vb_box box, float conf, int line)
{
    if (p->nwords == p->wcap) {
        size_t c = p->wcap ? p->wcap * 2 : 256;
        vb_gword *w = realloc(p->words, c * sizeof *w);
        if (!w)
            return -1;
        p->words = w;
        p->wcap = c;
    }
    char *t = malloc(n + 1);
    if (!t)
        return -1;
    memcpy(t, s, n);
    t[n] = 0;
    p->words[p->nwords++] = (vb_gword){t, box, conf, line};
    return 0;
}

void vb_grid_free(vb_grid *g)
{
    if (!g)
        return;
    free(g->ys);
    free(g->xs);
    free(g->owner);
    memset(g, 0, sizeof *g);
}

void vb_gpage_clear(vb_gpage *p)
{
    for (size_t i = 0; i < p->nwords; i++)
        free(p->words[i].text);
    free(p->words);
    for (size_t i = 0; i < p->ngrids; i++)
        vb_grid_free(&p->grids[i]);
    free(p->grids);
    vb_layout_free(p->out);
    p->words = NULL;
    p->grids = NULL;
    p->out = NULL;
    p->nwords = p->wcap = p->ngrids = 0;
}

static int cmp_wref(const void *a, const void *b)
{
    const wref *x = a, *y = b;
    if (x->key1 != y->key1)
        return x->key1 < y->key1 ? -1 : 1;
    if (x->key2 != y->key2)
        return x->key2 < y->key2 ? -1 : 1;
    return x->w < y->w ? -1 : x->w > y->w;
}

static void box_add(vb_box *b, vb_box a)
{
    if (b->x0 < 0) {
        *b = a;
        return;
    }
    if (a.x0 < b->x0) b->x0 = a.x0;
    if (a.y0 < b->y0) b->y0 = a.y0;
    if (a.x1 > b->x1) b->x1 = a.x1;
    if (a.y1 > b->y1) b->y1 = a.y1;
}

static int in_box(vb_box b, int x, int y)
{
    return x >= b.x0 && x < b.x1 && y >= b.y0 && y < b.y1;
}

/* The grid a word's centre falls in, or -1. */
static int word_grid(const vb_gpage *p, const vb_gword *w)
{
    int cx = (w->box.x0 + w->box.x1) / 2, cy = (w->box.y0 + w->box.y1) / 2;
    for (size_t g = 0; g < p->ngrids; g++)
        if (in_box(p->grids[g].box, cx, cy))
            return (int)g;
    return -1;
}

/* A gap between two words of a source line wide enough to be a gutter. */
typedef struct gap {
    int x0, x1, y, h;
    int line;
    size_t at;   /* index in order of the word after the gap */
} gap;

/* Gap sizes in heights of the taller word: wider than HARD always splits a
 * source line (two columns merged). A gap wider than SOFT heights and WIDER
 * times the line's word space is a gutter candidate: it splits the line
 * when candidates of at least two other lines nearby (within NEAR heights)
 * overlap it in x and the strip they share stays clear of words between
 * them — the gutter of a table whose columns sit closer than HARD. Word
 * spaces are alike along a line, even justified or in a monospaced font,
 * whose spaces line up down the page but are crossed by the lines between. */
#define GAP_HARD 2.5
#define GAP_SOFT 0.6
#define GAP_WIDER 2
#define GAP_NEAR 8
#define GAP_LOOK 64

static int cmp_gap_y(const void *a, const void *b)
{
    const gap *x = a, *y = b;
    if (x->y != y->y)
        return x->y < y->y ? -1 : 1;
    return (x->at > y->at) - (x->at < y->at);
}

static int cmp_int(const void *a, const void *b)
{
    int x = *(const int *)a, y = *(const int *)b;
    return (x > y) - (x < y);
}

/* The gap between order[j - 1] and order[j] (same source line), in pixels. */
static int gap_width(const vb_gpage *p, const wref *order, size_t j)
{
    return p->words[order[j].w].box.x0 - p->words[order[j - 1].w].box.x1;
}

/* The word space of a run of gaps: the lower quartile of the positive
 * widths ws[0..n) (gutters among them are wider), sorted in place; 0 when
 * there are none. */
static int word_space(int *ws, size_t n)
{
    size_t k = 0;
    for (size_t i = 0; i < n; i++)
        if (ws[i] > 0)
            ws[k++] = ws[i];
    if (k == 0)
        return 0;
    qsort(ws, k, sizeof *ws, cmp_int);
    return ws[(k - 1) / 4];
}

/* space[j] = the word space of order[j]'s source line: its own when it has
 * two gaps or more, else the page's (one gap cannot be compared). */
static int line_spaces(const vb_gpage *p, const wref *order, size_t n, int *space)
{
    int *ws = malloc((n + 1) * sizeof *ws);
    if (!ws)
        return -1;
    size_t m = 0;
    for (size_t j = 1; j < n; j++)
        if (order[j].key1 == order[j - 1].key1)
            ws[m++] = gap_width(p, order, j);
    int page = word_space(ws, m);
    for (size_t i = 0; i < n;) {
        size_t e = i + 1;
        m = 0;
        for (; e < n && order[e].key1 == order[i].key1; e++)
            ws[m++] = gap_width(p, order, e);
        int own = m >= 2 ? word_space(ws, m) : 0;
        for (; i < e; i++)
            space[i] = own > 0 ? own : page;
    }
    free(ws);
    return 0;
}

static int cmp_wref_y(const void *a, const void *b)
{
    const wref *x = a, *y = b;
    return (x->key1 > y->key1) - (x->key1 < y->key1);
}

/* Does no word of byy[0..n) (sorted by centre y in key1) with its centre
 * strictly between y0 and y1 reach into the strip [x0, x1)? */
static int strip_clear(const vb_gpage *p, const wref *byy, size_t n, int x0, int x1, int y0,
                       int y1)
{
    size_t lo = 0, hi = n;
    while (lo < hi) { /* first centre > y0 */
        size_t mid = (lo + hi) / 2;
        if (byy[mid].key1 <= y0)
            lo = mid + 1;
        else
            hi = mid;
    }
    for (size_t i = lo; i < n && byy[i].key1 < y1; i++) {
        const vb_box *b = &p->words[byy[i].w].box;
        if (b->x0 < x1 && b->x1 > x0)
            return 0;
    }
    return 1;
}

/* Does gap b back gap a as the same gutter: another source line, near in
 * y, overlapping in x, the strip they share clear of words between them? */
static int gap_supports(const vb_gpage *p, const wref *byy, size_t n, const gap *a,
                        const gap *b)
{
    if (b->line == a->line || b->x0 >= a->x1 || b->x1 <= a->x0 ||
        abs(b->y - a->y) > GAP_NEAR * a->h)
        return 0;
    int x0 = a->x0 > b->x0 ? a->x0 : b->x0, x1 = a->x1 < b->x1 ? a->x1 : b->x1;
    return strip_clear(p, byy, n, x0, x1, a->y < b->y ? a->y : b->y, a->y < b->y ? b->y : a->y);
}

/* split[j] = 1 when a line item must start at order[j]: at a gutter, or,
 * in a text layer, where the next word leaves the line by a third of a
 * height (a line running over vertically centred cells; OCR word boxes hug
 * the ink, so their centres move with ascenders and descenders). */
static int mark_splits(const vb_gpage *p, const wref *order, size_t n, char *split)
{
    gap *g = malloc((n + 1) * sizeof *g);
    char *hard = calloc(n + 1, 1);
    int *space = malloc((n + 1) * sizeof *space);
    wref *byy = malloc((n + 1) * sizeof *byy);
    size_t ng = 0;
    int rc = -1;
    if (!g || !hard || !space || !byy || line_spaces(p, order, n, space))
        goto done;
    for (size_t j = 0; j < n; j++) {
        const vb_box *b = &p->words[order[j].w].box;
        byy[j] = (wref){order[j].w, (b->y0 + b->y1) / 2, 0};
    }
    qsort(byy, n, sizeof *byy, cmp_wref_y);
    for (size_t j = 1; j < n; j++) {
        if (order[j].key1 != order[j - 1].key1)
            continue;
        const vb_box *pb = &p->words[order[j - 1].w].box, *cb = &p->words[order[j].w].box;
        int h = pb->y1 - pb->y0 > cb->y1 - cb->y0 ? pb->y1 - pb->y0 : cb->y1 - cb->y0;
        int w = cb->x0 - pb->x1;
        int dy = abs((cb->y0 + cb->y1) / 2 - (pb->y0 + pb->y1) / 2);
        int layer = p->words[order[j].w].conf < 0; /* font boxes: one line, one height */
        if (layer && h > 0 && w > 0 && dy * 3 > h) { /* off the line: cells side by side */
            split[j] = 1;
            continue;
        }
        hard[j] = h > 0 && w > GAP_HARD * h;
        if (!hard[j] && (h <= 0 || w <= GAP_SOFT * h || w < GAP_WIDER * space[j]))
            continue;
        g[ng++] = (gap){pb->x1, cb->x0, (cb->y0 + cb->y1) / 2, h, order[j].key1, j};
    }
    qsort(g, ng, sizeof *g, cmp_gap_y);
    for (size_t a = 0; a < ng; a++) {
        int support = 0;
        /* neighbours in y order, at most GAP_LOOK each way (bounded work) */
        for (size_t b = a > GAP_LOOK ? a - GAP_LOOK : 0;
             b < ng && b <= a + GAP_LOOK && support < 2 && !hard[g[a].at]; b++)
            support += gap_supports(p, byy, n, &g[a], &g[b]);
        split[g[a].at] = hard[g[a].at] || support >= 2;
    }
    rc = 0;
done:
    free(g);
    free(hard);
    free(space);
    free(byy);
    return rc;
}

/* Line items: non-table words grouped by source line, sorted by x, split at
 * gutters (mark_splits). */
static int build_lines(const vb_gpage *p, const int *gridof, wref *order, size_t *nord,
                       item **items, size_t *nitems, size_t *cap)
{
    size_t n = 0;
    for (size_t i = 0; i < p->nwords; i++)
        if (gridof[i] < 0)
            order[n++] = (wref){i, p->words[i].line, p->words[i].box.x0};
    qsort(order, n, sizeof *order, cmp_wref);
    *nord = n;
    char *split = calloc(n + 1, 1);
    if (!split || mark_splits(p, order, n, split)) {
        free(split);
        return -1;
    }
    for (size_t i = 0; i < n;) {
        size_t j = i + 1;
        vb_box b = p->words[order[i].w].box;
        while (j < n && order[j].key1 == order[i].key1 && !split[j])
            box_add(&b, p->words[order[j++].w].box);
        if (*nitems == *cap) {
            size_t c = *cap ? *cap * 2 : 64;
            item *t = realloc(*items, c * sizeof *t);
            if (!t) {
                free(split);
                return -1;
            }
            *items = t;
            *cap = c;
        }
        (*items)[(*nitems)++] = (item){IT_LINE, b, i, j - i, -1, 0, 0, 0};
        i = j;
    }
    free(split);
    return 0;
}

static int cmp_item_y(const void *a, const void *b)
{
    const item *x = a, *y = b;
    if (x->box.y0 != y->box.y0)
        return x->box.y0 < y->box.y0 ? -1 : 1;
    return (x->box.x0 > y->box.x0) - (x->box.x0 < y->box.x0);
}

static int cmp_item_x(const void *a, const void *b)
{
    const item *x = a, *y = b;
    return (x->box.x0 > y->box.x0) - (x->box.x0 < y->box.x0);
}

/* Do a and b stand on one baseline (within a quarter of the taller)? */
static int same_baseline(const item *a, const item *b)
{
    int h = a->box.y1 - a->box.y0 > b->box.y1 - b->box.y0 ? a->box.y1 - a->box.y0
                                                            : b->box.y1 - b->box.y0;
    return abs(a->box.y1 - b->box.y1) * 4 < h;
}

/* Reading order of a band that is one column: pieces of one line left to
 * right, lines top to bottom — lines set close (tall diacritics, a
 * residual skew) overlap and fall into one band. Insertion sort: bands are
 * short and the order is not a total one. */
static void order_stack(item *it, size_t n)
{
    for (size_t i = 1; i < n; i++) {
        item t = it[i];
        size_t j = i;
        for (; j > 0; j--) {
            const item *p = &it[j - 1];
            int before = same_baseline(&t, p) ? t.box.x0 < p->box.x0
                                              : t.box.y0 + t.box.y1 < p->box.y0 + p->box.y1;
            if (!before)
                break;
            it[j] = it[j - 1];
        }
        it[j] = t;
    }
}

/* Length of the band of items starting at i: items that overlap vertically. */
static size_t band_len(const item *it, size_t n, size_t i)
{
    int bottom = it[i].box.y1;
    size_t j = i + 1;
    for (; j < n; j++) {
        int h = it[j].box.y1 - it[j].box.y0;
        if (it[j].box.y0 >= bottom - h / 5)
            break;
        if (it[j].box.y1 > bottom)
            bottom = it[j].box.y1;
    }
    return j - i;
}

#define MAXCOLS 16

/* Column spans of a band: x ranges of its items merged where they overlap.
 * Returns the number of spans (1 = not side by side). */
static int band_columns(const item *it, size_t n, int *cx0, int *cx1)
{
    item tmp[256];
    if (n > 256)
        return 1;
    memcpy(tmp, it, n * sizeof *tmp);
    qsort(tmp, n, sizeof *tmp, cmp_item_x);
    int k = 0;
    for (size_t i = 0; i < n; i++) {
        const vb_box *b = &tmp[i].box, *a = i ? &tmp[i - 1].box : b;
        int h = b->y1 - b->y0 > a->y1 - a->y0 ? b->y1 - b->y0 : a->y1 - a->y0;
        /* a word closer than a gutter (GAP_SOFT) on the same baseline
         * continues the text before it, it opens no column */
        int near = i && b->x0 - a->x1 <= GAP_SOFT * h && abs(b->y1 - a->y1) * 4 < h;
        if (k > 0 && (b->x0 < cx1[k - 1] || near)) {
            if (tmp[i].box.x1 > cx1[k - 1])
                cx1[k - 1] = tmp[i].box.x1;
            continue;
        }
        if (k == MAXCOLS)
            return 1;
        cx0[k] = tmp[i].box.x0;
        cx1[k] = tmp[i].box.x1;
        k++;
    }
    return k;
}

/* The column span an item overlaps, or -1 when it overlaps none or several. */
static int column_of(const item *t, const int *cx0, const int *cx1, int k)
{
    int col = -1;
    for (int c = 0; c < k; c++)
        if (t->box.x0 < cx1[c] && t->box.x1 > cx0[c]) {
            if (col >= 0)
                return -1;
            col = c;
        }
    return col;
}

/* Does a lone item continue column c: aligned left or centred with it? */
static int fits_column(const item *t, int x0, int x1, int tol)
{
    int mid = (t->box.x0 + t->box.x1) / 2, cmid = (x0 + x1) / 2;
    return t->box.x0 >= x0 - tol || abs(mid - cmid) <= tol;
}

/* Does t stand clear of every column span, by half its height at least
 * (a gutter), in a region of three or more columns (a table)? */
static int between_columns(const item *t, const int *cx0, const int *cx1, int k)
{
    int m = (t->box.y1 - t->box.y0) / 2;
    for (int c = 0; c < k; c++)
        if (t->box.x0 < cx1[c] + m && t->box.x1 > cx0[c] - m)
            return 0;
    return k >= 3;
}

/* The column t overlaps most (the nearest when none), for k >= 1. */
static int best_column(const item *t, const int *cx0, const int *cx1, int k)
{
    int best = 0;
    long score = -2147483647L;
    for (int c = 0; c < k; c++) {
        long lo = t->box.x0 > cx0[c] ? t->box.x0 : cx0[c];
        long hi = t->box.x1 < cx1[c] ? t->box.x1 : cx1[c];
        if (hi - lo > score) { /* negative: the distance to it */
            score = hi - lo;
            best = c;
        }
    }
    return best;
}

/* A new column span [x0, x1) in sorted place; 0 when there is no room. */
static int add_column(int *cx0, int *cx1, int *k, int x0, int x1)
{
    if (*k == MAXCOLS)
        return 0;
    int c = *k;
    for (; c > 0 && cx0[c - 1] > x0; c--) {
        cx0[c] = cx0[c - 1];
        cx1[c] = cx1[c - 1];
    }
    cx0[c] = x0;
    cx1[c] = x1;
    (*k)++;
    return 1;
}

/* Can band [j, j+nl) extend a side-by-side region with columns cx0/cx1?
 * Each item must keep to one column (a lone item aligned left or centred
 * with it); in a band of several items, one standing between the columns
 * opens a new column (a column that was empty in the rows so far). */
static int band_fits(item *it, size_t j, size_t nl, int *cx0, int *cx1, int *k, int tol)
{
    for (size_t m = j; m < j + nl; m++) {
        if (it[m].kind != IT_LINE)
            return 0;
        int c = column_of(&it[m], cx0, cx1, *k);
        if (c < 0 && !(nl > 1 && between_columns(&it[m], cx0, cx1, *k)))
            return 0;
        if (c >= 0 && nl == 1 && !fits_column(&it[m], cx0[c], cx1[c], tol))
            return 0;
    }
    for (size_t m = j; m < j + nl; m++)
        if (between_columns(&it[m], cx0, cx1, *k) &&
            !add_column(cx0, cx1, k, it[m].box.x0, it[m].box.x1))
            return 0;
    for (size_t m = j; m < j + nl; m++) {
        int c = best_column(&it[m], cx0, cx1, *k);
        if (it[m].box.x0 < cx0[c]) cx0[c] = it[m].box.x0;
        if (it[m].box.x1 > cx1[c]) cx1[c] = it[m].box.x1;
    }
    return 1;
}

/* Rows of an unruled table, its bands it[i..end) (in y order) numbered 0,
 * 1, ... in it[].band. Within a column, lines follow each other at two
 * distances: the line pitch of a wrapped cell, and the wider one between
 * rows. A band continues the row above when every item in it comes at the
 * line pitch below the last line of its column in that row, and it leaves
 * some column of the row's first band empty. A table whose column steps are
 * all alike (no wrapped cells) has one band per row. Renumbers it[].band. */
static void join_wrapped(item *it, size_t i, size_t end)
{
    int last[MAXCOLS], dmin = 0, dmax = 0;
    for (int c = 0; c < MAXCOLS; c++)
        last[c] = -1;
    for (size_t j = i; j < end; j++) {
        int c = it[j].col, d = it[j].box.y0 - last[c];
        if (last[c] >= 0 && d > 0) {
            dmin = dmin == 0 || d < dmin ? d : dmin;
            dmax = d > dmax ? d : dmax;
        }
        last[c] = it[j].box.y0;
    }
    int step = dmin * 5 < dmax * 4 ? dmin + dmin / 7 : 0; /* 0: never continue */
    unsigned first = 0;
    int row = -1;
    for (size_t j = i; j < end;) {
        size_t e = j;
        unsigned mask = 0;
        int cont = row >= 0;
        for (; e < end && it[e].band == it[j].band; e++) {
            int c = it[e].col;
            mask |= 1u << c;
            cont = cont && last[c] >= 0 && it[e].box.y0 - last[c] <= step;
        }
        if (!cont || (first & ~mask) == 0) {
            row++;
            first = mask;
            for (int c = 0; c < MAXCOLS; c++)
                last[c] = -1;
        }
        for (; j < e; j++) {
            it[j].band = row;
            last[it[j].col] = it[j].box.y0;
        }
    }
}

static int cmp_item_col(const void *a, const void *b)
{
    const item *x = a, *y = b;
    if (x->band != y->band)
        return x->band < y->band ? -1 : 1;
    if (x->col != y->col)
        return x->col < y->col ? -1 : 1;
    return cmp_item_y(a, b);
}

/* Reorders it[i..) in place: a side-by-side region is read column by column.
 * Returns how many items the region (or the plain band) covers. */
static size_t order_region(item *it, size_t n, size_t i)
{
    size_t bl = band_len(it, n, i);
    int cx0[MAXCOLS], cx1[MAXCOLS];
    int k = band_columns(it + i, bl, cx0, cx1);
    if (bl == 1 && i + 1 < n) { /* the first line of a cell taller than its row? */
        size_t nl = band_len(it, n, i + 1);
        int h = it[i].box.y1 - it[i].box.y0;
        int k2 = band_columns(it + i + 1, nl, cx0, cx1);
        if (k2 >= 3 && it[i + 1].box.y0 - it[i].box.y1 < h / 2 &&
            column_of(&it[i], cx0, cx1, k2) >= 0) {
            bl += nl;
            k = band_columns(it + i, bl, cx0, cx1);
        }
    }
    if (k < 2) {
        order_stack(it + i, bl);
        return bl;
    }
    size_t end = i + bl, multi = 1, band = 0;
    int lineh = it[i].box.y1 - it[i].box.y0;
    for (size_t j = i; j < end; j++)
        it[j].band = 0;
    while (end < n) { /* extend while the next band keeps to the columns */
        size_t nl = band_len(it, n, end);
        int bottom = 0;
        for (size_t j = i; j < end; j++)
            if (it[j].box.y1 > bottom)
                bottom = it[j].box.y1;
        /* rows of a table (three columns) stand further apart than lines,
         * the more so measured in OCR boxes, which hug the ink */
        if (it[end].box.y0 - bottom >= (k >= 3 ? 3 : 2) * lineh ||
            !band_fits(it, end, nl, cx0, cx1, &k, lineh / 2))
            break;
        multi += nl > 1;
        band++;
        for (size_t j = end; j < end + nl; j++)
            it[j].band = (int)band;
        end += nl;
    }
    /* three or more aligned columns over two or more rows: an unruled
     * table, read row by row; two columns (header, signature): by column */
    int table = k >= 3 && multi >= 2;
    for (size_t j = i; j < end; j++) {
        it[j].col = best_column(&it[j], cx0, cx1, k);
        it[j].ncols = k;
        if (table)
            it[j].kind = IT_UCELL;
        else
            it[j].band = 0;
    }
    if (table)
        join_wrapped(it, i, end);
    qsort(it + i, end - i, sizeof *it, cmp_item_col);
    return end - i;
}

/* Appends a line of text b to out whose words ws[0..nw) of p stand at
 * offsets offs[]: each word's box goes on the text, the line's box and mean
 * confidence come from them. NULL on out of memory. */
static vb_line *emit_line(vb_layout *out, const vb_gpage *p, const wref *ws, size_t nw,
                          const vb_buf *b, const size_t *offs)
{
    vb_line *ln = vb_layout_add_line(out, b->s ? b->s : "", b->len, p->info.number);
    if (!ln)
        return NULL;
    vb_box box = {-1, -1, -1, -1};
    double conf = 0;
    int nconf = 0;
    for (size_t i = 0; i < nw; i++) {
        const vb_gword *w = &p->words[ws[i].w];
        size_t len = strlen(w->text);
        if (len && vb_text_add_word(&ln->text, offs[i], len, p->info.number, w->box, w->conf))
            return NULL;
        box_add(&box, w->box);
        if (w->conf >= 0)
            conf += w->conf, nconf++;
    }
    ln->box = box;
    ln->conf = nconf ? (float)(conf / nconf) : -1.0f;
    return ln;
}

/* Appends the words [ws, ws+nw) joined by spaces to a line of out. */
static vb_line *emit_words(vb_layout *out, const vb_gpage *p, const wref *ws, size_t nw)
{
    vb_buf b;
    vb_buf_init(&b);
    size_t *offs = malloc((nw + 1) * sizeof *offs);
    int rc = offs ? 0 : -1;
    for (size_t i = 0; i < nw && rc == 0; i++) {
        if (i)
            rc = vb_buf_cat(&b, " ", 1);
        offs[i] = b.len;
        rc = rc ? rc : vb_buf_cats(&b, p->words[ws[i].w].text);
    }
    vb_line *ln = rc == 0 ? emit_line(out, p, ws, nw, &b, offs) : NULL;
    vb_buf_free(&b);
    free(offs);
    return ln;
}

static int find_rule(const int *v, int n, int x)
{
    for (int i = 0; i < n; i++)
        if (x < v[i + 1])
            return i;
    return n - 1;
}

/* Words of one cell in reading order: sorted by y, grouped into lines, then x. */
static void order_cell(const vb_gpage *p, wref *ws, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        const vb_box *b = &p->words[ws[i].w].box;
        ws[i].key1 = (b->y0 + b->y1) / 2;
        ws[i].key2 = b->x0;
    }
    qsort(ws, n, sizeof *ws, cmp_wref);
    int ly = 0, lh = 0;
    for (size_t i = 0; i < n; i++) {
        const vb_box *b = &p->words[ws[i].w].box;
        if (i == 0 || ws[i].key1 - ly > lh / 2) {
            ly = ws[i].key1;
            lh = b->y1 - b->y0;
        }
        ws[i].key1 = ly;
    }
    qsort(ws, n, sizeof *ws, cmp_wref);
}

/* One row line: words row[0..m) in cells cellof[], cells joined by '\t'. */
static int emit_cells(vb_layout *out, const vb_gpage *p, const wref *row, const size_t *cellof,
                      size_t m, int ncols)
{
    vb_buf b;
    vb_buf_init(&b);
    size_t *offs = malloc((m + 1) * sizeof *offs), col = 0;
    int rc = offs ? 0 : -1;
    for (size_t k = 0; k < m && rc == 0; k++) {
        while (col < cellof[k] && rc == 0)
            rc = vb_buf_cat(&b, "\t", 1), col++;
        if (k && cellof[k - 1] == cellof[k])
            rc = rc ? rc : vb_buf_cat(&b, " ", 1);
        offs[k] = b.len;
        rc = rc ? rc : vb_buf_cats(&b, p->words[row[k].w].text);
    }
    while (rc == 0 && col + 1 < (size_t)ncols)
        rc = vb_buf_cat(&b, "\t", 1), col++;
    vb_line *ln = rc == 0 ? emit_line(out, p, row, m, &b, offs) : NULL;
    if (ln)
        ln->flags |= VB_LINE_ROW;
    vb_buf_free(&b);
    free(offs);
    return ln ? 0 : -1;
}

/* One table row: cells of row r joined by '\t' (spanned cells empty). */
static int emit_row(vb_layout *out, const vb_gpage *p, const vb_grid *g, int r, wref *ws,
                    const size_t *cstart, const size_t *ccount)
{
    size_t total = 0;
    for (int c = 0; c < g->ncols; c++)
        if (g->owner[r * g->ncols + c] == r * g->ncols + c)
            total += ccount[r * g->ncols + c];
    if (total == 0)
        return 0;
    wref *row = malloc(total * sizeof *row);
    size_t *cellof = malloc(total * sizeof *cellof);
    if (!row || !cellof) {
        free(row), free(cellof);
        return -1;
    }
    size_t m = 0;
    for (int c = 0; c < g->ncols; c++) {
        int id = r * g->ncols + c;
        if (g->owner[id] != id)
            continue;
        for (size_t k = 0; k < ccount[id]; k++, m++) {
            row[m] = ws[cstart[id] + k];
            cellof[m] = (size_t)c;
        }
    }
    int rc = emit_cells(out, p, row, cellof, m, g->ncols);
    free(row);
    free(cellof);
    return rc;
}

/* A table item: every grid row that has words becomes a row line. */
static int emit_table(vb_layout *out, const vb_gpage *p, const vb_grid *g, const int *gridof,
                      int gi)
{
    size_t ncell = (size_t)g->nrows * (size_t)g->ncols, n = 0;
    wref *ws = malloc((p->nwords + 1) * sizeof *ws);
    size_t *cstart = calloc(ncell, sizeof *cstart), *ccount = calloc(ncell, sizeof *ccount);
    int rc = -1;
    if (!ws || !cstart || !ccount)
        goto done;
    for (size_t i = 0; i < p->nwords; i++) {
        if (gridof[i] != gi)
            continue;
        const vb_box *b = &p->words[i].box;
        int r = find_rule(g->ys, g->nrows, (b->y0 + b->y1) / 2);
        int c = find_rule(g->xs, g->ncols, (b->x0 + b->x1) / 2);
        ws[n++] = (wref){i, g->owner[r * g->ncols + c], 0};
    }
    qsort(ws, n, sizeof *ws, cmp_wref);
    for (size_t i = 0; i < n;) { /* per owner cell: its range, in reading order */
        size_t j = i;
        while (j < n && ws[j].key1 == ws[i].key1)
            j++;
        int id = ws[i].key1;
        cstart[id] = i;
        ccount[id] = j - i;
        order_cell(p, ws + i, j - i);
        i = j;
    }
    size_t before = out->nlines;
    rc = 0;
    for (int r = 0; r < g->nrows && rc == 0; r++)
        rc = emit_row(out, p, g, r, ws, cstart, ccount);
    if (rc == 0 && out->nlines > before)
        out->lines[out->nlines - 1].flags |= VB_LINE_TABLE_END;
done:
    free(ws);
    free(cstart);
    free(ccount);
    return rc;
}

/* The cells of one band of an unruled table, it[0..n), as a row. */
static int emit_urow(vb_layout *out, const vb_gpage *p, const item *it, size_t n,
                     const wref *order, int last)
{
    size_t m = 0;
    for (size_t i = 0; i < n; i++)
        m += it[i].count;
    wref *row = malloc((m + 1) * sizeof *row);
    size_t *cellof = malloc((m + 1) * sizeof *cellof), k = 0;
    int rc = -1;
    if (row && cellof) {
        for (size_t i = 0; i < n; i++)
            for (size_t w = 0; w < it[i].count; w++, k++) {
                row[k] = order[it[i].first + w];
                cellof[k] = (size_t)it[i].col;
            }
        rc = emit_cells(out, p, row, cellof, m, it[0].ncols);
        if (rc == 0 && last)
            out->lines[out->nlines - 1].flags |= VB_LINE_TABLE_END;
    }
    free(row);
    free(cellof);
    return rc;
}

static vb_status emit_items(vb_gpage *p, const item *it, size_t n, const wref *order,
                            const int *gridof, vb_error *err)
{
    for (size_t i = 0; i < n; i++) {
        int rc;
        if (it[i].kind == IT_UCELL) {
            size_t j = i + 1;
            while (j < n && it[j].kind == IT_UCELL && it[j].band == it[i].band)
                j++;
            int last = j == n || it[j].kind != IT_UCELL || it[j].band < it[i].band;
            rc = emit_urow(p->out, p, it + i, j - i, order, last);
            i = j - 1;
        } else
            rc = it[i].kind == IT_LINE
                     ? (emit_words(p->out, p, order + it[i].first, it[i].count) ? 0 : -1)
                     : emit_table(p->out, p, &p->grids[it[i].grid], gridof, it[i].grid);
        if (rc)
            return vb_error_set(err, VB_ERR_NOMEM, "out of memory laying out page %d",
                                p->info.number);
    }
    return VB_OK;
}

vb_status vb_geometry_page(vb_gpage *p, vb_error *err)
{
    vb_status st = VB_ERR_NOMEM;
    int *gridof = malloc((p->nwords + 1) * sizeof *gridof);
    wref *order = malloc((p->nwords + 1) * sizeof *order);
    item *items = NULL;
    size_t nitems = 0, cap = 0, nord = 0;
    if (!p->out)
        p->out = vb_layout_new();
    if (!gridof || !order || !p->out)
        goto done;
    for (size_t i = 0; i < p->nwords; i++)
        gridof[i] = word_grid(p, &p->words[i]);
    if (build_lines(p, gridof, order, &nord, &items, &nitems, &cap))
        goto done;
    for (size_t g = 0; g < p->ngrids; g++) {
        if (nitems == cap) {
            item *t = realloc(items, (cap = cap * 2 + 4) * sizeof *t);
            if (!t)
                goto done;
            items = t;
        }
        items[nitems++] = (item){IT_TABLE, p->grids[g].box, 0, 0, (int)g, 0, 0, 0};
    }
    if (nitems) /* items is NULL on a page without words or rules */
        qsort(items, nitems, sizeof *items, cmp_item_y);
    for (size_t i = 0; i < nitems;)
        i += order_region(items, nitems, i);
    st = emit_items(p, items, nitems, order, gridof, err);
done:
    if (st == VB_ERR_NOMEM)
        vb_error_set(err, st, "out of memory laying out page %d", p->info.number);
    free(gridof);
    free(order);
    free(items);
    return st;
}

/* "12", "- 3 -", "Trang 4", "5/12": a page number and nothing else. */
static int is_page_number(const char *s)
{
    while (*s == ' ' || *s == '-' || *s == '(' || (unsigned char)*s == 0xE2)
        s += (unsigned char)*s == 0xE2 ? 3 : 1; /* – and — are E2 80 93/94 */
    if (strncasecmp(s, "trang", 5) == 0 || strncasecmp(s, "page", 4) == 0)
        s += s[0] == 't' || s[0] == 'T' ? 5 : 4;
    while (*s == ' ')
        s++;
    int digits = 0;
    while (isdigit((unsigned char)*s) || *s == '/' || *s == ' ')
        digits += isdigit((unsigned char)*s++) != 0;
    while (*s == ' ' || *s == '-' || *s == ')' || (unsigned char)*s == 0xE2 ||
           (unsigned char)*s == 0x80 || (unsigned char)*s == 0x93 || (unsigned char)*s == 0x94)
        s++;
    return digits > 0 && digits <= 8 && *s == 0;
}

/* Header/footer zone: top or bottom 7% of the page; 0 when outside. */
static int zone_of(const vb_line *ln, const vb_page *pg)
{
    if (ln->box.x0 < 0 || pg->height <= 0 || (ln->flags & VB_LINE_ROW))
        return 0;
    if (ln->box.y1 < pg->height * 7 / 100)
        return 1;
    if (ln->box.y0 > pg->height * 93 / 100)
        return 2;
    return 0;
}

/* Digits dropped and case folded, for recognising a running header. */
static void running_key(const char *s, char *key, size_t cap)
{
    size_t k = 0;
    for (; *s && k + 1 < cap; s++)
        if (!isdigit((unsigned char)*s) && *s != ' ')
            key[k++] = (char)tolower((unsigned char)*s);
    key[k] = 0;
}

/* Marks lines to drop: page numbers, and text repeated in the same zone on
 * at least half of the pages (three or more pages). */
static void mark_running(vb_gpage *pages, size_t n, char **drop)
{
    char a[160], b[160];
    for (size_t p = 0; p < n; p++) {
        vb_layout *o = pages[p].out;
        for (size_t i = 0; o && i < o->nlines; i++) {
            int z = zone_of(&o->lines[i], &pages[p].info);
            if (!z)
                continue;
            if (is_page_number(o->lines[i].text.s)) {
                drop[p][i] = 1;
                continue;
            }
            if (n < 3)
                continue;
            running_key(o->lines[i].text.s, a, sizeof a);
            size_t same = 0;
            for (size_t q = 0; q < n && a[0]; q++) {
                vb_layout *oq = pages[q].out;
                for (size_t j = 0; oq && j < oq->nlines && j < 64; j++) {
                    if (zone_of(&oq->lines[j], &pages[q].info) != z)
                        continue;
                    running_key(oq->lines[j].text.s, b, sizeof b);
                    if (strcmp(a, b) == 0) {
                        same++;
                        break;
                    }
                }
            }
            if (same >= 3 && same * 2 >= n)
                drop[p][i] = 1;
        }
    }
}

static size_t count_tabs(const char *s)
{
    size_t t = 0;
    for (; *s; s++)
        t += *s == '\t';
    return t;
}

/* Moves line ln into L (ownership passes). */
static int move_line(vb_layout *L, vb_line *ln)
{
    vb_line *d = vb_layout_add_line(L, "", 0, ln->page);
    if (!d)
        return -1;
    vb_text_free(&d->text);
    *d = *ln;
    memset(ln, 0, sizeof *ln);
    return 0;
}

/* Appends one page's kept lines, joining a table continued from the
 * previous page (a repeated header row is dropped). */
static int append_page(vb_layout *L, vb_layout *o, const char *drop, size_t *tfirst)
{
    int first = 1;
    for (size_t i = 0; i < o->nlines; i++) {
        vb_line *ln = &o->lines[i];
        if (drop[i])
            continue;
        int row = (ln->flags & VB_LINE_ROW) != 0;
        if (first && row && L->nlines && *tfirst < L->nlines) {
            vb_line *last = &L->lines[L->nlines - 1];
            if ((last->flags & VB_LINE_TABLE_END) &&
                count_tabs(last->text.s) == count_tabs(ln->text.s)) {
                last->flags &= ~(unsigned)VB_LINE_TABLE_END;
                first = 0;
                if (strcmp(L->lines[*tfirst].text.s, ln->text.s) == 0)
                    continue; /* header row repeated on the new page */
            }
        }
        if (row && (L->nlines == 0 || !(L->lines[L->nlines - 1].flags & VB_LINE_ROW) ||
                    (L->lines[L->nlines - 1].flags & VB_LINE_TABLE_END)))
            *tfirst = L->nlines;
        first = 0;
        if (move_line(L, ln))
            return -1;
    }
    return 0;
}

vb_status vb_geometry_document(vb_gpage *pages, size_t n, vb_layout *L, vb_error *err)
{
    char **drop = calloc(n ? n : 1, sizeof *drop);
    int bad = !drop;
    for (size_t p = 0; !bad && p < n; p++) {
        size_t nl = pages[p].out ? pages[p].out->nlines : 0;
        bad = !(drop[p] = calloc(nl + 1, 1));
    }
    if (!bad)
        mark_running(pages, n, drop);
    size_t tfirst = (size_t)-1;
    for (size_t p = 0; !bad && p < n; p++) {
        vb_page *pg = vb_layout_add_page(L, pages[p].info.number);
        if (!pg) {
            bad = 1;
            break;
        }
        *pg = pages[p].info;
        if (pg->path == VB_PAGE_OCR)
            L->ocr_pages++;
        if (pages[p].out)
            bad = append_page(L, pages[p].out, drop[p], &tfirst) != 0;
    }
    for (size_t p = 0; drop && p < n; p++)
        free(drop[p]);
    free(drop);
    if (bad)
        return vb_error_set(err, VB_ERR_NOMEM, "out of memory assembling pages");
    return VB_OK;
}
