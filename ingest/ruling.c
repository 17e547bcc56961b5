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

/* Is there a rule near pos covering point along? */
static int has_rule(const seg *s, int n, int pos, int along, int tol)
{
    for (int i = 0; i < n; i++)
        if (abs(s[i].pos - pos) <= tol && s[i].lo - tol <= along && along <= s[i].hi + tol)
            return 1;
    return 0;
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

/* Grid cells merged where the rule between them is missing. */
static int *owners(const vb_grid *g, const seg *hs, int nh, const seg *vs, int nv, int tol)
{
    int n = g->nrows * g->ncols;
    int *par = malloc((size_t)n * sizeof *par);
    if (!par)
        return NULL;
    for (int i = 0; i < n; i++)
        par[i] = i;
    for (int r = 0; r < g->nrows; r++)
        for (int c = 0; c < g->ncols; c++) {
            int ym = (g->ys[r] + g->ys[r + 1]) / 2, xm = (g->xs[c] + g->xs[c + 1]) / 2;
            if (c + 1 < g->ncols && !has_rule(vs, nv, g->xs[c + 1], ym, tol))
                unite(par, r * g->ncols + c, r * g->ncols + c + 1);
            if (r + 1 < g->nrows && !has_rule(hs, nh, g->ys[r + 1], xm, tol))
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
static int add_grid(PIX *hm, PIX *vm, BOX *r, int tol, double scale, vb_gpage *p)
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
    g.owner = owners(&g, hs, nh, vs, nv, tol);
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
    for (int i = 0; i < n && rc == 0; i++) {
        BOX *b = boxaGetBox(ba, i, L_CLONE);
        int x, y, w, h;
        boxGetGeometry(b, &x, &y, &w, &h);
        if (w > W / 4 && h > ppi / 4)
            rc = add_grid(hm, vm, b, ppi / 40 + 2, scale, p);
        boxDestroy(&b);
    }
    (void)H;
    boxaDestroy(&ba);
    if (mask && rc == 0 && p->ngrids > 0) /* the rules, widened by their halo */
        *mask = pixDilateBrick(NULL, all, 5, 5);
    pixDestroy(&all), pixDestroy(&hm), pixDestroy(&vm), pixDestroy(&hc), pixDestroy(&vc);
    return rc;
}
