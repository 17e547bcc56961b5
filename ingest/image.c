/* image.c — page images (TIFF, multi-page too; PNG, JPEG, JPEG 2000, WebP,
 * BMP, GIF) through Leptonica, then OCR page by page (pages.c). Sizes are
 * checked from the header before anything is decoded. */
#include "ingest/backends.h"

#include "core/engine.h"
#include "ingest/pages.h"

#include <leptonica/allheaders.h>
#include <stdio.h>
#include <stdlib.h>

typedef struct img_src {
    const unsigned char *data;
    size_t len;
    int tiff;
    vb_engine *e;
} img_src;

static vb_status check_size(int w, int h, uint64_t max, vb_error *err)
{
    if ((uint64_t)w > max || (uint64_t)h > max)
        return vb_error_set(err, VB_ERR_LIMIT,
                            "image too large: %d\xC3\x97%d pixels exceeds the %llu-pixel limit", w,
                            h, (unsigned long long)max);
    if (w <= 0 || h <= 0)
        return vb_error_set(err, VB_ERR_FORMAT, "corrupt image: %d\xC3\x97%d pixels", w, h);
    return VB_OK;
}

/* Pages in a TIFF (fmemopen: Leptonica counts from a stream). */
static int tiff_pages(const unsigned char *data, size_t len)
{
    FILE *f = fmemopen((void *)data, len, "rb");
    int n = 0;
    if (!f)
        return 0;
    if (tiffGetCount(f, &n) != 0)
        n = 0;
    fclose(f);
    return n;
}

/* vb_page_source: decodes page i. */
static vb_status img_page(void *arg, size_t i, vb_gpage *p, vb_pagejob *job, vb_error *err)
{
    img_src *s = arg;
    p->info.number = (int)i + 1;
    p->info.text_quality = -1;
    snprintf(p->info.reason, sizeof p->info.reason, "page image");
    PIX *pix = s->tiff ? pixReadMemTiff(s->data, s->len, (int)i) : pixReadMem(s->data, s->len);
    if (!pix)
        return vb_error_set(err, VB_ERR_FORMAT, "corrupt image: cannot decode page %zu", i + 1);
    vb_status st = check_size(pixGetWidth(pix), pixGetHeight(pix), s->e->opt.limits.max_pixels,
                              err);
    if (st != VB_OK) {
        pixDestroy(&pix);
        return st;
    }
    int res = pixGetXRes(pix);
    job->ocr = pix;
    job->ppi = res >= 50 && res <= 2400 ? res : 0;
    return VB_OK;
}

vb_status vb_ingest_image(vb_engine *e, const unsigned char *data, size_t len, vb_layout *L,
                          vb_error *err)
{
    setMsgSeverity(L_SEVERITY_NONE);
    int fmt = 0, w = 0, h = 0, bps = 0, spp = 0, cmap = 0;
    if (pixReadHeaderMem(data, len, &fmt, &w, &h, &bps, &spp, &cmap) != 0)
        return vb_error_set(err, VB_ERR_FORMAT, "corrupt image: cannot read its header");
    vb_status st = check_size(w, h, e->opt.limits.max_pixels, err);
    if (st != VB_OK)
        return st;
    img_src s = {data, len, L->format == VB_FMT_TIFF, e};
    int n = s.tiff ? tiff_pages(data, len) : 1;
    if (n <= 0)
        return vb_error_set(err, VB_ERR_FORMAT, "corrupt image: a TIFF without pages");
    if (n > e->opt.limits.max_pages)
        return vb_error_set(err, VB_ERR_LIMIT, "TIFF has %d pages, more than the %d-page limit",
                            n, e->opt.limits.max_pages);
    vb_gpage *pages = calloc((size_t)n, sizeof *pages);
    if (!pages)
        return vb_error_set(err, VB_ERR_NOMEM, "out of memory");
    st = vb_pages_run(e, (size_t)n, img_page, &s, pages, L, err);
    for (int i = 0; i < n; i++)
        vb_gpage_clear(&pages[i]);
    free(pages);
    return st;
}
