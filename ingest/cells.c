/* cells.c — the cells of ruled tables, each read by OCR as one block
 * (Tesseract's page segmentation across ruled cells produced garbage).
 *
 * A cell holding nothing but a short number is where Tesseract's vie model
 * goes wrong most on clean scans: "50" → "90", "51" → "Bãi", "46" → "4G",
 * "75" → "5" (12-page plan, doc/pdf.md), while the same digits inside a
 * sentence read fine. Copies of such a cell shrunk to 1/2 and 2/3 with
 * anti-aliasing read them right nearly always, but each copy alone drops a
 * doubled digit now and then ("22" → "2"). So a doubtful cell (doubtful())
 * is read from both copies too, and a reading two of the three agree on
 * wins, else the most confident one; readings that differ only in dots and
 * commas agree, and the one with more of them is kept (a dot read from
 * nothing is rarer than a lost one: "2.4" → "24"). */
#include "ingest/ocr.h"
#include "ingest/preprocess.h"

#include <ctype.h>
#include <leptonica/allheaders.h>
#include <stdlib.h>
#include <string.h>

/* Cells are read 6 pixels inside their rules (rule remnants stay out). */
#define CELL_INSET 6
/* "Short": at most this many bytes of text in at most two words. */
#define SHORT_BYTES 8
/* A number read at this confidence or better is not read again. */
#define SURE_CONF 0.95
/* A longer cell (up to MAX_WORDS words) with a digit is read again below this. */
#define DOUBT_CONF 0.85
#define MAX_WORDS 4

typedef struct cell {
    vb_box rect;      /* inside the rules, page pixels */
    int grid, col;    /* its grid and first column */
    vb_gpage got;     /* the words read there */
    double conf;      /* their mean confidence */
} cell;

static size_t text_bytes(const vb_gpage *g)
{
    size_t n = 0;
    for (size_t i = 0; i < g->nwords; i++)
        n += strlen(g->words[i].text);
    return n;
}

static int is_short(const vb_gpage *g)
{
    return g->nwords > 0 && g->nwords <= 2 && text_bytes(g) <= SHORT_BYTES;
}

static int has_digit(const vb_gpage *g)
{
    for (size_t i = 0; i < g->nwords; i++)
        for (const char *s = g->words[i].text; *s; s++)
            if (isdigit((unsigned char)*s))
                return 1;
    return 0;
}

/* One word of digits, optionally grouped by . , / and closed by . or ). */
static int clean_number(const vb_gpage *g)
{
    if (g->nwords != 1)
        return 0;
    const char *s = g->words[0].text;
    int digits = 0;
    for (; *s; s++) {
        if (isdigit((unsigned char)*s)) {
            digits++;
            continue;
        }
        if (!digits || !strchr(".,/)", *s))
            return 0;
        if (*s == ')' || (*s == '.' && !s[1]))
            return s[1] == 0;
        if (!isdigit((unsigned char)s[1]))
            return 0;
    }
    return digits > 0;
}

/* g's words without spaces, dots and commas, for comparing readings: a copy
 * that loses a dot ("2.2" → "22") agrees with the reading that kept it. */
static void reading(const vb_gpage *g, char *out, size_t cap)
{
    size_t o = 0;
    for (size_t i = 0; i < g->nwords; i++)
        for (const char *s = g->words[i].text; *s && o + 1 < cap; s++)
            if (*s != '.' && *s != ',')
                out[o++] = *s;
    out[o] = 0;
}

/* The merged cells of every grid, with their rectangles; NULL on OOM. */
static cell *list_cells(const vb_gpage *p, size_t *ncells)
{
    size_t total = 0;
    for (size_t g = 0; g < p->ngrids; g++)
        total += (size_t)p->grids[g].nrows * (size_t)p->grids[g].ncols;
    cell *cs = calloc(total + 1, sizeof *cs);
    size_t n = 0;
    for (size_t g = 0; cs && g < p->ngrids; g++) {
        const vb_grid *gr = &p->grids[g];
        for (int id = 0; id < gr->nrows * gr->ncols; id++) {
            if (gr->owner[id] != id)
                continue;
            int r1 = id / gr->ncols, c1 = id % gr->ncols;
            for (int k = id; k < gr->nrows * gr->ncols; k++)
                if (gr->owner[k] == id) {
                    if (k / gr->ncols > r1) r1 = k / gr->ncols;
                    if (k % gr->ncols > c1) c1 = k % gr->ncols;
                }
            vb_box b = {gr->xs[id % gr->ncols] + CELL_INSET, gr->ys[id / gr->ncols] + CELL_INSET,
                        gr->xs[c1 + 1] - CELL_INSET, gr->ys[r1 + 1] - CELL_INSET};
            if (b.x1 - b.x0 > 8 && b.y1 - b.y0 > 8)
                cs[n++] = (cell){.rect = b, .grid = (int)g, .col = id % gr->ncols,
                                 .got.info = p->info};
        }
    }
    *ncells = n;
    return cs;
}

/* Is column col of grid g a column of numbers: of its short cells (three
 * or more), at least half read with a digit? */
static int numeric_column(const cell *cs, size_t n, int g, int col)
{
    size_t nshort = 0, digits = 0;
    for (size_t i = 0; i < n; i++)
        if (cs[i].grid == g && cs[i].col == col && is_short(&cs[i].got)) {
            nshort++;
            digits += has_digit(&cs[i].got) != 0;
        }
    return nshort >= 3 && digits * 2 >= nshort;
}

/* Does g have a dot or comma between two digits ("2.4", "1,5")? */
static int has_point(const vb_gpage *g)
{
    for (size_t i = 0; i < g->nwords; i++)
        for (const char *s = g->words[i].text; *s; s++)
            if ((*s == '.' || *s == ',') && s > g->words[i].text &&
                isdigit((unsigned char)s[-1]) && isdigit((unsigned char)s[1]))
                return 1;
    return 0;
}

/* Do most short cells of column col (three or more) have a point between
 * digits, as criterion ids "2.4" do? */
static int pointed_column(const cell *cs, size_t n, int g, int col)
{
    size_t nshort = 0, points = 0;
    for (size_t i = 0; i < n; i++)
        if (cs[i].grid == g && cs[i].col == col && is_short(&cs[i].got) &&
            has_digit(&cs[i].got)) {
            nshort++;
            points += has_point(&cs[i].got) != 0;
        }
    return nshort >= 3 && points * 2 > nshort;
}

/* Dots and commas of g's words. */
static int points(const vb_gpage *g)
{
    int k = 0;
    for (size_t i = 0; i < g->nwords; i++)
        for (const char *s = g->words[i].text; *s; s++)
            k += *s == '.' || *s == ',';
    return k;
}

/* Is c's reading doubtful enough to read it again? A short number without
 * a point in a column of "2.1"-like cells; short cells with a digit or in a
 * column of numbers, unless a sure clean number; cells of a few words with
 * a digit ("Tiêu ci^1Í 3.1") read with low confidence. */
static int doubtful(const cell *cs, size_t n, const cell *c)
{
    const vb_gpage *g = &c->got;
    if (g->nwords == 0 || g->nwords > MAX_WORDS)
        return 0;
    if (is_short(g) && has_digit(g) && !has_point(g) && pointed_column(cs, n, c->grid, c->col))
        return 1; /* "24" among "2.1", "3.5": a dot lost? */
    if (clean_number(g) && c->conf >= SURE_CONF)
        return 0;
    if (is_short(g))
        return has_digit(g) || numeric_column(cs, n, c->grid, c->col);
    return has_digit(g) && c->conf < DOUBT_CONF;
}

/* Reads the cell from a copy of the page shrunk by f into out (boxes back in
 * page pixels). */
static vb_status read_shrunk(vb_ocr_worker *w, const vb_prep *pp, const cell *c, float f,
                             vb_gpage *out, double *conf, vb_error *err)
{
    BOX *b = boxCreate(c->rect.x0, c->rect.y0, c->rect.x1 - c->rect.x0, c->rect.y1 - c->rect.y0);
    PIX *crop = b ? pixClipRectangle(pp->bin, b, NULL) : NULL;
    PIX *s = !crop ? NULL : pixGetDepth(crop) == 1 ? pixScaleToGray(crop, f)
                                                   : pixScaleAreaMap(crop, f, f);
    boxDestroy(&b);
    pixDestroy(&crop);
    if (!s)
        return vb_error_set(err, VB_ERR_NOMEM, "out of memory reading a table cell");
    vb_box all = {0, 0, pixGetWidth(s), pixGetHeight(s)};
    vb_status st = vb_ocr_recognize(w, s, (int)(pp->ppi * f), &all, out, conf, err);
    pixDestroy(&s);
    for (size_t i = 0; st == VB_OK && i < out->nwords; i++) {
        vb_box *wb = &out->words[i].box;
        *wb = (vb_box){c->rect.x0 + (int)(wb->x0 / f), c->rect.y0 + (int)(wb->y0 / f),
                       c->rect.x0 + (int)(wb->x1 / f), c->rect.y0 + (int)(wb->y1 / f)};
    }
    return st;
}

/* Reads a doubtful cell again from its 1/2 and 2/3 copies; keeps the
 * reading two of the three share (the first one when it is among them),
 * else the most confident one. */
static vb_status reread(vb_ocr_worker *w, const vb_prep *pp, cell *c, vb_error *err)
{
    static const float f[2] = {0.5f, 0.66f};
    vb_gpage alt[2] = {{.info = c->got.info}, {.info = c->got.info}};
    double conf[2] = {0, 0};
    vb_status st = VB_OK;
    for (int k = 0; k < 2 && st == VB_OK; k++)
        st = read_shrunk(w, pp, c, f[k], &alt[k], &conf[k], err);
    if (st == VB_OK) {
        char r0[64], r1[64], r2[64];
        reading(&c->got, r0, sizeof r0);
        reading(&alt[0], r1, sizeof r1);
        reading(&alt[1], r2, sizeof r2);
        int pick = -1; /* -1 keeps the first reading */
        if (strcmp(r0, r1) != 0 && strcmp(r0, r2) != 0) {
            if (strcmp(r1, r2) == 0 && r1[0])
                pick = conf[1] > conf[0];
            else if (conf[0] > c->conf || conf[1] > c->conf)
                pick = conf[1] > conf[0];
        } else { /* the first reading agrees with a copy: take a dot it lost */
            for (int k = 0; k < 2; k++)
                if (strcmp(r0, k ? r2 : r1) == 0 && points(&alt[k]) > points(&c->got) &&
                    (pick < 0 || points(&alt[k]) > points(&alt[pick])))
                    pick = k;
        }
        if (pick >= 0) {
            vb_gpage_clear(&c->got);
            c->got = alt[pick];
            c->conf = conf[pick];
            alt[pick] = (vb_gpage){0};
        }
    }
    vb_gpage_clear(&alt[0]);
    vb_gpage_clear(&alt[1]);
    return st;
}

int vb_gpage_append(vb_gpage *p, const vb_gpage *g)
{
    int base = p->nwords ? p->words[p->nwords - 1].line : 0;
    for (size_t i = 0; i < g->nwords; i++) {
        const vb_gword *x = &g->words[i];
        if (vb_gpage_add_word(p, x->text, strlen(x->text), x->box, x->conf, base + x->line))
            return -1;
    }
    return 0;
}

vb_status vb_ocr_cells(vb_ocr_worker *w, const vb_prep *pp, vb_gpage *p, vb_error *err)
{
    size_t n = 0;
    cell *cs = list_cells(p, &n);
    if (!cs)
        return vb_error_set(err, VB_ERR_NOMEM, "out of memory reading table cells");
    vb_status st = VB_OK;
    for (size_t i = 0; i < n && st == VB_OK; i++)
        st = vb_ocr_recognize(w, pp->bin, pp->ppi, &cs[i].rect, &cs[i].got, &cs[i].conf, err);
    /* which cells to read again is decided on the first readings only */
    char *again = calloc(n + 1, 1);
    if (!again)
        st = vb_error_set(err, VB_ERR_NOMEM, "out of memory reading table cells");
    for (size_t i = 0; i < n && st == VB_OK; i++)
        again[i] = (char)doubtful(cs, n, &cs[i]);
    for (size_t i = 0; i < n && st == VB_OK; i++)
        if (again[i])
            st = reread(w, pp, &cs[i], err);
    free(again);
    for (size_t i = 0; i < n && st == VB_OK; i++)
        if (vb_gpage_append(p, &cs[i].got))
            st = vb_error_set(err, VB_ERR_NOMEM, "out of memory reading table cells");
    for (size_t i = 0; i < n; i++)
        vb_gpage_clear(&cs[i].got);
    free(cs);
    return st;
}
