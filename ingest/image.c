/* image.c — page images: TIFF (multi-page too), PNG, JPEG, JPEG 2000, GIF,
 * BMP through MuPDF's decoders (their warnings are caught, not printed, which
 * libjpeg/libtiff under Leptonica would print), WebP through Leptonica. Sizes
 * are checked from the header before anything is decoded; each page then
 * goes through clean-up and OCR (pages.c). */
#include "ingest/backends.h"

#include "core/engine.h"
#include "ingest/fzpix.h"
#include "ingest/jpeg.h"
#include "ingest/pages.h"

#include <stdio.h>
#include <stdlib.h>

typedef struct img_src {
    const unsigned char *data;
    size_t len;
    int tiff, webp, jpeg;
    char why[200];      /* libjpeg's words about a damaged JPEG */
    fz_context *ctx;
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

/* Width, height and resolution from the header only; -1 when unreadable. */
static int probe(img_src *s, int *w, int *h, int *res)
{
    if (s->jpeg) {
        vb_jpeg_info ji;
        int rc = vb_jpeg_read(s->data, s->len, 0, &ji, NULL, s->why, sizeof s->why);
        *w = ji.w, *h = ji.h, *res = ji.res;
        return rc;
    }
    if (!s->tiff) { /* Leptonica parses these headers itself, without printing */
        int fmt, bps, spp, cmap;
        *res = 0;
        if (pixReadHeaderMem(s->data, s->len, &fmt, w, h, &bps, &spp, &cmap) == 0 || s->webp)
            return s->webp && (*w <= 0 || *h <= 0) ? -1 : 0;
    }
    fz_context *ctx = s->ctx;
    fz_buffer *volatile buf = NULL;
    fz_image *volatile img = NULL;
    volatile int rc = 0;
    fz_try(ctx)
    {
        buf = fz_new_buffer_from_shared_data(ctx, s->data, s->len);
        img = fz_new_image_from_buffer(ctx, buf);
        *w = img->w, *h = img->h, *res = img->xres;
    }
    fz_always(ctx)
    {
        fz_drop_image(ctx, img);
        fz_drop_buffer(ctx, buf);
    }
    fz_catch(ctx) rc = -1;
    return rc;
}

/* Decodes page i to a grey Leptonica image; NULL when it cannot. */
static PIX *decode(img_src *s, size_t i, int res)
{
    if (s->jpeg) {
        vb_jpeg_info ji;
        PIX *pix = NULL;
        vb_jpeg_read(s->data, s->len, s->e->opt.limits.max_pixels, &ji, &pix, s->why,
                     sizeof s->why);
        return pix;
    }
    if (s->webp)
        return pixReadMem(s->data, s->len);
    fz_context *ctx = s->ctx;
    fz_buffer *volatile buf = NULL;
    fz_image *volatile img = NULL;
    fz_pixmap *volatile pm = NULL;
    fz_try(ctx)
    {
        if (s->tiff) {
            pm = fz_load_tiff_subimage(ctx, s->data, s->len, (int)i);
        } else {
            buf = fz_new_buffer_from_shared_data(ctx, s->data, s->len);
            img = fz_new_image_from_buffer(ctx, buf);
            pm = fz_get_pixmap_from_image(ctx, img, NULL, NULL, NULL, NULL);
        }
    }
    fz_always(ctx)
    {
        fz_drop_image(ctx, img);
        fz_drop_buffer(ctx, buf);
    }
    fz_catch(ctx) return NULL;
    int ppi = pm->xres > 0 ? pm->xres : res;
    PIX *pix = vb_pix_from_pixmap(ctx, pm, ppi);
    fz_drop_pixmap(ctx, pm);
    return pix;
}

/* vb_page_source: decodes page i on the calling thread. */
static vb_status img_page(void *arg, size_t i, vb_gpage *p, vb_pagejob *job, vb_error *err)
{
    img_src *s = arg;
    p->info.number = (int)i + 1;
    p->info.text_quality = -1;
    snprintf(p->info.reason, sizeof p->info.reason, "page image");
    PIX *pix = decode(s, i, 0);
    if (!pix && s->why[0])
        return vb_error_set(err, VB_ERR_FORMAT, "corrupt image: %s", s->why);
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

static int tiff_pages(img_src *s)
{
    volatile int n = 0;
    fz_try(s->ctx) n = fz_load_tiff_subimage_count(s->ctx, s->data, s->len);
    fz_catch(s->ctx) n = 0;
    return n;
}

static vb_status run(img_src *s, vb_layout *L, vb_error *err)
{
    int w = 0, h = 0, res = 0;
    if (probe(s, &w, &h, &res))
        return vb_error_set(err, VB_ERR_FORMAT, "corrupt image: cannot read its header%s%s",
                            s->why[0] ? ": " : "", s->why);
    vb_status st = check_size(w, h, s->e->opt.limits.max_pixels, err);
    if (st != VB_OK)
        return st;
    int n = s->tiff ? tiff_pages(s) : 1;
    if (n <= 0)
        return vb_error_set(err, VB_ERR_FORMAT, "corrupt image: a TIFF without pages");
    if (n > s->e->opt.limits.max_pages)
        return vb_error_set(err, VB_ERR_LIMIT, "TIFF has %d pages, more than the %d-page limit",
                            n, s->e->opt.limits.max_pages);
    vb_gpage *pages = calloc((size_t)n, sizeof *pages);
    if (!pages)
        return vb_error_set(err, VB_ERR_NOMEM, "out of memory");
    st = vb_pages_run(s->e, (size_t)n, img_page, s, pages, L, err);
    for (int i = 0; i < n; i++)
        vb_gpage_clear(&pages[i]);
    free(pages);
    return st;
}

vb_status vb_ingest_image(vb_engine *e, const unsigned char *data, size_t len, vb_layout *L,
                          vb_error *err)
{
    img_src s = {.data = data, .len = len, .e = e};
    s.tiff = L->format == VB_FMT_TIFF;
    s.webp = L->format == VB_FMT_WEBP;
    s.jpeg = L->format == VB_FMT_JPEG;
    s.ctx = vb_fz_new();
    if (!s.ctx)
        return vb_error_set(err, VB_ERR_NOMEM, "out of memory starting MuPDF");
    vb_status st = run(&s, L, err);
    vb_fz_drop(s.ctx);
    return st;
}
