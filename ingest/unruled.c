/* unruled.c — tables without rules on OCR'd pages. Tesseract's page
 * segmentation runs the words of neighbouring cells into one text line and
 * then misreads them ("Tiêu chía4„g", doc/pdf.md), so the geometry has
 * nothing to align. Here the column gutters are found in the image instead:
 * white strips that run down three or more consecutive text bands (rows of
 * ink), two or more of them inside the block (three columns), each wider
 * than GUTTER text heights and SPACES word spaces. The block is read again
 * cell by cell (a column of a band as one block, as ruled cells are read),
 * and those words replace the first reading's when they read better
 * (reads_better); geometry.c then aligns them into rows as it does a text
 * layer's. Two columns (the header and signature blocks) are left to
 * the page segmentation. */
#include "ingest/ocr.h"
#include "ingest/preprocess.h"

#include <leptonica/allheaders.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

/* A gutter is at least GUTTER text heights wide (word spaces are about
 * 0.3; the text-layer path splits columns at 0.6 too) and SPACES times the
 * word space of the page and of the block (the first quartile of the first
 * reading's gaps: in a table many of them are gutters). The spaces of typed
 * (monospaced) text line up down the page as well; a word processor's
 * unruled table leaves gutters of only 1.7 spaces (Liberation Sans 11 pt,
 * make_plan.py --unruled). */
#define GUTTER 0.6
#define SPACES 1.5
/* Bands of one table are at most this many text heights apart. */
#define BAND_GAP 4.0
#define MAX_RUNS 64
/* Cells replace the first reading when their mean confidence is BETTER
 * higher, or as high with MORE times the confidence-weighted text: typed
 * text whose spaces line up mostly reads worse cell by cell (phone-style
 * copies of Liberation Mono text: 0.03 to 0.25 lower), a table read across
 * its gutters better (u27 of `make eval-pdf`, page 1: 0.79 → 0.96) or as
 * well with the cells the page segmentation dropped (page 2). */
#define BETTER 0.05
#define MORE 1.03

typedef struct run {
    int x0, x1; /* white columns [x0, x1) */
} run;

typedef struct band {
    int y0, y1;   /* ink rows [y0, y1) */
    int ink0, ink1; /* first and last inked column + 1 */
    run white[MAX_RUNS];
    int nwhite;
} band;

static int cmp_int(const void *a, const void *b)
{
    int x = *(const int *)a, y = *(const int *)b;
    return (x > y) - (x < y);
}

/* The value a quarter (q = 4) or half (q = 2) of v[0..n) stay below. */
static int quantile(int *v, int n, int q)
{
    qsort(v, (size_t)n, sizeof *v, cmp_int);
    return v[n / q];
}

/* Median height of the first reading's words and the space between words
 * of a line that a quarter of them stay below (in a table many of the
 * first reading's gaps are gutters), of the words whose centres lie in rows
 * [y0, y1); 0 when too few. */
static void text_metrics(const vb_gpage *p, int y0, int y1, int *height, int *space)
{
    int *h = malloc((p->nwords + 1) * sizeof *h), *s = malloc((p->nwords + 1) * sizeof *s);
    int nh = 0, ns = 0;
    *height = *space = 0;
    for (size_t i = 0; h && s && i < p->nwords; i++) {
        const vb_gword *w = &p->words[i], *v = i ? &p->words[i - 1] : w;
        int cy = (w->box.y0 + w->box.y1) / 2;
        if (cy < y0 || cy >= y1)
            continue;
        if (strlen(w->text) >= 2)
            h[nh++] = w->box.y1 - w->box.y0;
        if (i > 0 && v->line == w->line && w->box.x0 > v->box.x1)
            s[ns++] = w->box.x0 - v->box.x1;
    }
    if (nh >= 10 && ns >= 10) {
        *height = quantile(h, nh, 2);
        *space = quantile(s, ns, 4);
    }
    free(h);
    free(s);
}

/* Keeps the gutters of g[0..n) at least min wide; returns how many. */
static int wide_only(run *g, int n, int min)
{
    int k = 0;
    for (int i = 0; i < n; i++)
        if (g[i].x1 - g[i].x0 >= min)
            g[k++] = g[i];
    return k;
}

/* The ink of the page as word-like blobs: letters closed into words, specks
 * gone. */
static PIX *blobs(PIX *bin, int th)
{
    PIX *b = pixGetDepth(bin) == 1 ? pixClone(bin) : pixConvertTo1(bin, 128);
    PIX *c = b ? pixCloseBrick(NULL, b, th / 4 | 1, 1) : NULL;
    PIX *o = c ? pixOpenBrick(NULL, c, 3, 3) : NULL;
    pixDestroy(&b);
    pixDestroy(&c);
    return o;
}

/* White runs at least min wide across rows [y0, y1) of ink; *b filled. */
static int band_fill(PIX *ink, band *b, int min)
{
    int W = pixGetWidth(ink);
    BOX *box = boxCreate(0, b->y0, W, b->y1 - b->y0);
    PIX *strip = box ? pixClipRectangle(ink, box, NULL) : NULL;
    NUMA *cols = strip ? pixCountPixelsByColumn(strip) : NULL;
    boxDestroy(&box);
    pixDestroy(&strip);
    if (!cols)
        return -1;
    b->nwhite = 0;
    b->ink0 = W;
    b->ink1 = 0;
    int start = 0;
    for (int x = 0; x <= W; x++) {
        float v = 0;
        if (x < W)
            numaGetFValue(cols, x, &v);
        if (x < W && v == 0)
            continue;
        if (x < W) {
            b->ink0 = x < b->ink0 ? x : b->ink0;
            b->ink1 = x + 1;
        }
        if (x - start >= min && b->nwhite < MAX_RUNS)
            b->white[b->nwhite++] = (run){start, x};
        start = x + 1;
    }
    numaDestroy(&cols);
    return 0;
}

/* Gutters g (*n of them) intersected with b's white runs: the pieces at
 * least min wide, into g; returns how many gutters kept no piece. */
static int narrow(run *g, int *n, const band *b, int min)
{
    run out[MAX_RUNS];
    int m = 0, lost = 0;
    for (int i = 0; i < *n; i++) {
        int pieces = 0;
        for (int k = 0; k < b->nwhite && m < MAX_RUNS; k++) {
            run r = {g[i].x0 > b->white[k].x0 ? g[i].x0 : b->white[k].x0,
                     g[i].x1 < b->white[k].x1 ? g[i].x1 : b->white[k].x1};
            if (r.x1 - r.x0 >= min) {
                out[m++] = r;
                pieces++;
            }
        }
        lost += pieces == 0;
    }
    memcpy(g, out, (size_t)m * sizeof *g);
    *n = m;
    return lost;
}

/* Gutters of g[0..n) inside [x0, x1) (not the margins), moved to the front;
 * returns how many. */
static int inside(run *g, int n, int x0, int x1)
{
    int k = 0;
    for (int i = 0; i < n; i++)
        if (g[i].x0 > x0 && g[i].x1 < x1)
            g[k++] = g[i];
    return k;
}

/* The band's own gutters: white runs between its ink. */
static int inner(const band *b, run *g)
{
    int n = 0;
    for (int k = 0; k < b->nwhite; k++)
        if (b->white[k].x0 > b->ink0 && b->white[k].x1 < b->ink1)
            g[n++] = b->white[k];
    return n;
}

/* Drops the first reading's words whose centre lies in r. */
static void drop_words(vb_gpage *p, const vb_box *r)
{
    size_t k = 0;
    for (size_t i = 0; i < p->nwords; i++) {
        vb_gword *w = &p->words[i];
        int cx = (w->box.x0 + w->box.x1) / 2, cy = (w->box.y0 + w->box.y1) / 2;
        if (cx >= r->x0 && cx < r->x1 && cy >= r->y0 && cy < r->y1)
            free(w->text);
        else
            p->words[k++] = *w;
    }
    p->nwords = k;
}

static int overlaps_grid(const vb_gpage *p, int y0, int y1)
{
    for (size_t g = 0; g < p->ngrids; g++)
        if (p->grids[g].box.y0 < y1 && y0 < p->grids[g].box.y1)
            return 1;
    return 0;
}

/* Mean confidence of p's words whose centres lie in r (-1 when none), and
 * into *mass their bytes weighted by confidence. */
static double mean_conf(const vb_gpage *p, const vb_box *r, double *mass)
{
    double sum = 0;
    int n = 0;
    *mass = 0;
    for (size_t i = 0; i < p->nwords; i++) {
        const vb_gword *w = &p->words[i];
        int cx = (w->box.x0 + w->box.x1) / 2, cy = (w->box.y0 + w->box.y1) / 2;
        if (cx >= r->x0 && cx < r->x1 && cy >= r->y0 && cy < r->y1) {
            sum += w->conf, n++;
            *mass += w->conf * (double)strlen(w->text);
        }
    }
    return n ? sum / n : -1;
}

/* Do the cells read better than the first reading in r: surer by BETTER,
 * or as sure (within BETTER / 5) with MORE times the text (the page
 * segmentation lost a column of cells)? */
static int reads_better(const vb_gpage *cells, const vb_gpage *p, const vb_box *r)
{
    double mc, mp, c = mean_conf(cells, r, &mc), f = mean_conf(p, r, &mp);
    return c >= f + BETTER || (c >= f - BETTER / 5 && mc >= mp * MORE);
}

/* Reads the table of bands bs[0..n) with gutters g[0..ng) cell by cell:
 * each column of each band as one block, as ruled cells are read (a whole
 * column strip read as a block loses or merges the short cells of sparse
 * columns, "TT" and its row numbers). The cells' words replace the first
 * reading's there when they read better (reads_better): typed text whose
 * word spaces line up reads no better. */
static vb_status read_cells(vb_ocr_worker *w, const vb_prep *pp, vb_gpage *p, const band *bs,
                            int n, const run *g, int ng, int th, vb_error *err)
{
    int x0 = bs[0].ink0, x1 = bs[0].ink1;
    for (int i = 1; i < n; i++) {
        x0 = bs[i].ink0 < x0 ? bs[i].ink0 : x0;
        x1 = bs[i].ink1 > x1 ? bs[i].ink1 : x1;
    }
    int pad = th / 3, H = pixGetHeight(pp->bin), W = pixGetWidth(pp->bin);
    vb_box all = {x0 - pad < 0 ? 0 : x0 - pad, bs[0].y0 - pad < 0 ? 0 : bs[0].y0 - pad,
                  x1 + pad > W ? W : x1 + pad, bs[n - 1].y1 + pad > H ? H : bs[n - 1].y1 + pad};
    vb_gpage cells = {.info = p->info};
    vb_status st = VB_OK;
    for (int b = 0; b < n && st == VB_OK; b++)
        for (int c = 0; c <= ng && st == VB_OK; c++) {
            vb_box r = {c > 0 ? (g[c - 1].x0 + g[c - 1].x1) / 2 : all.x0,
                        b > 0 ? (bs[b - 1].y1 + bs[b].y0) / 2 : all.y0,
                        c < ng ? (g[c].x0 + g[c].x1) / 2 : all.x1,
                        b + 1 < n ? (bs[b].y1 + bs[b + 1].y0) / 2 : all.y1};
            double conf;
            st = vb_ocr_recognize(w, pp->bin, pp->ppi, &r, &cells, &conf, err);
        }
    if (st == VB_OK && reads_better(&cells, p, &all)) {
        drop_words(p, &all);
        if (vb_gpage_append(p, &cells))
            st = vb_error_set(err, VB_ERR_NOMEM, "out of memory reading table cells");
    }
    vb_gpage_clear(&cells);
    return st;
}

/* Text bands of the page: runs of inked rows at least a third of a text
 * height tall; *n of them (caller frees). */
static band *find_bands(PIX *ink, int th, int *n)
{
    NUMA *rows = pixCountPixelsByRow(ink, NULL);
    int H = pixGetHeight(ink), cap = 64;
    band *bs = malloc(cap * sizeof *bs);
    *n = 0;
    int start = -1;
    for (int y = 0; rows && bs && y <= H; y++) {
        float v = 0;
        if (y < H)
            numaGetFValue(rows, y, &v);
        if (v > 0 && start < 0)
            start = y;
        if ((v > 0 && y < H) || start < 0)
            continue;
        if (y - start >= th / 3) {
            if (*n == cap) {
                band *m = realloc(bs, (size_t)(cap *= 2) * sizeof *bs);
                if (!m) {
                    free(bs);
                    bs = NULL;
                    break;
                }
                bs = m;
            }
            bs[(*n)++] = (band){.y0 = start, .y1 = y};
        }
        start = -1;
    }
    numaDestroy(&rows);
    return bs;
}

/* The block of bands from bs[i]: when it is a row of three or more cells,
 * a band joins while the white it shares with the bands so far keeps every
 * gutter, or, being a row of cells itself, keeps two inside the block.
 * Returns the end of the block (i + 1 when bs[i] starts none); its gutters
 * inside it into g[0..*ng), the number of rows of cells into *rows. */
static int grow_block(const band *bs, int nb, int i, int min, int th, run *g, int *ng, int *rows)
{
    run t[MAX_RUNS], u[MAX_RUNS];
    *ng = *rows = 0;
    if (inner(&bs[i], t) < 2)
        return i + 1;
    int n = bs[i].nwhite, j = i + 1, x0 = bs[i].ink0, x1 = bs[i].ink1;
    memcpy(g, bs[i].white, MAX_RUNS * sizeof *g);
    *rows = 1;
    for (; j < nb && bs[j].y0 - bs[j - 1].y1 <= BAND_GAP * th; j++) {
        int nt = n, own = inner(&bs[j], u) >= 2;
        memcpy(t, g, sizeof t);
        int lost = narrow(t, &nt, &bs[j], min);
        int a = bs[j].ink0 < x0 ? bs[j].ink0 : x0, z = bs[j].ink1 > x1 ? bs[j].ink1 : x1;
        memcpy(u, t, sizeof u);
        if (lost > 0 && !(own && inside(u, nt, a, z) >= 2))
            break;
        memcpy(g, t, sizeof t);
        n = nt;
        x0 = a;
        x1 = z;
        *rows += own;
    }
    *ng = inside(g, n, x0, x1);
    return j;
}

vb_status vb_ocr_unruled(vb_ocr_worker *w, const vb_prep *pp, vb_gpage *p, vb_error *err)
{
    int th, space;
    text_metrics(p, 0, INT_MAX, &th, &space);
    if (th < 6)
        return VB_OK;
    PIX *ink = blobs(pp->bin, th);
    int nb = 0, min = (int)(GUTTER * th), wide = (int)(SPACES * space);
    min = wide > min ? wide : min;
    band *bs = ink ? find_bands(ink, th, &nb) : NULL;
    int bad = !bs;
    for (int i = 0; !bad && i < nb; i++)
        bad = band_fill(ink, &bs[i], min);
    pixDestroy(&ink);
    if (bad) {
        free(bs);
        return vb_error_set(err, VB_ERR_NOMEM, "out of memory finding table columns");
    }
    vb_status st = VB_OK;
    for (int i = 0; i < nb && st == VB_OK;) {
        run g[MAX_RUNS];
        int ng = 0, rows = 0, j = grow_block(bs, nb, i, min, th, g, &ng, &rows);
        int rh = 0, rs = 0;
        if (j - i >= 3 && rows >= 2 && ng >= 2 && !overlaps_grid(p, bs[i].y0, bs[j - 1].y1))
            text_metrics(p, bs[i].y0, bs[j - 1].y1, &rh, &rs);
        /* wide against the block's own word spaces (typed text lines them up) */
        ng = rs > 0 ? wide_only(g, ng, (int)(SPACES * rs)) : 0;
        if (ng >= 2)
            st = read_cells(w, pp, p, bs + i, j - i, g, ng, th, err);
        i = j;
    }
    free(bs);
    return st;
}
