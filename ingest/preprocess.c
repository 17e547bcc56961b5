/* preprocess.c — page images for OCR: grey, background normalisation,
 * upscaling of low-resolution photos and faxes to an OCR-friendly text size
 * (measured from connected components, not trusted from the header), deskew
 * (pixFindSkew) and binarisation (Sauvola, see doc/pdf.md for the choice). */
#include "ingest/preprocess.h"

#include <leptonica/allheaders.h>
#include <math.h>
#include <stdlib.h>

/* Text height in pixels that Tesseract reads best (median component height
 * of 12-13 pt body text at 300 dpi is about 24-28). */
#define TARGET_CC_HEIGHT 26.0

void vb_prep_clear(vb_prep *p)
{
    pixDestroy(&p->gray);
    pixDestroy(&p->bin);
}

static int cmp_int(const void *a, const void *b)
{
    int x = *(const int *)a, y = *(const int *)b;
    return (x > y) - (x < y);
}

/* Median height of letter-like components of a binary image; 0 if too few. */
static double median_cc_height(PIX *bin)
{
    BOXA *ba = pixConnCompBB(bin, 8);
    if (!ba)
        return 0;
    int n = boxaGetCount(ba), m = 0, W = pixGetWidth(bin), H = pixGetHeight(bin);
    int *h = malloc(((size_t)n + 1) * sizeof *h);
    for (int i = 0; h && i < n; i++) {
        int x, y, bw, bh;
        boxaGetBoxGeometry(ba, i, &x, &y, &bw, &bh);
        if (bh >= 3 && bw >= 2 && bh < H / 3 && bh < 300 && bw < W / 4 && bw < 4 * bh)
            h[m++] = bh;
    }
    boxaDestroy(&ba);
    double med = 0;
    if (h && m >= 40) {
        qsort(h, (size_t)m, sizeof *h, cmp_int);
        med = h[m / 2];
    }
    free(h);
    return med;
}

static PIX *to_gray(PIX *src)
{
    PIX *g = pixConvertTo8(src, 0);
    if (g && pixGetColormap(g)) {
        PIX *t = pixRemoveColormap(g, REMOVE_CMAP_TO_GRAYSCALE);
        pixDestroy(&g);
        g = t;
    }
    return g;
}

/* Upscales gray when its text is small; returns the factor used. */
static double normalise_resolution(PIX **gray, int max_side)
{
    PIX *b = pixThresholdToBinary(*gray, 150);
    double med = b ? median_cc_height(b) : 0;
    pixDestroy(&b);
    if (med <= 0 || med >= TARGET_CC_HEIGHT * 0.7)
        return 1.0;
    double f = TARGET_CC_HEIGHT / med;
    int side = pixGetWidth(*gray) > pixGetHeight(*gray) ? pixGetWidth(*gray) : pixGetHeight(*gray);
    if (f > 4.0)
        f = 4.0;
    if (side * f > max_side)
        f = (double)max_side / side;
    if (f <= 1.05)
        return 1.0;
    PIX *s = pixScaleGrayLI(*gray, (float)f, (float)f);
    if (!s)
        return 1.0;
    pixDestroy(gray);
    *gray = s;
    return f;
}

static float deskew(PIX **gray)
{
    PIX *b = pixThresholdToBinary(*gray, 150);
    float angle = 0, conf = 0;
    if (!b || pixFindSkew(b, &angle, &conf) != 0 || conf < 2.5f || fabsf(angle) < 0.1f) {
        pixDestroy(&b);
        return 0;
    }
    pixDestroy(&b);
    PIX *r = pixRotate(*gray, (float)(angle * M_PI / 180.0), L_ROTATE_AREA_MAP,
                       L_BRING_IN_WHITE, 0, 0);
    if (!r)
        return 0;
    pixDestroy(gray);
    *gray = r;
    return angle;
}

/* What Tesseract reads. Measured on synthetic degraded scans (doc/pdf.md):
 * Sauvola with a window of about 2.3 text heights reads 300 dpi scans best;
 * on upscaled low-resolution photos Tesseract's own Otsu on the normalised
 * grey beats every binarisation tried, so those keep the grey. */
static int binarise(PIX *g, vb_prep *out)
{
    if (out->scale > 1.0) {
        out->bin = pixCopy(NULL, g);
        return out->bin ? 0 : -1;
    }
    int whsize = (int)(TARGET_CC_HEIGHT * 2.3);
    if (pixSauvolaBinarizeTiled(g, whsize, 0.34f, 1, 1, NULL, &out->bin) != 0)
        return -1;
    return out->bin ? 0 : -1;
}

vb_status vb_preprocess(PIX *src, int ppi, int max_side, vb_prep *out, vb_error *err)
{
    out->gray = out->bin = NULL;
    out->scale = 1.0;
    out->skew = 0;
    PIX *g = to_gray(src);
    PIX *n = g ? pixBackgroundNormSimple(g, NULL, NULL) : NULL;
    if (n) {
        pixDestroy(&g);
        g = n;
    }
    if (!g)
        return vb_error_set(err, VB_ERR_NOMEM, "out of memory preparing a page image");
    out->scale = normalise_resolution(&g, max_side);
    out->skew = deskew(&g);
    if (binarise(g, out) != 0) {
        pixDestroy(&g);
        return vb_error_set(err, VB_ERR_NOMEM, "out of memory binarising a page image");
    }
    out->gray = g;
    out->ppi = ppi > 0 ? (int)lround(ppi * out->scale) : 300;
    pixSetResolution(out->gray, out->ppi, out->ppi);
    pixSetResolution(out->bin, out->ppi, out->ppi);
    return VB_OK;
}

int vb_prep_rotate(vb_prep *p, int deg)
{
    int q = (deg / 90) % 4;
    if (q == 0)
        return 0;
    PIX *g = pixRotateOrth(p->gray, q), *b = pixRotateOrth(p->bin, q);
    if (!g || !b) {
        pixDestroy(&g);
        pixDestroy(&b);
        return -1;
    }
    pixDestroy(&p->gray);
    pixDestroy(&p->bin);
    p->gray = g;
    p->bin = b;
    return 0;
}

/* Rules are found on a light threshold of the normalised grey (background
 * 200): thin or blurred grey rules vanish in the OCR binarisation. */
int vb_prep_tables(vb_prep *pp, vb_gpage *p)
{
    PIX *light = pixThresholdToBinary(pp->gray, 195), *mask = NULL;
    if (!light)
        return -1;
    int rc = vb_find_grids(light, pp->ppi, 1.0, p, &mask);
    pixDestroy(&light);
    if (mask && pixGetDepth(pp->bin) == 1)
        pixSubtract(pp->bin, pp->bin, mask);
    else if (mask)
        pixPaintThroughMask(pp->bin, mask, 0, 0, 255);
    pixDestroy(&mask);
    return rc;
}
