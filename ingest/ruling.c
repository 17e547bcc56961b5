/* ruling.c — ruled tables from a binary page image: Leptonica morphology
 * keeps long horizontal and vertical strokes (the rules), their connected
 * groups are tables, rule positions make the grid, and a rule missing
 * between two grid cells merges them (a spanning cell). */
#include "ingest/preprocess.h"

#include <leptonica/allheaders.h>
#include <stdlib.h>
#include <string.h>

typedef struct seg {
    int pos, lo, hi; /* centre across the rule, extent along it */
} seg;

/* Segments of a line mask inside box r (horizontal: pos = y). */
static seg *segments(PIX *mask, BOX *r, int horizontal, int *n)
{
    PIX *c = pixClipRectangle(mask, r, NULL);
    BOXA *ba = c ? pixConnCompBB(c, 8) : NULL;
    int bx, by, bw, bh;
    boxGetGeometry(r, &bx, &by, &bw, &bh);
    *n = ba ? boxaGetCount(ba) : 0;
    seg *s = malloc(((size_t)*n + 1) * sizeof *s);
    for (int i = 0; s && i < *n; i++) {
        int x, y, w, h;
        boxaGetBoxGeometry(ba, i, &x, &y, &w, &h);
        x += bx, y += by;
        s[i] = horizontal ? (seg){y + h / 2, x, x + w} : (seg){x + w / 2, y, y + h};
    }
    boxaDestroy(&ba);
    pixDestroy(&c);
    return s;
}

static int cmp_seg(const void *a, const void *b)
{
    const seg *x = a, *y = b;
    return (x->pos > y->pos) - (x->pos < y->pos);
}

/* Rule positions: segment centres clustered within tol. */
static int *rule_positions(seg *s, int n, int tol, int *out_n)
{
    qsort(s, (size_t)n, sizeof *s, cmp_seg);
    int *v = malloc(((size_t)n + 1) * sizeof *v), k = 0;
    for (int i = 0; v && i < n; i++)
        if (k == 0 || s[i].pos - v[k - 1] > tol)
            v[k++] = s[i].pos;
    *out_n = k;
    return v;
}

static int find_root(int *parent, int i)
{
    while (parent[i] != i)
        i = parent[i] = parent[parent[i]];
    return i;
}

static void unite(int *parent, int a, int b)
{
    a = find_root(parent, a), b = find_root(parent, b);
    if (a != b)
        parent[a > b ? a : b] = a < b ? a : b;
}

/* Is there a rule across [lo, hi) at pos (±tol)? Looks at the pixels, not
 * the segments: a faint rule broken into dashes still counts when some line
 * near pos is dark over 40% of the span. */
static int rule_at(PIX *bin, int horizontal, int pos, int lo, int hi, int tol)
{
    int W = pixGetWidth(bin), H = pixGetHeight(bin), best = 0;
    lo += tol, hi -= tol;
    if (hi <= lo)
        return 1;
    for (int p = pos - tol; p <= pos + tol; p++) {
        int dark = 0;
        for (int q = lo; q < hi; q++) {
            l_uint32 v = 0;
            int x = horizontal ? q : p, y = horizontal ? p : q;
            if (x >= 0 && y >= 0 && x < W && y < H && pixGetPixel(bin, x, y, &v) == 0)
                dark += v != 0;
        }
        if (dark > best)
            best = dark;
    }
    return best * 10 >= (hi - lo) * 4;
}

/* Grid cells merged where the rule between them is missing. */
static int *owners(const vb_grid *g, PIX *bin, int tol)
{
    int n = g->nrows * g->ncols;
    int *par = malloc((size_t)n * sizeof *par);
    if (!par)
        return NULL;
    for (int i = 0; i < n; i++)
        par[i] = i;
    for (int r = 0; r < g->nrows; r++)
        for (int c = 0; c < g->ncols; c++) {
            if (c + 1 < g->ncols && !rule_at(bin, 0, g->xs[c + 1], g->ys[r], g->ys[r + 1], tol))
                unite(par, r * g->ncols + c, r * g->ncols + c + 1);
            if (r + 1 < g->nrows && !rule_at(bin, 1, g->ys[r + 1], g->xs[c], g->xs[c + 1], tol))
                unite(par, r * g->ncols + c, (r + 1) * g->ncols + c);
        }
    for (int i = 0; i < n; i++)
        par[i] = find_root(par, i);
    return par;
}

static void scale_grid(vb_grid *g, double f)
{
    for (int i = 0; i <= g->nrows; i++)
        g->ys[i] = (int)(g->ys[i] * f);
    for (int i = 0; i <= g->ncols; i++)
        g->xs[i] = (int)(g->xs[i] * f);
    g->box = (vb_box){g->xs[0], g->ys[0], g->xs[g->ncols], g->ys[g->nrows]};
}

/* Keeps the segments that run from one rule of the other direction to the
 * next (a bold letter that survived the morphology spans no whole cell). */
static int keep_spanning(seg *s, int n, const int *other, int nother, int tol)
{
    int k = 0;
    for (int i = 0; i < n; i++) {
        int ok = 0;
        for (int j = 0; j + 1 < nother && !ok; j++)
            ok = s[i].lo <= other[j] + tol && s[i].hi >= other[j + 1] - tol;
        if (ok)
            s[k++] = s[i];
    }
    return k;
}

/* One table candidate region r of the masks → a grid appended to p. */
static int add_grid(PIX *bin, PIX *hm, PIX *vm, BOX *r, int tol, double scale, vb_gpage *p)
{
    int nh = 0, nv = 0, ny = 0, nx = 0, rc = 0;
    seg *hs = segments(hm, r, 1, &nh), *vs = segments(vm, r, 0, &nv);
    seg *hc = hs ? malloc(((size_t)nh + 1) * sizeof *hc) : NULL;
    seg *vc = vs ? malloc(((size_t)nv + 1) * sizeof *vc) : NULL;
    if (!hc || !vc) {
        rc = -1;
        goto done;
    }
    memcpy(hc, hs, (size_t)nh * sizeof *hc);
    memcpy(vc, vs, (size_t)nv * sizeof *vc);
    vb_grid g = {0};
    g.ys = rule_positions(hc, nh, tol, &ny);
    g.xs = rule_positions(vc, nv, tol, &nx);
    if (g.ys && g.xs) { /* again with the strays dropped */
        nv = keep_spanning(vs, nv, g.ys, ny, tol);
        nh = keep_spanning(hs, nh, g.xs, nx, tol);
        memcpy(hc, hs, (size_t)nh * sizeof *hc);
        memcpy(vc, vs, (size_t)nv * sizeof *vc);
        free(g.ys), free(g.xs);
        g.ys = rule_positions(hc, nh, tol, &ny);
        g.xs = rule_positions(vc, nv, tol, &nx);
    }
    if (!g.ys || !g.xs || ny < 2 || nx < 2) {
        rc = g.ys && g.xs ? 0 : -1;
        vb_grid_free(&g);
        goto done;
    }
    g.nrows = ny - 1, g.ncols = nx - 1;
    g.owner = owners(&g, bin, tol);
    vb_grid *t = g.owner ? realloc(p->grids, (p->ngrids + 1) * sizeof *t) : NULL;
    if (!t) {
        vb_grid_free(&g);
        rc = -1;
        goto done;
    }
    scale_grid(&g, scale);
    p->grids = t;
    p->grids[p->ngrids++] = g;
done:
    free(hs), free(vs), free(hc), free(vc);
    return rc;
}

/* The rule pixels inside the tables found (from first on), widened by 2:
 * the pieces of the line masks at least hlen wide or 2 vlen tall (the
 * grid is one such piece). Shorter ones are letters' strokes that survived
 * the morphology (bold, blurred or upscaled print: the stems of "l", "h",
 * "ê"); erasing them cut white stripes through the cells' text. */
static PIX *rules_mask(PIX *all, const vb_gpage *p, size_t first, int hlen, int vlen)
{
    PIX *in = pixCreateTemplate(all);
    for (size_t g = first; in && g < p->ngrids; g++) {
        const vb_box *b = &p->grids[g].box;
        BOX *box = boxCreate(b->x0 - 4, b->y0 - 4, b->x1 - b->x0 + 9, b->y1 - b->y0 + 9);
        if (box)
            pixSetInRect(in, box);
        boxDestroy(&box);
    }
    PIX *m = in ? pixAnd(NULL, in, all) : NULL;
    PIX *big = m ? pixSelectBySize(m, hlen, 2 * vlen, 8, L_SELECT_IF_EITHER, L_SELECT_IF_GTE, NULL)
                 : NULL;
    PIX *d = big ? pixDilateBrick(NULL, big, 5, 5) : NULL;
    pixDestroy(&in);
    pixDestroy(&m);
    pixDestroy(&big);
    return d;
}

int vb_find_grids(PIX *bin, int ppi, double scale, vb_gpage *p, PIX **mask)
{
    if (ppi <= 0)
        ppi = 300;
    int W = pixGetWidth(bin), H = pixGetHeight(bin);
    int hlen = W / 12 > ppi / 3 ? W / 12 : ppi / 3, vlen = ppi * 17 / 100;
    if (vlen < 8)
        vlen = 8;
    PIX *hc = pixCloseBrick(NULL, bin, 3, 1), *vc = pixCloseBrick(NULL, bin, 1, 3);
    PIX *hm = hc ? pixOpenBrick(NULL, hc, hlen, 1) : NULL;
    PIX *vm = vc ? pixOpenBrick(NULL, vc, 1, vlen) : NULL;
    PIX *all = hm && vm ? pixOr(NULL, hm, vm) : NULL;
    BOXA *ba = all ? pixConnCompBB(all, 8) : NULL;
    int rc = ba ? 0 : -1, n = ba ? boxaGetCount(ba) : 0;
    size_t first = p->ngrids;
    for (int i = 0; i < n && rc == 0; i++) {
        BOX *b = boxaGetBox(ba, i, L_CLONE);
        int x, y, w, h;
        boxGetGeometry(b, &x, &y, &w, &h);
        if (w > W / 4 && h > ppi / 4)
            rc = add_grid(bin, hm, vm, b, ppi / 40 + 2, scale, p);
        boxDestroy(&b);
    }
    (void)H;
    boxaDestroy(&ba);
    if (mask && rc == 0 && p->ngrids > first) /* the rules inside tables, with their halo */
        *mask = rules_mask(all, p, first, hlen, vlen);
    pixDestroy(&all), pixDestroy(&hm), pixDestroy(&vm), pixDestroy(&hc), pixDestroy(&vc);
    return rc;
}
